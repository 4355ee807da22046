import { sqsCommand } from './sqs.js';
import type { Command } from './types.js';
import { upCommand } from './up.js';

// `ferry <command> [flags]`. A command is one file exporting a Command; add it here
// (`ferry up` will be the next one) and it is dispatched and listed in the usage.

const COMMANDS: readonly Command[] = [sqsCommand, upCommand];

export function usage(): string {
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`);
  return `Usage: ferry <command> [flags]\n\nCommands:\n${lines.join('\n')}\n\nRun 'ferry <command> --help' for its flags.`;
}

/** Runs the command named by argv[0]; resolves to the process exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.err(`ferry: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  return command.run(rest, io);
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  stopSignal(): Promise<string>;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  stopSignal: () =>
    new Promise((resolve) => {
      const on = (signal: string): void => {
        process.off('SIGINT', on);
        process.off('SIGTERM', on);
        // A second signal while closing stops at once.
        const force = (): void => process.exit(1);
        process.once('SIGINT', force);
        process.once('SIGTERM', force);
        resolve(signal);
      };
      process.on('SIGINT', on);
      process.on('SIGTERM', on);
    }),
};
