// The template's alarms as `ferry up` reports them. Every alarm starts INSUFFICIENT_DATA and the
// evaluator's first pass, right after start, evaluates all of them in one go (one event-loop
// turn): that pass becomes one line, `alarms: 5 OK, 1 ALARM (name: reason)`. Every later change
// (including an alarm a template change re-created) gets its own line, as it happens.
import { formatAlarmChange } from '../runtime/index.js';

export interface AlarmChangeLike {
  alarmName: string;
  oldState: string;
  newState: string;
  reason: string;
}

/** The order states are listed in the summary; any other state follows. */
const ORDER = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];

export class AlarmLines {
  /** The first pass's changes, while it is being gathered; undefined before and after. */
  private first: AlarmChangeLike[] | undefined;
  private summarized = false;

  /** `print` takes each line; `color` paints ALARM lines red. */
  constructor(
    private readonly print: (line: string) => void,
    private readonly color = false,
  ) {}

  change(change: AlarmChangeLike): void {
    if (!this.summarized && change.oldState === 'INSUFFICIENT_DATA') {
      if (this.first === undefined) {
        this.first = [];
        setImmediate(() => this.summarize());
      }
      this.first.push(change);
      return;
    }
    if (this.first !== undefined) this.summarize();
    const line = formatAlarmChange(change);
    this.print(this.color && change.newState === 'ALARM' ? red(line) : line);
  }

  /** Prints the first pass's line (done at the end of its turn; callable earlier). */
  summarize(): void {
    const changes = this.first;
    if (changes === undefined || this.summarized) return;
    this.first = undefined;
    this.summarized = true;
    const line = summaryLine(changes);
    this.print(this.color && changes.some((c) => c.newState === 'ALARM') ? red(line) : line);
  }
}

/** `alarms: 5 OK, 1 ALARM (ferry-DlqMessagesVisibleAlarm: <reason>)`. */
export function summaryLine(changes: readonly AlarmChangeLike[]): string {
  const byState = new Map<string, AlarmChangeLike[]>();
  for (const c of changes) byState.set(c.newState, [...(byState.get(c.newState) ?? []), c]);
  const states = [...byState.keys()].sort((a, b) => rank(a) - rank(b));
  const parts = states.map((state) => {
    const list = byState.get(state)!;
    const named = state === 'ALARM' ? ` (${list.map((c) => `${c.alarmName}: ${c.reason}`).join('; ')})` : '';
    return `${list.length} ${state}${named}`;
  });
  return `alarms: ${parts.join(', ')}`;
}

function rank(state: string): number {
  const i = ORDER.indexOf(state);
  return i === -1 ? ORDER.length : i;
}

function red(line: string): string {
  return `\u001b[31m${line}\u001b[39m`;
}
