// One function log line as `ferry up` shows it on a terminal: time, function, level, a short
// correlation id, the message and the few fields that say what happened; the EMF `_aws` block and
// the rest of the JSON stay in the log store (the console and `aws logs` show them whole).
import type { LogRecord } from '../lambda/index.js';

export interface LogLineOptions {
  /** The function's name as shown (short, padded by the caller). */
  name: string;
  /** ANSI colour for errors and warnings (off under NO_COLOR). */
  color: boolean;
  /** The record's time as text; default local time, HH:MM:SS.mmm. */
  time?: (ms: number) => string;
}

type Tone = 'error' | 'warn' | undefined;

/** The fields worth a glance, in this order, with their shown names. */
const FIELDS: [key: string, shown: string][] = [
  ['outcome', 'outcome'],
  ['type', 'type'],
  ['messageId', 'messageId'],
  ['reason', 'reason'],
  ['failureReason', 'reason'],
  ['status', 'status'],
  ['error', 'error'],
  ['receiveCount', 'receiveCount'],
];
const PINO_LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};
const RED_OUTCOMES = new Set(['failed', 'dead-lettered']);
/** `<ISO time>\t<request id>\t<LEVEL>\t<message>`: console.log in the Node.js runtime. */
const CONSOLE_LINE = /^\d{4}-\d\d-\d\dT[\d:.]+Z\t[^\t]*\t([A-Z]+)\t([\s\S]*)$/;
/** `Invoke Error \t{"errorType":...}`: how the runtime logs a handler's error. */
const ERROR_LINE = /^([^\t{]*?) ?\t(\{[\s\S]*\})$/;

/** The line to print for `record`, or undefined for Lambda's START and END lines. */
export function formatLogLine(record: LogRecord, options: LogLineOptions): string | undefined {
  const { message } = record;
  if (message.startsWith('START RequestId: ') || message.startsWith('END RequestId: ')) return undefined;
  const time = (options.time ?? localTime)(record.timestamp);
  const head = (level: string, id: string) => `${time} ${options.name} ${level.padEnd(5)} ${id.padEnd(8)}`;
  let line: string;
  let tone: Tone;
  if (message.startsWith('REPORT RequestId: ')) {
    const report = condenseReport(message);
    line = `${head('', '')} ${report.text}`;
    tone = report.failed ? 'error' : undefined;
  } else if (message.startsWith('{')) {
    const parsed = parseObject(message);
    if (parsed === undefined) return `${head('', '')} ${message}`;
    const level = levelOf(parsed.level);
    const correlation = typeof parsed.correlationId === 'string' ? parsed.correlationId.slice(0, 8) : '';
    const text = String(parsed.msg ?? parsed.message ?? '');
    const fields = pickFields(parsed);
    line = `${head(level.toUpperCase(), correlation)} ${text}${fields === '' ? '' : `  ${fields}`}`;
    tone = toneOf(level, parsed.outcome);
  } else {
    const match = CONSOLE_LINE.exec(message);
    const level = match?.[1] ?? '';
    line = `${head(level, '')} ${match === null ? message : errorText(match[2]!)}`;
    tone = toneOf(level.toLowerCase(), undefined);
  }
  return options.color ? paint(line, tone) : line;
}

/** HH:MM:SS.mmm in the machine's local time zone. */
export function localTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** HH:MM:SS.mmm in UTC. */
export function utcTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 23);
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function levelOf(level: unknown): string {
  if (typeof level === 'number') return PINO_LEVELS[level] ?? String(level);
  return typeof level === 'string' ? level.toLowerCase() : '';
}

function toneOf(level: string, outcome: unknown): Tone {
  if (level === 'error' || level === 'fatal' || RED_OUTCOMES.has(String(outcome))) return 'error';
  return level === 'warn' ? 'warn' : undefined;
}

function pickFields(record: Record<string, unknown>): string {
  const out: string[] = [];
  for (const [key, shown] of FIELDS) {
    let value = record[key];
    if (value === undefined || value === null || value === '') continue;
    // The first receive is the usual case; a redelivery is worth seeing.
    if (key === 'receiveCount' && Number(value) <= 1) continue;
    if (key === 'messageId') value = String(value).slice(0, 8);
    const text = String(value);
    out.push(`${shown}=${/[\s"=]/.test(text) ? JSON.stringify(text) : text}`);
  }
  return out.join(' ');
}

/** `REPORT ... Duration: 4.76 ms ...` -> `REPORT 4.76 ms (billed 5 ms) 15/256 MB init 230.34 ms`. */
function condenseReport(message: string): { text: string; failed: boolean } {
  const fields = new Map(
    message
      .split('\t')
      .map((part) => part.split(': '))
      .map(([k, ...v]) => [k!.trim(), v.join(': ').trim()]),
  );
  const parts = [`REPORT ${fields.get('Duration') ?? '?'}`];
  if (fields.has('Billed Duration')) parts.push(`(billed ${fields.get('Billed Duration')})`);
  const used = fields.get('Max Memory Used')?.replace(/ MB$/, '');
  if (used !== undefined) parts.push(`${used}/${fields.get('Memory Size') ?? '?'}`);
  if (fields.has('Init Duration')) parts.push(`init ${fields.get('Init Duration')}`);
  const status = fields.get('Status');
  if (status !== undefined) parts.push(`status ${status}`);
  if (fields.has('Error Type')) parts.push(fields.get('Error Type')!);
  return { text: parts.join(' '), failed: status !== undefined };
}

/** `Invoke Error \t{"errorType":"E","errorMessage":"m",...}` -> `Invoke Error E: m`. */
function errorText(text: string): string {
  const match = ERROR_LINE.exec(text);
  const error = match === null ? undefined : parseObject(match[2]!);
  if (match === null || error === undefined || typeof error.errorType !== 'string') return text;
  return `${match[1]} ${error.errorType}: ${String(error.errorMessage ?? '')}`.trim();
}

function paint(line: string, tone: Tone): string {
  if (tone === 'error') return `\u001b[31m${line}\u001b[39m`;
  if (tone === 'warn') return `\u001b[33m${line}\u001b[39m`;
  return line;
}
