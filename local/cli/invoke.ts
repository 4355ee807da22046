// `ferry invoke <function> [--event file.json | -]`: one function of the template, run once with
// one event, as `ferry up` runs it; its log lines on stderr, its result (JSON) on stdout.
import { readFile } from 'node:fs/promises';
import { DEFAULTS } from '../config/index.js';
import { invokeOnce, InvokeError, type InvokeOnceOptions } from '../runtime/index.js';
import { envKeys } from './auth.js';
import type { Command } from './command.js';
import { parseCommandArgs } from './flags.js';
import type { CliIo } from './io.js';
import { TEMPLATE_OPTIONS, TEMPLATE_USAGE, templateFlags } from './template-flags.js';

const USAGE = `Usage: ferry invoke <function> [--event <file.json> | --event -] [--template ${DEFAULTS.template}]
                    [--parameters <file> | none] [--parameter-overrides Key=Value ...] [--sqs-port ${DEFAULTS.ports.sqs}]

Runs one function of the template once, with one event, as ferry up runs it (its code, handler,
memory, timeout and environment): its log lines on stderr, its result (JSON) on stdout. Exit 0 when
it returned, 1 when it failed (Lambda's errorType and errorMessage), 2 for a usage error.
Its SQS calls go to the queues of a ferry up answering on --sqs-port; with none, to an in-memory
SQS endpoint with the template's queues (gone when it returns). With FERRY_ACCESS_KEY and
FERRY_SECRET_KEY set, the function and ferry invoke sign with them (a ferry up that requires them).
  <function>             logical id (ProducerFunction), name (ferry-producer) or ARN
  --event                the event: a JSON file, or - for stdin (default {}); ferry event makes one
${TEMPLATE_USAGE}`;

const OPTIONS = {
  ...TEMPLATE_OPTIONS,
  event: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type InvokeFlags = Omit<InvokeOnceOptions, 'event' | 'onLog'> & { eventFrom?: string };

/** Flags -> what to invoke and with which event source, or the message naming what is wrong. */
export function parseInvokeFlags(argv: string[]): InvokeFlags | { help: true } | string {
  const parsed = parseCommandArgs(argv, OPTIONS);
  if (typeof parsed === 'string') return parsed;
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  // Without a function, the invocation fails naming the template's (FunctionNotFound).
  if (positionals.length > 1) return `one function at a time, got ${positionals.join(' ')}`;
  const template = templateFlags(values);
  if (typeof template === 'string') return template;
  const flags: InvokeFlags = { ...template, function: positionals[0] ?? '' };
  if (values.event !== undefined) flags.eventFrom = values.event;
  return flags;
}

/** The event: the file's (or stdin's, for -) JSON, or {} without --event; else what is wrong. */
export async function readEvent(
  from: string | undefined,
  stdin: () => Promise<string>,
): Promise<{ event: unknown } | string> {
  if (from === undefined) return { event: {} };
  let text: string;
  try {
    text = from === '-' ? await stdin() : await readFile(from, 'utf8');
  } catch (error) {
    return `--event ${from}: cannot read it: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
  }
  try {
    return { event: JSON.parse(text) as unknown };
  } catch (error) {
    return `--event ${from === '-' ? '- (stdin)' : from}: not JSON: ${(error as Error).message}`;
  }
}

async function processStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function invoke(flags: InvokeFlags, io: CliIo, stdin: () => Promise<string>): Promise<number> {
  const read = await readEvent(flags.eventFrom, stdin);
  if (typeof read === 'string') return usageError(io, read);
  let width = 0;
  let result;
  try {
    result = await invokeOnce({
      ...flags,
      event: read.event,
      onLog: (record) => {
        width = Math.max(width, record.functionName.length);
        io.err(`${record.functionName.padEnd(width)} | ${record.message.replace(/\n$/, '')}`);
      },
    });
  } catch (error) {
    if (error instanceof InvokeError) {
      io.err(`ferry invoke: ${error.message}`);
      return 2;
    }
    io.err(`ferry invoke: cannot invoke ${flags.function}: ${(error as Error).message}`);
    return 1;
  }
  const { outcome, functionName, against } = result;
  const left = Object.entries(result.queued ?? {}).map(([q, n]) => `${n} on ${q}`);
  const where =
    against.kind === 'running'
      ? `the running stack at ${against.endpoint}, and its log lines to that stack's CloudWatch Logs`
      : `an in-memory SQS endpoint with the template's queues (no ferry up answered on ${flags.ports?.sqs ?? DEFAULTS.ports.sqs}), ` +
        `gone now: ${left.length === 0 ? 'no message left on them' : `messages left: ${left.join(', ')}`}`;
  for (const problem of result.logProblems ?? [])
    io.err(`ferry invoke: a log line was not stored in the running stack: ${problem}`);
  if (outcome.ok) {
    io.out(JSON.stringify(outcome.result ?? null, null, 2));
    io.err(`ferry invoke: ${functionName} returned; its SQS calls went to ${where}`);
    return 0;
  }
  io.out(JSON.stringify(outcome.error, null, 2));
  io.err(`ferry invoke: ${functionName} failed: ${outcome.error.errorType}: ${outcome.error.errorMessage}`);
  return 1;
}

function usageError(io: CliIo, message: string): number {
  io.err(`ferry invoke: ${message}\n\n${USAGE}`);
  return 2;
}

/** `stdin` is injectable for tests; the command reads the process's. */
export function invokeCommandWith(stdin: () => Promise<string>): Command {
  return {
    name: 'invoke',
    async run(argv, io) {
      const parsed = parseInvokeFlags(argv);
      if (typeof parsed === 'string') return usageError(io, parsed);
      if ('help' in parsed) {
        io.out(USAGE);
        return 0;
      }
      const auth = envKeys(io.env);
      return invoke(auth === undefined ? parsed : { ...parsed, auth }, io, stdin);
    },
  };
}

export const invokeCommand = invokeCommandWith(processStdin);
