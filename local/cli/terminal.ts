import type { LogRecord } from '../lambda/index.js';

/**
 * What `ferry up` prints: function log lines, each prefixed by its function, with the status line
 * kept below them on a terminal. Lines are gathered and written once per turn of the event loop:
 * one write for many lines keeps a busy pipeline's logging from costing a system call per line.
 */
export class TerminalOutput {
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
