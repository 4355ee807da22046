import type { LogRecord } from '../lambda/index.js';
import { formatLogLine } from './log-line.js';

export type LogFormat = 'pretty' | 'json';

export interface TerminalOptions {
  /** pretty: one short line per record (log-line.ts); json: `function | raw line`. Default json. */
  format?: LogFormat;
  /** Colour in pretty lines. Default false. */
  color?: boolean;
  /** Record times as text (tests pin the time zone); default local time. */
  time?: (ms: number) => string;
}

/**
 * What `ferry up` prints: function log lines, each prefixed by its function, with the status line
 * kept below them on a terminal. Lines are gathered and written once per turn of the event loop:
 * one write for many lines keeps a busy pipeline's logging from costing a system call per line.
 */
export class TerminalOutput {
  private status = '';
  /** Records stay records until written, so names are shortened with the stack's name once known. */
  private pending: (string | LogRecord)[] = [];
  private scheduled = false;
  private width = 0;
  private prefix = '';

  /**
   * `write` takes raw text; `tty` draws the status line in place. While `held`, lines wait (those
   * logged during start-up: prewarmed functions, first alarm states) until `ready` prints the
   * ready text above them.
   */
  constructor(
    private readonly write: (text: string) => void,
    readonly tty: boolean,
    private held = false,
    private readonly options: TerminalOptions = {},
  ) {}

  /** Whether lines may carry colour (alarm lines follow the log lines' choice). */
  get colored(): boolean {
    return this.options.color === true;
  }

  /** Pretty lines name a function without this stack-name prefix (`ferry-producer` -> `producer`). */
  stackName(name: string): void {
    this.prefix = `${name}-`;
  }

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
    this.pending.push(record);
    this.schedule();
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
    const lines: string[] = [];
    for (const item of this.pending) {
      const line = typeof item === 'string' ? item : this.render(item);
      if (line !== undefined) lines.push(line);
    }
    this.pending = [];
    let text = lines.length > 0 ? `${lines.join('\n')}\n` : '';
    if (this.tty) text = `\r\u001b[2K${text}${this.status}`;
    if (text !== '') this.write(text);
  }

  private render(record: LogRecord): string | undefined {
    const pretty = this.options.format === 'pretty';
    const { functionName } = record;
    const name =
      pretty && functionName.startsWith(this.prefix) && functionName.length > this.prefix.length
        ? functionName.slice(this.prefix.length)
        : functionName;
    this.width = Math.max(this.width, name.length);
    if (!pretty) return `${name.padEnd(this.width)} | ${record.message}`;
    return formatLogLine(record, {
      name: name.padEnd(this.width),
      color: this.options.color === true,
      time: this.options.time,
    });
  }

  private schedule(): void {
    if (this.scheduled || this.held) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }
}
