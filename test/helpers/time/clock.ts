// The one clock of the tests: time moves only when a test calls advance() or set(), which fire
// due timers in time order with now() set to each timer's due time. Timers due now fire on the
// next advance (advance(0)). It is the SQS engine's Clock; anything that takes `now: () => number`
// (the log and metric stores, the alarms) takes `clock.now`.

import type { Clock } from '../../../local/sqs/engine/types.js';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

export interface TestClock extends Clock {
  advance(ms: number): void;
  /** Moves to the time `t` (not back), as advance(t - now()) does. */
  set(t: number): void;
  /** Advances and then lets promise continuations (resolved polls, commits) run. */
  tick(ms?: number): Promise<void>;
  /** Number of timers not yet fired or cancelled. */
  readonly pending: number;
}

export function createTestClock(start = Date.UTC(2026, 0, 1)): TestClock {
  let now = start;
  let seq = 0;
  const timers = new Set<Timer>();

  function due(limit: number): Timer | undefined {
    let first: Timer | undefined;
    for (const t of timers) {
      if (
        t.at <= limit &&
        (first === undefined || t.at < first.at || (t.at === first.at && t.seq < first.seq))
      ) {
        first = t;
      }
    }
    return first;
  }

  const clock: TestClock = {
    now: () => now,
    at(at, fn) {
      const timer: Timer = { at, seq: seq++, fn };
      timers.add(timer);
      return () => {
        timers.delete(timer);
      };
    },
    advance(ms) {
      const target = now + ms;
      for (let t = due(target); t !== undefined; t = due(target)) {
        timers.delete(t);
        if (t.at > now) now = t.at;
        t.fn();
      }
      now = target;
    },
    set(t) {
      if (t < now) throw new Error(`the test clock does not go back: at ${now}, asked for ${t}`);
      clock.advance(t - now);
    },
    async tick(ms = 0) {
      clock.advance(ms);
      await new Promise((resolve) => setImmediate(resolve));
    },
    get pending() {
      return timers.size;
    },
  };
  return clock;
}
