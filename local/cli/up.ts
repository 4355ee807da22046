import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { LogRecord } from '../lambda/index.js';
import {
  formatAlarmChange,
  formatStatus,
  startRuntime,
  type Runtime,
  type RuntimeOptions,
} from '../runtime/index.js';
import type { Command } from './types.js';

const USAGE = `Usage: ferry up [--template cloudformation/template.yaml] [--host 127.0.0.1]
                [--api-port 3000] [--sqs-port 9324] [--console-port 9325]
                [--data .ferry | --memory] [--concurrency <n>] [--parameter-overrides Key=Value ...]

Runs the whole template on this machine: its HTTP API, functions, queues and event source mappings.
  --template             the CloudFormation template (default cloudformation/template.yaml)
  --host                 address to bind (default 127.0.0.1)
  --api-port             port of the HTTP API (default 3000; 0 picks a free one)
  --sqs-port             port of the SQS endpoint (default 9324; 0 picks a free one)
  --console-port         port of the console (default 9325; 0 picks a free one)
  --data                 directory of the durable queue store (default .ferry/)
  --memory               keep queues and messages in memory only
  --concurrency          execution environments per function when the template sets no
                         ReservedConcurrentExecutions (default: the number of CPU cores)
  --parameter-overrides  template parameters, like the AWS CLI: Key=Value Key2=Value2 ...`;

const OPTIONS = {
  template: { type: 'string' },
  host: { type: 'string' },
  'api-port': { type: 'string' },
  'sqs-port': { type: 'string' },
  'console-port': { type: 'string' },
  data: { type: 'string' },
  memory: { type: 'boolean' },
  concurrency: { type: 'string' },
  'parameter-overrides': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

type UpOptions = Omit<RuntimeOptions, 'onLog' | 'onAccess' | 'onAlarm' | 'onError'>;

/** `--parameter-overrides A=1 B=2` takes every word up to the next flag, as the AWS CLI does. */
function spreadOverrides(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    out.push(arg);
    if (arg !== '--parameter-overrides') continue;
    let taken = 0;
    while (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) {
      if (taken++ > 0) out.push('--parameter-overrides');
      out.push(argv[++i]!);
    }
  }
  return out;
}

/** Flags -> runtime options, or the message naming what is wrong. */
export function parseUpFlags(argv: string[]): UpOptions | { help: true } | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: spreadOverrides(argv),
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return (error as Error).message;
  }
  if (values.help) return { help: true };
  const ports: Record<string, number> = {};
  for (const [flag, fallback] of [
    ['api-port', 3000],
    ['sqs-port', 9324],
    ['console-port', 9325],
  ] as const) {
    const raw = values[flag];
    const port = Number(raw ?? fallback);
    if (raw === '' || !Number.isInteger(port) || port < 0 || port > 65535)
      return `--${flag} must be an integer from 0 to 65535, got '${raw}'`;
    ports[flag] = port;
  }
  if (values.memory && values.data !== undefined) return '--data and --memory cannot be used together';
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1))
    return `--concurrency must be a positive integer, got '${values.concurrency}'`;
  const options: UpOptions = {
    templatePath: resolve(values.template ?? 'cloudformation/template.yaml'),
    host: values.host ?? '127.0.0.1',
    apiPort: ports['api-port']!,
    sqsPort: ports['sqs-port']!,
    consolePort: ports['console-port']!,
  };
  if (concurrency !== undefined) options.functionConcurrency = concurrency;
  if (values.memory) options.memory = true;
  else options.dataDir = resolve(values.data ?? '.ferry');
  const overrides = values['parameter-overrides'];
  if (overrides !== undefined) {
    const bad = overrides.find((pair) => pair.indexOf('=') <= 0);
    if (bad !== undefined) return `--parameter-overrides: '${bad}' is not Key=Value`;
    options.parameterOverrides = overrides;
  }
  return options;
}

/**
 * Function log lines, each prefixed by its function; on a terminal the status line stays below
 * them. Lines are gathered and written once per turn of the event loop: one write for many lines
 * keeps a busy pipeline's logging from costing a system call per line.
 */
export class Console {
  private status = '';
  private pending: string[] = [];
  private scheduled = false;
  private width = 0;

  /**
   * `write` takes raw text; `tty` draws the status line in place. While `held`, lines wait (those
   * logged during start-up: prewarmed functions, first alarm states) until `ready` prints the
   * ready text above them.
   */
  constructor(
    private readonly write: (text: string) => void,
    readonly tty: boolean,
    private held = false,
  ) {}

  /** Prints `text` (when given) first, then what waited while held. */
  ready(text?: string): void {
    this.held = false;
    if (text !== undefined) this.pending.unshift(text);
    this.flush();
  }

  line(text: string): void {
    this.pending.push(text);
    this.schedule();
  }

  log(record: LogRecord): void {
    this.width = Math.max(this.width, record.functionName.length);
    this.line(`${record.functionName.padEnd(this.width)} | ${record.message}`);
  }

  setStatus(text: string): void {
    if (!this.tty || text === this.status) return;
    this.status = text;
    this.schedule();
  }

  /** Writes what is pending (the status line redrawn under it). */
  flush(): void {
    this.scheduled = false;
    if (this.held) return;
    let text = this.pending.length > 0 ? `${this.pending.join('\n')}\n` : '';
    this.pending = [];
    if (this.tty) text = `\r\u001b[2K${text}${this.status}`;
    if (text !== '') this.write(text);
  }

  private schedule(): void {
    if (this.scheduled || this.held) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }
}

export function readyText(runtime: Runtime, where: string): string {
  const { endpoints } = runtime;
  const rows: [string, string][] = [
    ...Object.entries(endpoints.apis).map(([id, url]): [string, string] => [`API (${id})`, url]),
    ['SQS', endpoints.sqs],
    ['console', endpoints.console],
  ];
  const outputs = Object.entries(runtime.outputs);
  const width = Math.max(...rows.map(([k]) => k.length), ...outputs.map(([k]) => k.length));
  const lines = [
    `ferry up: stack ${runtime.model.stack.stackName}, ${where}, ready in ${Math.round(runtime.startupMs)} ms`,
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
    'Outputs:',
    ...outputs.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
  ];
  if (runtime.warning) lines.push(runtime.warning);
  return lines.join('\n');
}

export const upCommand: Command = {
  name: 'up',
  summary: 'run the whole template locally (API, functions, queues, event source mappings)',
  async run(argv, io) {
    const parsed = parseUpFlags(argv);
    if (typeof parsed === 'string') {
      io.err(`ferry up: ${parsed}\n\n${USAGE}`);
      return 2;
    }
    if ('help' in parsed) {
      io.out(USAGE);
      return 0;
    }
    const stop = io.stopSignal();
    // The status line is drawn only on a terminal; piped output gets the log lines alone.
    // (processIo is the io whose env is the process's own; tests pass their own.)
    const own = io.env === process.env;
    const out = new Console(
      own ? (text) => process.stdout.write(text) : (text) => io.out(text.replace(/\n$/, '')),
      own && process.stdout.isTTY === true,
      true,
    );
    let runtime: Runtime;
    try {
      runtime = await startRuntime({
        ...parsed,
        onLog: (record) => out.log(record),
        // One line per alarm state change, among the function lines.
        onAlarm: (change) => out.line(formatAlarmChange(change)),
        onError: (where, error) =>
          out.line(`ferry up: ${where}: ${(error as Error).message ?? String(error)}`),
      });
    } catch (error) {
      out.ready();
      io.err(`ferry up: cannot start: ${(error as Error).message}`);
      return 1;
    }
    out.ready(readyText(runtime, parsed.memory ? 'in memory' : `durable in ${parsed.dataDir}`));
    let timer: NodeJS.Timeout | undefined;
    if (out.tty) {
      const tick = () =>
        runtime
          .status()
          .then((s) => out.setStatus(formatStatus(s)))
          .catch(() => undefined)
          .finally(() => (timer = setTimeout(tick, 250)));
      tick();
    }
    const signal = await stop;
    clearTimeout(timer);
    out.setStatus('');
    out.line(`ferry up: ${signal}: stopping (in-flight invocations finish; a second signal exits at once)`);
    out.flush();
    await runtime.stop();
    out.line('ferry up: stopped');
    out.flush();
    return 0;
  },
};
