// One queue's live state: every message by id, the visible ones in serving
// order (ordering.ts), the delayed and in-flight ones in a min-heap of the
// time they become visible, and counts per state. Nothing here scans all
// messages on the hot path; due messages are promoted lazily by tick().

import type { Clock } from './types.js';
import type { Store } from '../store/types.js';
import { type QueueConfig, toConfig } from './attributes.js';
import { MinHeap } from './heap.js';
import { State, type Message } from './message.js';
import { FifoOrdering, type Ordering, StandardOrdering } from './ordering.js';
import { newReceiptHandle, queueTag } from './receipt.js';
import { parseRedrivePolicy, type RedrivePolicy } from './redrive-policy.js';
import { Waiters } from './waiters.js';
import { FifoDedup, ReceiveAttempts } from './fifo.js';

export interface QueueContext {
  readonly clock: Clock;
  readonly store: Store;
  /** The live queue an ARN names, if any. */
  byArn(arn: string): Queue | undefined;
}

export class Queue {
  config: QueueConfig;
  redrive: RedrivePolicy | undefined;
  readonly messages = new Map<string, Message>();
  readonly counts = [0, 0, 0, 0];
  readonly dedup = new FifoDedup();
  readonly attempts = new ReceiveAttempts();
  readonly waiters: Waiters;
  lastPurgeAt = -Infinity;
  /** Goes into every receipt handle this queue issues. */
  readonly tag: string;
  private readonly heap = new MinHeap<Message>();
  private readonly order: Ordering;

  constructor(
    readonly name: string,
    readonly arn: string,
    public attributes: Record<string, string>,
    public tags: Record<string, string>,
    readonly createdAt: number,
    public modifiedAt: number,
    readonly ctx: QueueContext,
  ) {
    this.config = toConfig(attributes);
    this.redrive = parseRedrivePolicy(attributes.RedrivePolicy);
    this.tag = queueTag(arn);
    this.order = this.config.fifo ? new FifoOrdering() : new StandardOrdering();
    this.waiters = new Waiters(this, ctx.clock);
  }

  setAttributes(attributes: Record<string, string>, now: number): void {
    this.attributes = attributes;
    this.config = toConfig(attributes);
    this.redrive = parseRedrivePolicy(attributes.RedrivePolicy);
    this.modifiedAt = now;
  }

  /** Adds a message in the state its visibleAt implies (new, loaded, or moved in). */
  add(m: Message, now: number): void {
    if (m.visibleAt > now) {
      // Delays apply only before the first receive; later, a future visibleAt means in flight.
      m.state = m.receiveCount > 0 ? State.Inflight : State.Delayed;
      this.heap.push(m.visibleAt, m);
    } else {
      m.state = State.Visible;
    }
    this.counts[m.state]!++;
    this.messages.set(m.id, m);
    this.order.added(m);
  }

  /** Removes a message for good, here and in the store. */
  remove(m: Message): void {
    this.ctx.store.deleteMessage(m);
    const was = m.state;
    this.counts[was]!--;
    m.state = State.Gone;
    this.messages.delete(m.id);
    this.order.removed(m, was);
    if (was === State.Inflight || was === State.Delayed) this.compactSchedule();
  }

  /**
   * A deleted in-flight message leaves its heap entry behind until its visibility deadline (the
   * queue's VisibilityTimeout, 30 s by default): under a steady receive-delete flow that is every
   * message of the last 30 s, bodies and all. Once stale entries outnumber live ones, drop them
   * all: O(n) every n/2 removals at the least, so O(1) a removal.
   */
  private compactSchedule(): void {
    const live = this.counts[State.Inflight]! + this.counts[State.Delayed]!;
    if (this.heap.size < 1024 || this.heap.size < 2 * live) return;
    this.heap.compact(
      (e) => e.item.visibleAt === e.at && (e.item.state === State.Delayed || e.item.state === State.Inflight),
    );
  }

  /** Entries in the schedule of deadlines, stale ones included (for tests and diagnostics). */
  get scheduled(): number {
    return this.heap.size;
  }

  /** Promotes every delayed or in-flight message whose time has come. */
  tick(now: number): void {
    const heap = this.heap;
    for (let top = heap.peek(); top !== undefined && top.at <= now; top = heap.peek()) {
      heap.pop();
      const m = top.item;
      if (m.visibleAt !== top.at || (m.state !== State.Delayed && m.state !== State.Inflight)) continue;
      const wasInflight = m.state === State.Inflight;
      this.counts[m.state]!--;
      this.counts[State.Visible]!++;
      m.state = State.Visible;
      this.order.visible(m, wasInflight);
    }
  }

  /** The earliest time a delayed or in-flight message may become visible. */
  nextDeadline(): number | undefined {
    return this.heap.peek()?.at;
  }

  /** Hands out up to `max` visible messages, each now in flight for `visibilityMs`. */
  receive(max: number, visibilityMs: number, now: number): Message[] {
    this.tick(now);
    const out: Message[] = [];
    if (this.counts[State.Visible] === 0) return out;
    const redrive = this.redrive;
    const dlq = redrive ? this.ctx.byArn(redrive.deadLetterTargetArn) : undefined;
    this.order.take(
      max,
      (m) => {
        if (this.expired(m, now)) {
          this.remove(m);
          return false;
        }
        if (dlq !== undefined && redrive !== undefined && m.receiveCount >= redrive.maxReceiveCount) {
          this.moveTo(m, dlq, now, this.arn);
          return false;
        }
        this.counts[State.Visible]!--;
        this.counts[State.Inflight]!++;
        m.state = State.Inflight;
        m.receiveCount++;
        if (m.firstReceiveAt === 0) m.firstReceiveAt = now;
        m.receivedAt = now;
        m.visibleAt = now + visibilityMs;
        m.receipt = newReceiptHandle(m.id, this.tag);
        this.heap.push(m.visibleAt, m);
        this.ctx.store.updateMessage(m);
        return true;
      },
      out,
    );
    return out;
  }

  /** Takes visible messages out of serving order without receiving them (move tasks); see release(). */
  takeVisible(max: number, now: number): Message[] {
    this.tick(now);
    const out: Message[] = [];
    this.order.take(
      max,
      (m) => {
        if (this.expired(m, now)) {
          this.remove(m);
          return false;
        }
        this.counts[State.Visible]!--;
        this.counts[State.Inflight]!++;
        m.state = State.Inflight;
        return true;
      },
      out,
    );
    return out;
  }

  /** Puts a message taken by takeVisible() back, visible. */
  release(m: Message): void {
    this.counts[State.Inflight]!--;
    this.counts[State.Visible]!++;
    m.state = State.Visible;
    this.order.visible(m, true);
  }

  /**
   * Moves a message to another queue keeping id, body and attributes. Into a
   * DLQ (`dlqSourceArn` given) it keeps its receive count too; a redrive out
   * of a DLQ starts it afresh, or it would bounce straight back.
   */
  moveTo(m: Message, target: Queue, now: number, dlqSourceArn: string | undefined): void {
    this.remove(m);
    const moved: Message = { ...m, enqueuedAt: now, visibleAt: now, receipt: '', state: State.Visible };
    if (dlqSourceArn !== undefined) {
      moved.dlqSourceArn = dlqSourceArn;
    } else {
      moved.dlqSourceArn = undefined;
      moved.receiveCount = 0;
      moved.firstReceiveAt = 0;
      moved.receivedAt = 0;
    }
    target.add(moved, now);
    this.ctx.store.insertMessage(target.name, moved);
    target.waiters.wake();
  }

  /** Makes an in-flight message visible at `visibleAt` (now or later). */
  setVisibleAt(m: Message, visibleAt: number, now: number): void {
    m.visibleAt = visibleAt;
    this.heap.push(visibleAt, m);
    this.compactSchedule();
    this.ctx.store.updateMessage(m);
    if (visibleAt <= now) {
      this.tick(now);
      this.waiters.wake();
    }
  }

  /** Past MessageRetentionPeriod, counted from the send (from the enqueue on FIFO queues). */
  private expired(m: Message, now: number): boolean {
    const from = this.config.fifo ? m.enqueuedAt : m.sentAt;
    return now - from >= this.config.messageRetentionPeriod * 1000;
  }

  /** SentTimestamp-style time of the message longest in this queue, after dropping expired ones. */
  oldestEnqueuedAt(now: number): number | undefined {
    this.expireOldest(now);
    // Map order is the order messages entered the queue, so the first is the oldest.
    return this.messages.values().next().value?.enqueuedAt;
  }

  /**
   * Drops expired messages from the oldest end (the map keeps arrival order),
   * so a queue that is written to but never read does not grow without bound
   * and the counts leave expired messages out. Amortised O(1) per call; a
   * moved-in message older than the head is dropped when a receive reaches it.
   */
  expireOldest(now: number): void {
    for (const m of this.messages.values()) {
      if (!this.expired(m, now)) return;
      this.remove(m);
    }
  }

  purge(): void {
    for (const m of this.messages.values()) m.state = State.Gone;
    this.messages.clear();
    this.heap.clear();
    this.order.clear();
    this.counts.fill(0);
  }

  get visibleCount(): number {
    return this.counts[State.Visible]!;
  }
  get inflightCount(): number {
    return this.counts[State.Inflight]!;
  }
  get delayedCount(): number {
    return this.counts[State.Delayed]!;
  }
}
