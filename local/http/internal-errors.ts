// How a part says that a request hit a bug (not a bad request): one line per failed request, with
// its request id, so that a client's report can be matched to it; the stack once per distinct
// error, not once per request and retry; and never more than `perSecond` lines a second, so that
// a bug hit by every request cannot flood the terminal (29k requests once printed 377k lines).

export interface InternalErrorLogOptions {
  /** Writes one line (no newline). Default: stderr. */
  write?: (line: string) => void;
  now?: () => number;
  /** Lines a second at most; past it they are counted, and the count is printed with the next one. */
  perSecond?: number;
}

const MAX_STACKS = 256;

export class InternalErrorLog {
  private readonly write: (line: string) => void;
  private readonly now: () => number;
  private readonly perSecond: number;
  /** Stacks already printed (bounded: past it, stacks are no longer printed). */
  private readonly printed = new Set<string>();
  private second = -1;
  private lines = 0;
  private suppressed = 0;

  constructor(
    private readonly prefix: string,
    options: InternalErrorLogOptions = {},
  ) {
    this.write = options.write ?? ((line) => void process.stderr.write(`${line}\n`));
    this.now = options.now ?? Date.now;
    this.perSecond = options.perSecond ?? 10;
  }

  /** Reports that request `requestId` (doing `action`) failed with `error`. */
  report(requestId: string, action: string, error: unknown): void {
    const second = Math.floor(this.now() / 1000);
    if (second !== this.second) {
      this.second = second;
      this.lines = 0;
    }
    if (this.lines >= this.perSecond) {
      this.suppressed++;
      return;
    }
    this.lines++;
    const err = error instanceof Error ? error : new Error(String(error));
    const skipped = this.suppressed > 0 ? ` (${this.suppressed} more not shown)` : '';
    this.suppressed = 0;
    const line = `${this.prefix}: internal error in ${action || '(no action)'}, request ${requestId}: ${err.name}: ${err.message}${skipped}`;
    const stack = err.stack ?? '';
    if (stack === '' || this.printed.has(stack) || this.printed.size >= MAX_STACKS) {
      this.write(line);
      return;
    }
    this.printed.add(stack);
    this.write(`${line}\n${stack}`);
  }
}
