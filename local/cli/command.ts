import type { CliIo } from './io.js';

/** One `ferry <command>`: a file exporting one of these, listed in main.ts with its summary. */
export interface Command {
  name: string;
  /** Runs until done (a server: until stopped); resolves to the exit code. */
  run(argv: string[], io: CliIo): Promise<number>;
}
