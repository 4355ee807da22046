import { readFileSync } from 'node:fs';
import type { Command } from './command.js';
import { processIo, type CliIo } from './io.js';

// `ferry <command> [flags]`. A command is one file exporting a Command; list it here and it is
// dispatched and shown in the usage. Its file is imported only when it runs, so `ferry env` or
// `ferry --help` does not load (and compile) the whole runtime.

interface Entry {
  name: string;
  /** One line for `ferry --help`. */
  summary: string;
  load(): Promise<Command>;
}

const COMMANDS: readonly Entry[] = [
  {
    name: 'up',
    summary: 'run the whole template locally (API, functions, queues, event source mappings)',
    load: async () => (await import('./up.js')).upCommand,
  },
  {
    name: 'sqs',
    summary: 'run the SQS-compatible server',
    load: async () => (await import('./sqs.js')).sqsCommand,
  },
  {
    name: 'env',
    summary: 'print the variables that point the AWS CLI and SDKs at the local endpoint',
    load: async () => (await import('./env.js')).envCommand,
  },
  {
    name: 'invoke',
    summary: 'run one function of the template once with an event (ferry event makes one)',
    load: async () => (await import('./invoke.js')).invokeCommand,
  },
  {
    name: 'event',
    summary: 'print a sample API or SQS event of the template, for ferry invoke',
    load: async () => (await import('./event.js')).eventCommand,
  },
];

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
  const entry = COMMANDS.find((c) => c.name === name);
  if (entry === undefined) {
    io.err(`ferry: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  const command = await entry.load();
  return command.run(rest, io);
}
