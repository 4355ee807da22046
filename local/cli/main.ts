import { readFileSync } from 'node:fs';
import type { Command } from './command.js';
import { envCommand } from './env.js';
import { eventCommand } from './event.js';
import { invokeCommand } from './invoke.js';
import { processIo, type CliIo } from './io.js';
import { sqsCommand } from './sqs.js';
import { upCommand } from './up.js';

// `ferry <command> [flags]`. A command is one file exporting a Command; list it here and it is
// dispatched and shown in the usage.

const COMMANDS: readonly Command[] = [upCommand, sqsCommand, envCommand, invokeCommand, eventCommand];

export function usage(): string {
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`);
  return `Usage: ferry <command> [flags]\n\nCommands:\n${lines.join('\n')}\n\nRun 'ferry <command> --help' for its flags; 'ferry --version' for the version.`;
}

/** `ferry 0.1.0 (Node.js v20.20.2)`: the package's version, and the Node.js that runs it. */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return `ferry ${pkg.version} (Node.js ${process.version})`;
}

/** Runs the command named by argv[0]; resolves to the process exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    io.out(version());
    return 0;
  }
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
