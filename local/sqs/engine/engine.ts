// The QueueEngine: queues by name, each operation checked against queue state
// and answered with a Result. Mutations resolve after the store has made them
// durable (one group commit per event-loop turn when the store is SQLite).

import type {
  BatchOutcome,
  EngineObserver,
  MoveTask,
  QueueEngine,
  ReceivedMessage,
  ReceiveInput,
  Result,
  SendInput,
  SendOutput,
} from './types.js';
import type { Store } from '../store/types.js';
import { fail, ok, OK, queueDoesNotExist } from './result.js';
import { State, toReceived, type Message } from './message.js';
import { addPermission, removePermission } from './permissions.js';
import type { Queue } from './queue.js';
import { createQueue, getQueueAttributes, purgeQueue, setQueueAttributes } from './queue-admin.js';
import { batch, changeVisibilityOne, deleteOne, receiveNow } from './receive.js';
import { batchTooLong, checkFifoBatch, messageSize, sendToQueue } from './send.js';
import type { Registry } from './registry.js';
import type { MoveTasks } from './move-tasks.js';

const MAX_BATCH_BYTES = 1_048_576;

export class Engine implements QueueEngine {
  readonly region: string;
  readonly accountId: string;
  private readonly store: Store;
  private closed = false;
  private observer: EngineObserver | undefined;

  constructor(
    private readonly reg: Registry,
    private readonly tasks: MoveTasks,
  ) {
    this.region = reg.region;
    this.accountId = reg.accountId;
    this.store = reg.store;
  }

  private get now(): number {
    return this.reg.clock.now();
  }

  /** Resolves `result` once the store holds every change made so far. */
  private async durable<T>(result: Result<T>): Promise<Result<T>> {
    if (this.store.durable) await this.store.flush();
    return result;
  }

  private withQueue<T>(name: string, fn: (q: Queue) => Result<T>): Result<T> {
    const q = this.reg.get(name);
    return q === undefined ? queueDoesNotExist() : fn(q);
  }

  async createQueue(
    name: string,
    attributes: Record<string, string>,
    tags: Record<string, string>,
  ): Promise<Result<void>> {
    const r = createQueue(this.reg, name, attributes, tags);
    if (!r.ok) return r;
    if (r.value !== undefined) this.persistQueue(r.value);
    return this.durable(OK);
  }

  async deleteQueue(name: string): Promise<Result<void>> {
    const q = this.reg.get(name);
    if (q === undefined) return queueDoesNotExist();
    this.reg.delete(q);
    q.purge();
    q.waiters.endAll();
    this.tasks.queueDeleted(q);
    this.store.deleteQueue(name);
    return this.durable(OK);
  }

  listQueues(prefix?: string): string[] {
    const names = [...this.reg.queues.keys()];
    return prefix ? names.filter((n) => n.startsWith(prefix)) : names;
  }

  queueExists(name: string): boolean {
    return this.reg.queues.has(name);
  }

  getQueueAttributes(name: string, names: string[]): Result<Record<string, string>> {
    return this.withQueue(name, (q) => getQueueAttributes(q, names, this.now));
  }

  async setQueueAttributes(name: string, attributes: Record<string, string>): Promise<Result<void>> {
    return this.mutateQueue(name, (q) => setQueueAttributes(this.reg, q, attributes));
  }

  async purgeQueue(name: string): Promise<Result<void>> {
    const r = this.withQueue(name, (q) => purgeQueue(q, this.now));
    return r.ok ? this.durable(r) : r;
  }

  listDeadLetterSourceQueues(name: string): Result<string[]> {
    return this.withQueue(name, (q) => ok(this.reg.sourcesOf(q.arn).map((s) => s.name)));
  }

  async tagQueue(name: string, tags: Record<string, string>): Promise<Result<void>> {
    return this.mutateQueue(name, (q) => {
      const merged = { ...q.tags, ...tags };
      if (Object.keys(merged).length > 50)
        return fail('InvalidParameterValue', `Too many tags added for queue ${name}.`);
      q.tags = merged;
      return OK;
    });
  }

  async untagQueue(name: string, keys: string[]): Promise<Result<void>> {
    return this.mutateQueue(name, (q) => {
      const tags = { ...q.tags };
      for (const k of keys) delete tags[k];
      q.tags = tags;
      return OK;
    });
  }

  listQueueTags(name: string): Result<Record<string, string>> {
    return this.withQueue(name, (q) => ok({ ...q.tags }));
  }

  async addPermission(
    name: string,
    label: string,
    accountIds: string[],
    actions: string[],
  ): Promise<Result<void>> {
    return this.mutateQueue(name, (q) => {
      const r = addPermission(q.attributes.Policy, q.arn, label, accountIds, actions);
      if (!r.ok) return r;
      q.setAttributes({ ...q.attributes, Policy: r.value }, this.now);
      return OK;
    });
  }

  async removePermission(name: string, label: string): Promise<Result<void>> {
    return this.mutateQueue(name, (q) => {
      const r = removePermission(q.attributes.Policy, q.arn, label);
      if (!r.ok) return r;
      const attributes: Record<string, string> = { ...q.attributes, Policy: r.value };
      if (r.value === '') delete attributes.Policy;
      q.setAttributes(attributes, this.now);
      return OK;
    });
  }

  private async mutateQueue(name: string, fn: (q: Queue) => Result<void>): Promise<Result<void>> {
    const q = this.reg.get(name);
    if (q === undefined) return queueDoesNotExist();
    const r = fn(q);
    if (!r.ok) return r;
    this.persistQueue(q);
    return this.durable(r);
  }

  private persistQueue(q: Queue): void {
    this.store.putQueue({
      name: q.name,
      attributes: q.attributes,
      tags: q.tags,
      createdAt: q.createdAt,
      modifiedAt: q.modifiedAt,
    });
  }

  async sendMessage(name: string, input: SendInput): Promise<Result<SendOutput>> {
    const q = this.reg.get(name);
    if (q === undefined) return queueDoesNotExist();
    const r = sendToQueue(q, input, this.now);
    if (!r.ok) return r;
    q.waiters.wake();
    this.observer?.sent?.(name, 1);
    return this.durable(r);
  }

  async sendMessageBatch(
    name: string,
    entries: ({ id: string } & SendInput)[],
  ): Promise<Result<BatchOutcome<SendOutput>>> {
    const q = this.reg.get(name);
    if (q === undefined) return queueDoesNotExist();
    let total = 0;
    for (const e of entries) total += messageSize(e);
    if (total > MAX_BATCH_BYTES) return batchTooLong(total);
    const fifoCheck = checkFifoBatch(q, entries);
    if (!fifoCheck.ok) return fifoCheck;
    const now = this.now;
    const outcome: BatchOutcome<SendOutput> = { successful: [], failed: [] };
    for (const e of entries) {
      const r = sendToQueue(q, e, now);
      if (r.ok) outcome.successful.push({ id: e.id, ...r.value });
      else outcome.failed.push({ id: e.id, senderFault: true, code: r.error.code, message: r.error.message });
    }
    if (outcome.successful.length > 0) {
      q.waiters.wake();
      this.observer?.sent?.(name, outcome.successful.length);
    }
    return this.durable(ok(outcome));
  }

  async receiveMessage(
    name: string,
    input: ReceiveInput,
    signal?: AbortSignal,
  ): Promise<Result<ReceivedMessage[]>> {
    const q = this.reg.get(name);
    if (q === undefined) return queueDoesNotExist();
    const now = this.now;
    let messages: Message[] = receiveNow(q, input, now);
    const wait = input.waitTimeSeconds ?? q.config.receiveMessageWaitTimeSeconds;
    if (messages.length === 0 && wait > 0 && !this.closed && !signal?.aborted) {
      messages = await q.waiters.wait(now + wait * 1000, (at) => receiveNow(q, input, at), signal);
    }
    if (messages.length > 0) this.observer?.received?.(name, messages.length);
    // Even an empty receive may have changed state (expired or dead-lettered messages).
    return this.durable(ok(messages.map(toReceived)));
  }

  async deleteMessage(name: string, receiptHandle: string): Promise<Result<void>> {
    const r = this.withQueue(name, (q) => deleteOne(q, receiptHandle, this.now));
    if (!r.ok) return r;
    this.observer?.deleted?.(name, 1);
    return this.durable(r);
  }

  async deleteMessageBatch(
    name: string,
    entries: { id: string; receiptHandle: string }[],
  ): Promise<Result<BatchOutcome<object>>> {
    const r = this.withQueue(name, (q) => ok(batch(entries, (e) => deleteOne(q, e.receiptHandle, this.now))));
    if (!r.ok) return r;
    if (r.value.successful.length > 0) this.observer?.deleted?.(name, r.value.successful.length);
    return this.durable(r);
  }

  async changeMessageVisibility(
    name: string,
    receiptHandle: string,
    visibilityTimeout: number,
  ): Promise<Result<void>> {
    const r = this.withQueue(name, (q) => changeVisibilityOne(q, receiptHandle, visibilityTimeout, this.now));
    return r.ok ? this.durable(r) : r;
  }

  async changeMessageVisibilityBatch(
    name: string,
    entries: { id: string; receiptHandle: string; visibilityTimeout: number }[],
  ): Promise<Result<BatchOutcome<object>>> {
    const r = this.withQueue(name, (q) =>
      ok(batch(entries, (e) => changeVisibilityOne(q, e.receiptHandle, e.visibilityTimeout, this.now))),
    );
    return r.ok ? this.durable(r) : r;
  }

  async startMessageMoveTask(input: {
    sourceArn: string;
    destinationArn?: string;
    maxNumberOfMessagesPerSecond?: number;
  }): Promise<Result<{ taskHandle: string }>> {
    const r = this.tasks.start(input);
    return r.ok ? this.durable(r) : r;
  }

  async cancelMessageMoveTask(
    taskHandle: string,
  ): Promise<Result<{ approximateNumberOfMessagesMoved: number }>> {
    const r = this.tasks.cancel(taskHandle);
    return r.ok ? this.durable(r) : r;
  }

  listMessageMoveTasks(sourceArn: string, maxResults: number): Result<MoveTask[]> {
    return this.tasks.list(sourceArn, maxResults);
  }

  observe(observer: EngineObserver | undefined): void {
    this.observer = observer;
  }

  oldestMessageTimestamp(name: string): number | undefined {
    return this.reg.get(name)?.oldestEnqueuedAt(this.now);
  }

  findByAttribute(name: string, key: string, value: string, max: number): ReceivedMessage[] {
    const queue = this.reg.get(name);
    if (queue === undefined) return [];
    const found: Message[] = [];
    for (const m of queue.messages.values()) {
      const a = Object.hasOwn(m.messageAttributes, key) ? m.messageAttributes[key] : undefined;
      if (m.state !== State.Gone && a?.StringValue === value && a.DataType.startsWith('String'))
        found.push(m);
    }
    return found
      .sort((a, b) => a.sentAt - b.sentAt)
      .slice(0, max)
      .map(toReceived);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.tasks.close();
    for (const q of this.reg.queues.values()) q.waiters.endAll();
    await this.store.close();
  }
}
