// Which visible message a receive gets next. Standard queues serve one deque
// in arrival order; FIFO queues serve message groups in order, and a group
// with any message in flight is skipped until that message is deleted or
// becomes visible again.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-understanding-logic.html

import { Deque } from './deque.js';
import { State, type Message } from './message.js';

/** Returns true when the message was handed out (now in flight), false when it was dropped. */
export type Accept = (m: Message) => boolean;

export interface Ordering {
  /** A message entered the queue: new (visible or delayed), moved in, or loaded (maybe in flight). */
  added(m: Message): void;
  /** A delayed or in-flight message became visible; `wasInflight` tells which. */
  visible(m: Message, wasInflight: boolean): void;
  /** A message left the queue (deleted, expired, moved); `was` is its state before. */
  removed(m: Message, was: State): void;
  take(max: number, accept: Accept, out: Message[]): void;
  clear(): void;
}

export class StandardOrdering implements Ordering {
  private readonly ready = new Deque<Message>();

  added(m: Message): void {
    if (m.state === State.Visible) this.ready.push(m);
  }

  visible(m: Message): void {
    this.ready.push(m);
  }

  removed(): void {
    // Stale deque entries are skipped by take().
  }

  take(max: number, accept: Accept, out: Message[]): void {
    while (out.length < max) {
      const m = this.ready.shift();
      if (m === undefined) return;
      if (m.state !== State.Visible) continue;
      if (accept(m)) out.push(m);
    }
  }

  clear(): void {
    this.ready.clear();
  }
}

interface Group {
  key: string;
  messages: Deque<Message>;
  inflight: number;
}

export class FifoOrdering implements Ordering {
  private readonly groups = new Map<string, Group>();
  /** Groups that may have a visible head and nothing in flight, in the order they became ready. */
  private readonly ready = new Set<Group>();

  private group(m: Message): Group {
    const key = m.groupId ?? '';
    let g = this.groups.get(key);
    if (g === undefined) {
      g = { key, messages: new Deque<Message>(), inflight: 0 };
      this.groups.set(key, g);
    }
    return g;
  }

  added(m: Message): void {
    const g = this.group(m);
    g.messages.push(m);
    if (m.state === State.Inflight) g.inflight++;
    if (m.state === State.Visible && g.inflight === 0) this.ready.add(g);
  }

  visible(m: Message, wasInflight: boolean): void {
    const g = this.group(m);
    if (wasInflight) g.inflight--;
    if (g.inflight === 0) this.ready.add(g);
  }

  removed(m: Message, was: State): void {
    if (was !== State.Inflight) return;
    const g = this.group(m);
    g.inflight--;
    if (g.inflight === 0) this.ready.add(g);
  }

  take(max: number, accept: Accept, out: Message[]): void {
    for (const g of this.ready) {
      if (out.length >= max) return;
      if (g.inflight > 0) {
        this.ready.delete(g);
        continue;
      }
      while (g.messages.peek()?.state === State.Gone) g.messages.shift();
      if (g.messages.length === 0) {
        this.ready.delete(g);
        this.groups.delete(g.key);
        continue;
      }
      for (let i = 0; out.length < max && i < g.messages.length; i++) {
        const m = g.messages.at(i)!;
        if (m.state === State.Gone) continue;
        if (m.state !== State.Visible) break;
        if (accept(m)) {
          out.push(m);
          g.inflight++;
        }
      }
      const head = g.messages.peek();
      if (g.inflight > 0 || head === undefined || head.state !== State.Visible) this.ready.delete(g);
    }
  }

  clear(): void {
    this.groups.clear();
    this.ready.clear();
  }
}
