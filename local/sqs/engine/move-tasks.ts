// StartMessageMoveTask / ListMessageMoveTasks / CancelMessageMoveTask: move
// the visible messages of a dead-letter queue back to their source queues (or
// to one destination), at most N per second, with progress.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html

import { randomUUID } from 'node:crypto';
import type { MoveTask, Result } from './types.js';
import { fail, ok } from './result.js';
import type { Queue } from './queue.js';
import type { Registry } from './registry.js';

/** A task's FailureReason when its source or destination queue is gone (SQS's query-era code). */
const NO_QUEUE = 'AWS.SimpleQueueService.NonExistentQueue';

/** Without a rate, a task moves this many messages per step (one step per timer turn). */
const UNTHROTTLED_STEP = 500;

interface Task {
  view: MoveTask;
  source: Queue;
  destination: Queue | undefined;
  cancelTimer: (() => void) | undefined;
}

export class MoveTasks {
  /** Every task, newest last; ListMessageMoveTasks shows the newest first. */
  private readonly tasks: Task[] = [];

  constructor(private readonly reg: Registry) {}

  start(input: {
    sourceArn: string;
    destinationArn?: string;
    maxNumberOfMessagesPerSecond?: number;
  }): Result<{
    taskHandle: string;
  }> {
    const source = this.reg.byArn(input.sourceArn);
    if (source === undefined)
      return fail(
        'ResourceNotFound',
        "The resource that you specified for the SourceArn parameter doesn't exist.",
      );
    if (this.reg.sourcesOf(source.arn).length === 0) {
      return fail('InvalidParameterValue', 'Source queue must be configured as a Dead Letter Queue.');
    }
    let destination: Queue | undefined;
    if (input.destinationArn !== undefined) {
      destination = this.reg.byArn(input.destinationArn);
      if (destination === undefined) {
        return fail(
          'ResourceNotFound',
          "The resource that you specified for the DestinationArn parameter doesn't exist.",
        );
      }
    }
    const rate = input.maxNumberOfMessagesPerSecond;
    if (rate !== undefined && (!Number.isInteger(rate) || rate < 1 || rate > 500)) {
      return fail(
        'InvalidParameterValue',
        `Value ${rate} for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: You must enter a number that's between 1 and 500.`,
      );
    }
    if (this.tasks.some((t) => t.source === source && t.view.status === 'RUNNING')) {
      return fail(
        'InvalidParameterValue',
        'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
      );
    }
    const now = this.reg.clock.now();
    source.tick(now);
    const view: MoveTask = {
      taskHandle: Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn: source.arn })).toString(
        'base64',
      ),
      status: 'RUNNING',
      sourceArn: source.arn,
      approximateNumberOfMessagesMoved: 0,
      approximateNumberOfMessagesToMove: source.visibleCount,
      startedTimestamp: now,
    };
    if (destination !== undefined) view.destinationArn = destination.arn;
    if (rate !== undefined) view.maxNumberOfMessagesPerSecond = rate;
    const task: Task = { view, source, destination, cancelTimer: undefined };
    this.tasks.push(task);
    this.persist(task);
    this.schedule(task, now);
    return ok({ taskHandle: view.taskHandle });
  }

  /** Takes back the tasks a store held; running ones carry on from their progress. */
  restore(views: MoveTask[]): void {
    const now = this.reg.clock.now();
    for (const view of views) {
      const source = this.reg.byArn(view.sourceArn);
      if (source === undefined) continue;
      const destination = view.destinationArn === undefined ? undefined : this.reg.byArn(view.destinationArn);
      const task: Task = { view, source, destination, cancelTimer: undefined };
      this.tasks.push(task);
      if (view.status !== 'RUNNING') continue;
      if (view.destinationArn !== undefined && destination === undefined) {
        this.finish(task, 'FAILED', NO_QUEUE);
      } else {
        this.schedule(task, now);
      }
    }
  }

  private persist(task: Task): void {
    this.reg.store.putMoveTask({ ...task.view });
  }

  private schedule(task: Task, at: number): void {
    task.cancelTimer = this.reg.clock.at(at, () => this.step(task));
  }

  /** Moves one second's worth (or one unthrottled step) of messages. */
  private step(task: Task): void {
    task.cancelTimer = undefined;
    if (task.view.status !== 'RUNNING') return;
    const now = this.reg.clock.now();
    const rate = task.view.maxNumberOfMessagesPerSecond;
    const limit = Math.min(
      rate ?? UNTHROTTLED_STEP,
      (task.view.approximateNumberOfMessagesToMove ?? 0) - task.view.approximateNumberOfMessagesMoved,
    );
    let moved = 0;
    while (moved < limit) {
      const batch = task.source.takeVisible(Math.min(10, limit - moved), now);
      if (batch.length === 0) break;
      for (const m of batch) {
        const target =
          task.destination ?? (m.dlqSourceArn !== undefined ? this.reg.byArn(m.dlqSourceArn) : undefined);
        if (target === undefined) {
          task.source.release(m);
          this.finish(task, 'FAILED', NO_QUEUE);
          return;
        }
        task.source.moveTo(m, target, now, undefined);
        moved++;
      }
    }
    task.view.approximateNumberOfMessagesMoved += moved;
    if (moved > 0) this.persist(task);
    const done =
      moved < limit ||
      task.view.approximateNumberOfMessagesMoved >= (task.view.approximateNumberOfMessagesToMove ?? 0);
    if (done) this.finish(task, 'COMPLETED');
    else this.schedule(task, rate === undefined ? now : now + 1000);
  }

  private finish(task: Task, status: MoveTask['status'], failureReason?: string): void {
    task.view.status = status;
    if (failureReason !== undefined) task.view.failureReason = failureReason;
    task.cancelTimer?.();
    task.cancelTimer = undefined;
    this.persist(task);
  }

  cancel(taskHandle: string): Result<{ approximateNumberOfMessagesMoved: number }> {
    const decoded = decodeHandle(taskHandle);
    if (decoded === undefined)
      return fail('InvalidParameterValue', 'Value for parameter TaskHandle is invalid.');
    if (this.reg.byArn(decoded.sourceArn) === undefined) {
      return fail(
        'ResourceNotFound',
        "The resource that you specified for the SourceArn parameter doesn't exist.",
      );
    }
    const task = this.tasks.find((t) => t.view.taskHandle === taskHandle);
    if (task === undefined) return fail('ResourceNotFound', 'Task does not exist.');
    if (task.view.status !== 'RUNNING')
      return fail('InvalidParameterValue', 'Only active tasks can be cancelled.');
    this.finish(task, 'CANCELLED');
    return ok({ approximateNumberOfMessagesMoved: task.view.approximateNumberOfMessagesMoved });
  }

  list(sourceArn: string, maxResults: number): Result<MoveTask[]> {
    const source = this.reg.byArn(sourceArn);
    if (source === undefined)
      return fail(
        'ResourceNotFound',
        "The resource that you specified for the SourceArn parameter doesn't exist.",
      );
    const views: MoveTask[] = [];
    for (let i = this.tasks.length - 1; i >= 0 && views.length < maxResults; i--) {
      const t = this.tasks[i]!;
      if (t.source === source) views.push({ ...t.view });
    }
    return ok(views);
  }

  queueDeleted(q: Queue): void {
    for (const t of this.tasks) {
      if (t.view.status !== 'RUNNING') continue;
      if (t.source === q || t.destination === q) this.finish(t, 'FAILED', NO_QUEUE);
    }
  }

  close(): void {
    for (const t of this.tasks) t.cancelTimer?.();
  }
}

function decodeHandle(handle: string): { taskId: string; sourceArn: string } | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(handle, 'base64').toString('utf8')) as Record<string, unknown>;
    if (typeof parsed.taskId === 'string' && typeof parsed.sourceArn === 'string') {
      return { taskId: parsed.taskId, sourceArn: parsed.sourceArn };
    }
  } catch {
    // not a handle of ours
  }
  return undefined;
}
