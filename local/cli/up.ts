import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULTS, describeStore } from '../config/index.js';
import { formatStatus, startRuntime, type Runtime, type RuntimeOptions } from '../runtime/index.js';
import { AUTH_OPTIONS, authFlags, authUsage, type KeyPair } from './auth.js';
import type { Command } from './command.js';
import { envLines } from './env.js';
import { inspectFlag, overridesFlag, portFlag, spreadOverrides, storeFlags } from './flags.js';
import { ALLOW_HOSTS_ENV, allowHostsOf } from '../http/hosts.js';
import type { CliIo } from './io.js';
import { AlarmLines } from './alarm-summary.js';
import { TerminalOutput, type LogFormat } from './terminal.js';
import { watchProject } from './watch.js';

const { ports } = DEFAULTS;
/** The local profile's file, beside the template. */
const LOCAL_PARAMETERS = 'local.parameters.json';
const USAGE = `Usage: ferry up [--template ${DEFAULTS.template}] [--host ${DEFAULTS.host}]
                [--api-port ${ports.api}] [--sqs-port ${ports.sqs}] [--console-port ${ports.console}]
                [--data ${DEFAULTS.dataDir} | --memory] [--concurrency <n>] [--watch]
                [--parameters <file> | none] [--parameter-overrides Key=Value ...]
                [--log-format pretty|json]
                [--inspect[=[host:]port]] [--allow-host <name> ...]
                [--access-key <id> --secret-key <secret> | --no-auth]

Runs the whole template on this machine: its HTTP API, functions, queues and event source mappings,
one AWS endpoint (SQS, CloudWatch Logs, CloudWatch, CloudFormation) and the web console.
  --template             the CloudFormation template (default ${DEFAULTS.template})
  --host                 address to bind (default ${DEFAULTS.host})
  --allow-host           a Host name every port answers besides localhost, *.localhost, IP
                         addresses and --host (repeatable; or FERRY_ALLOW_HOSTS=a,b), such as
                         host.docker.internal; other names get 403 (DNS rebinding)
  --api-port             port of the HTTP API (default ${ports.api}; 0 picks a free one)
  --sqs-port             port of the SQS endpoint (default ${ports.sqs}; 0 picks a free one)
  --console-port         port of the console (default ${ports.console}; 0 picks a free one)
  --data                 directory of the durable queue store (default ${DEFAULTS.dataDir}/)
  --memory               keep queues and messages in memory only
  --concurrency          execution environments per function when the template sets no
                         ReservedConcurrentExecutions (default: the number of CPU cores)
  --parameters           a file of parameter values (default: local.parameters.json beside the
                         template, the local profile, when there is one; none: the template's own)
  --parameter-overrides  template parameters, like the AWS CLI: Key=Value Key2=Value2 ...
                         (they win over the file's)
  --watch                rebuild on a change under services/ or schemas/ (the functions run the new
                         code from their next invocation) and re-plan on a template change; queues,
                         messages, logs and metrics stay (npm start watches by default)
  --log-format           pretty: one short line per function log line (time, function, level,
                         correlation id, message, outcome fields; errors in red unless NO_COLOR);
                         json: each raw line as the function wrote it (default: pretty on a
                         terminal, json otherwise)

  --inspect              open the debugger (default ${DEFAULTS.host}:${DEFAULTS.inspectorPort}): VS Code or Chrome DevTools attach
                         and break in the functions' TypeScript; a function's timeout waits while
                         the debugger holds it paused (Lambda's 15-minute limit stays)
${authUsage(`
                (SQS, CloudWatch Logs, CloudWatch, CloudFormation); the pollers, the functions
                and the console sign with them, ferry invoke and ferry env take them from
                FERRY_ACCESS_KEY / FERRY_SECRET_KEY`)}`;

const OPTIONS = {
  template: { type: 'string' },
  host: { type: 'string' },
  'allow-host': { type: 'string', multiple: true },
  'api-port': { type: 'string' },
  'sqs-port': { type: 'string' },
  'console-port': { type: 'string' },
  data: { type: 'string' },
  memory: { type: 'boolean' },
  concurrency: { type: 'string' },
  'parameter-overrides': { type: 'string', multiple: true },
  parameters: { type: 'string' },
  watch: { type: 'boolean' },
  'log-format': { type: 'string' },
  inspect: { type: 'string' },
  ...AUTH_OPTIONS,
  help: { type: 'boolean', short: 'h' },
} as const;

type UpOptions = Omit<RuntimeOptions, 'onLog' | 'onAccess' | 'onAlarm' | 'onError'> & {
  watch?: boolean;
  logFormat?: LogFormat;
  /** Printed before the runtime starts: it listens on a non-loopback address. */
  warning?: string;
};
const LOG_FORMATS: readonly string[] = ['pretty', 'json'] satisfies LogFormat[];

/** Flags -> runtime options, or the message naming what is wrong. */
export function parseUpFlags(argv: string[], env: CliIo['env'] = {}): UpOptions | { help: true } | string {
  let values;
  try {
    // A bare --inspect is Node.js's own default address.
    const bare = `--inspect=${DEFAULTS.host}:${DEFAULTS.inspectorPort}`;
    const args = spreadOverrides(argv).map((arg) => (arg === '--inspect' ? bare : arg));
    ({ values } = parseArgs({ args, options: OPTIONS, strict: true }));
  } catch (error) {
    return (error as Error).message;
  }
  if (values.help) return { help: true };
  const api = portFlag('api-port', values['api-port'], ports.api);
  const sqs = portFlag('sqs-port', values['sqs-port'], ports.sqs);
  const console = portFlag('console-port', values['console-port'], ports.console);
  const store = storeFlags(values);
  const inspect = values.inspect === undefined ? undefined : inspectFlag(values.inspect);
  const allowHosts = allowHostsOf(values['allow-host'], env[ALLOW_HOSTS_ENV]);
  for (const checked of [api, sqs, console, store, inspect, allowHosts])
    if (typeof checked === 'string') return checked;
  const logFormat = values['log-format'];
  if (logFormat !== undefined && !LOG_FORMATS.includes(logFormat))
    return `--log-format must be pretty or json, got '${logFormat}'`;
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1))
    return `--concurrency must be a positive integer, got '${values.concurrency}'`;
  const templatePath = resolve(values.template ?? DEFAULTS.template);
  const parametersFile = parameterFile(values.parameters, templatePath);
  const host = values.host ?? DEFAULTS.host;
  const auth = authFlags(values, env, host);
  if (typeof auth === 'string') return auth;
  const options: UpOptions = {
    templatePath,
    host,
    ports: { api: api as number, sqs: sqs as number, console: console as number },
    store: store as UpOptions['store'],
  };
  if (allowHosts.length > 0) options.allowHosts = allowHosts as string[];
  if (concurrency !== undefined) options.functionConcurrency = concurrency;
  if (parametersFile !== undefined) options.parametersFile = parametersFile;
  if (values.watch) options.watch = true;
  if (logFormat !== undefined) options.logFormat = logFormat as LogFormat;
  if (inspect !== undefined) options.inspect = inspect as NonNullable<UpOptions['inspect']>;
  if (auth.keys !== undefined) options.auth = auth.keys;
  if (auth.warning !== undefined) options.warning = auth.warning;
  const overrides = overridesFlag(values['parameter-overrides']);
  if (typeof overrides === 'string') return overrides;
  if (overrides.record !== undefined) options.parameterOverrides = overrides.record;
  return options;
}

/** --parameters: a file, `none`, or by default the template's local.parameters.json if it has one. */
export function parameterFile(flag: string | undefined, templatePath: string): string | undefined {
  if (flag === 'none') return undefined;
  if (flag !== undefined) return resolve(flag);
  const beside = join(dirname(templatePath), LOCAL_PARAMETERS);
  return existsSync(beside) ? beside : undefined;
}

/** `auth`: the keys the endpoint requires (the secret is not printed). */
export function readyText(runtime: Runtime, where: string, auth?: KeyPair): string {
  const { endpoints } = runtime;
  const rows: [string, string][] = [
    ...Object.entries(endpoints.apis).map(([id, url]): [string, string] => [`API (${id})`, url]),
    ['SQS', endpoints.sqs],
    ['console', endpoints.console],
  ];
  const outputs = Object.entries(runtime.outputs);
  const aws = envLines(endpoints.sqs, auth, false).map((line) => `  ${line}`);
  const width = Math.max(...rows.map(([k]) => k.length), ...outputs.map(([k]) => k.length));
  const lines = [
    `ferry up: stack ${runtime.model.stack.stackName}, ${where}, ready in ${Math.round(runtime.startupMs)} ms`,
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
    'Outputs:',
    ...outputs.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
    'AWS CLI and SDKs (paste, or eval "$(npx ferry env)"):',
    ...aws,
  ];
  if (runtime.inspector !== undefined) lines.push(...debuggerLines(runtime.inspector));
  lines.push(...runtime.warnings);
  return lines.join('\n');
}

/** Where the debugger is, how to attach, and what it does to timeouts. */
export function debuggerLines(url: string): string[] {
  const { hostname, port } = new URL(url);
  return [
    `Debugger: ${url}`,
    `  VS Code: "Attach to Node.js Process", or a launch.json "attach" with "port": ${port}`,
    `  Chrome:  chrome://inspect, Configure..., add ${hostname}:${port}, then "inspect" under Remote Target`,
    "  Breakpoints bind in services/**/*.ts (source maps). A function's timeout waits while it is",
    "  paused in the debugger; one that hangs still times out, and Lambda's 15 minutes stay the limit.",
  ];
}

/**
 * The terminal's output: raw with a status line on a TTY, else line by line through `io.out`.
 * Pretty log lines by default on a TTY, raw JSON otherwise; colour on a TTY unless NO_COLOR is set
 * (https://no-color.org).
 */
export function terminalOf(io: CliIo, flag?: LogFormat): TerminalOutput {
  const stdout = io.stdout;
  const tty = stdout?.isTTY === true;
  const format = flag ?? (tty ? 'pretty' : 'json');
  const color = tty && !io.env.NO_COLOR;
  if (stdout !== undefined)
    return new TerminalOutput((text) => stdout.write(text), tty, true, { format, color });
  return new TerminalOutput((text) => io.out(text.replace(/\n$/, '')), false, true, { format, color });
}

/** Redraws the status line every 250 ms on a terminal; answers the function that stops it. */
function drawStatus(out: TerminalOutput, runtime: Runtime): () => void {
  if (!out.tty) return () => undefined;
  let timer: NodeJS.Timeout | undefined;
  const tick = () =>
    runtime
      .status()
      .then((s) => out.setStatus(formatStatus(s)))
      .catch(() => undefined)
      .finally(() => (timer = setTimeout(tick, 250)));
  tick();
  return () => clearTimeout(timer);
}

async function up({ watch, logFormat, warning, ...options }: UpOptions, io: CliIo): Promise<number> {
  if (warning !== undefined) io.err(`ferry up: ${warning}`);
  const stop = io.stopSignal();
  const out = terminalOf(io, logFormat);
  const alarms = new AlarmLines((line) => out.line(line), out.colored);
  let runtime: Runtime;
  try {
    runtime = await startRuntime({
      ...options,
      onLog: (record) => out.log(record),
      // The first evaluation in one line, then one line per state change, among the function lines.
      onAlarm: (change) => alarms.change(change),
      onError: (where, error) => out.line(`ferry up: ${where}: ${(error as Error).message ?? String(error)}`),
    });
  } catch (error) {
    out.ready();
    io.err(`ferry up: cannot start: ${(error as Error).message}`);
    return 1;
  }
  const from =
    options.parametersFile && `, parameters from ${relative(process.cwd(), options.parametersFile)}`;
  out.stackName(runtime.model.stack.stackName);
  out.ready(readyText(runtime, `${describeStore(options.store)}${from || ''}`, options.auth));
  const stopStatus = drawStatus(out, runtime);
  const watching = watch
    ? watchProject({
        root: process.cwd(),
        templatePath: options.templatePath,
        runtime,
        out: (line) => out.line(line),
      })
    : undefined;
  const signal = await stop;
  watching?.close();
  stopStatus();
  out.setStatus('');
  out.line(`ferry up: ${signal}: stopping (in-flight invocations finish; a second signal exits at once)`);
  out.flush();
  await runtime.stop();
  out.line('ferry up: stopped');
  out.flush();
  return 0;
}

export const upCommand: Command = {
  name: 'up',
  async run(argv, io) {
    const parsed = parseUpFlags(argv, io.env);
    if (typeof parsed === 'string') {
      io.err(`ferry up: ${parsed}\n\n${USAGE}`);
      return 2;
    }
    if ('help' in parsed) {
      io.out(USAGE);
      return 0;
    }
    return up(parsed, io);
  },
};
