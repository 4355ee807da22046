// Long polls waiting on one queue. A waiter is served as soon as a message is
// available: wake() runs after a send, a visibility change to 0 or a FIFO
// group unblocking, and a single timer follows the queue's earliest
// delayed/in-flight deadline while anyone waits. Waiters are served in order.

import type { Clock } from './types.js';
import type { Message } from './message.js';

interface Waiter {
  take(now: number): Message[];
  done(messages: Message[]): void;
}

export interface Pollable {
  nextDeadline(): number | undefined;
}

export class Waiters {
  private readonly list: Waiter[] = [];
  private timerAt = Infinity;
  private cancelTimer: (() => void) | undefined;
  private scheduled = false;

  constructor(
    private readonly queue: Pollable,
    private readonly clock: Clock,
  ) {}

  get size(): number {
    return this.list.length;
  }

  /**
   * Waits until `take` returns messages or the poll ends (timeout, abort,
   * queue deleted, engine closed). Resolves with what was taken, maybe nothing.
   */
  wait(until: number, take: (now: number) => Message[], signal?: AbortSignal): Promise<Message[]> {
    return new Promise((resolve) => {
      const onAbort = (): void => waiter.done([]);
      const waiter: Waiter = {
        take,
        done: (messages) => {
          const i = this.list.indexOf(waiter);
          if (i >= 0) this.list.splice(i, 1);
          cancelTimeout();
          signal?.removeEventListener('abort', onAbort);
          this.arm();
          resolve(messages);
        },
      };
      this.list.push(waiter);
      const cancelTimeout = this.clock.at(until, () => waiter.done([]));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.arm();
    });
  }

  /** Serves waiters at the end of this microtask batch (so a batch send lands together). */
  wake(): void {
    if (this.list.length === 0 || this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.serve();
    });
  }

  private serve(): void {
    const now = this.clock.now();
    while (this.list.length > 0) {
      const first = this.list[0]!;
      const messages = first.take(now);
      if (messages.length === 0) break;
      first.done(messages);
    }
    this.arm();
  }

  /** Keeps one timer at the earliest deadline while anyone waits. */
  private arm(): void {
    const at = this.list.length > 0 ? (this.queue.nextDeadline() ?? Infinity) : Infinity;
    if (at === this.timerAt) return;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.timerAt = at;
    if (at === Infinity) return;
    this.cancelTimer = this.clock.at(at, () => {
      this.cancelTimer = undefined;
      this.timerAt = Infinity;
      this.serve();
    });
  }

  /** Ends every poll with no messages (queue deleted, engine closing). */
  endAll(): void {
    for (const w of [...this.list]) w.done([]);
  }
}
