// The queues by name and by ARN, and the names deleted in the last 60 s.

import { queueArn } from '../../config/index.js';
import type { Clock } from './types.js';
import type { Store } from '../store/types.js';
import { Queue, type QueueContext } from './queue.js';

export class Registry implements QueueContext {
  readonly queues = new Map<string, Queue>();
  private readonly arns = new Map<string, Queue>();
  readonly deletedAt = new Map<string, number>();

  constructor(
    readonly clock: Clock,
    readonly store: Store,
    readonly region: string,
    readonly accountId: string,
  ) {}

  arnOf(name: string): string {
    return queueArn(this.region, this.accountId, name);
  }

  get(name: string): Queue | undefined {
    return this.queues.get(name);
  }

  byArn(arn: string): Queue | undefined {
    return this.arns.get(arn);
  }

  create(
    name: string,
    attributes: Record<string, string>,
    tags: Record<string, string>,
    createdAt: number,
    modifiedAt: number,
  ): Queue {
    const q = new Queue(name, this.arnOf(name), attributes, tags, createdAt, modifiedAt, this);
    this.queues.set(name, q);
    this.arns.set(q.arn, q);
    return q;
  }

  delete(q: Queue): void {
    this.queues.delete(q.name);
    this.arns.delete(q.arn);
    this.deletedAt.set(q.name, this.clock.now());
  }

  /** Queues whose RedrivePolicy names `arn` as their dead-letter queue. */
  sourcesOf(arn: string): Queue[] {
    const out: Queue[] = [];
    for (const q of this.queues.values()) if (q.redrive?.deadLetterTargetArn === arn) out.push(q);
    return out;
  }
}
