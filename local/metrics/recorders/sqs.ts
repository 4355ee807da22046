import type { MetricStore } from '../store.js';
import { Handles } from './handles.js';

/**
 * AWS/SQS metrics with SQS's names, dimension QueueName: gauges sampled from the queues, counters from
 * hooks the runtime calls.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html
 */
export interface QueueSample {
  queueName: string;
  visible: number;
  notVisible: number;
  delayed: number;
  /** Age of the oldest message still in the queue, seconds; absent when unknown (no datapoint is recorded). */
  oldestAgeSeconds?: number;
}

export type SampleQueues = () => Promise<QueueSample[]>;

const NS = 'AWS/SQS';

export class SqsMetrics {
  private timer: NodeJS.Timeout | undefined;
  private readonly handles: Handles;

  constructor(private readonly store: MetricStore) {
    this.handles = new Handles(store, NS, (queueName) => [[{ Name: 'QueueName', Value: queueName }]]);
  }

  /** Messages added to a queue (SendMessage, each entry of SendMessageBatch, a move into it). */
  sent(queueName: string, count = 1): void {
    this.counter('NumberOfMessagesSent', queueName, count);
  }

  /** Messages returned by ReceiveMessage (each receive of a message counts, as in SQS). */
  received(queueName: string, count = 1): void {
    this.counter('NumberOfMessagesReceived', queueName, count);
  }

  /** Messages deleted (DeleteMessage, each entry of DeleteMessageBatch). */
  deleted(queueName: string, count = 1): void {
    this.counter('NumberOfMessagesDeleted', queueName, count);
  }

  /**
   * Records one sample of every queue's gauges at the store's now, or at the earlier time `at` (ms;
   * the age then is that much younger, and a message younger than that gives no age datapoint).
   */
  record(samples: readonly QueueSample[], at?: number): void {
    const secondsAgo = at === undefined ? 0 : (this.store.now() - at) / 1000;
    for (const s of samples) {
      this.handles.put(s.queueName, 'ApproximateNumberOfMessagesVisible', 'Count', s.visible, 1, at);
      this.handles.put(s.queueName, 'ApproximateNumberOfMessagesNotVisible', 'Count', s.notVisible, 1, at);
      this.handles.put(s.queueName, 'ApproximateNumberOfMessagesDelayed', 'Count', s.delayed, 1, at);
      const age = s.oldestAgeSeconds === undefined ? -1 : s.oldestAgeSeconds - secondsAgo;
      if (age >= 0) this.handles.put(s.queueName, 'ApproximateAgeOfOldestMessage', 'Seconds', age, 1, at);
    }
  }

  /**
   * Samples now and then every `intervalMs`; a failed sample is reported and sampling goes on.
   * The first sample also stands for the minute before (recorded in its last millisecond): the
   * runtime has just started, and while it was down nothing could change its queues. So an alarm
   * on a queue that a restart finds full (messages left in the DLQ) is in ALARM at its first
   * evaluation instead of OK for a minute. Resolves once the first sample is recorded (or failed).
   */
  startSampling(
    sample: SampleQueues,
    intervalMs = 10_000,
    onError?: (error: unknown) => void,
  ): Promise<void> {
    this.stopSampling();
    const tick = (first: boolean): Promise<void> =>
      sample().then(
        (samples) => {
          if (first) {
            const now = this.store.now();
            this.record(samples, now - (now % 60_000) - 1);
          }
          this.record(samples);
        },
        (error: unknown) => onError?.(error),
      );
    this.timer = setInterval(() => void tick(false), intervalMs);
    this.timer.unref();
    return tick(true);
  }

  stopSampling(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private counter(metricName: string, queueName: string, count: number): void {
    if (count > 0) this.handles.put(queueName, metricName, 'Count', count);
  }
}

/** The part of the local SQS engine the sampler reads (local/sqs/engine QueueEngine has it). */
export interface QueueAttributeSource {
  listQueues(prefix?: string): string[];
  getQueueAttributes(
    name: string,
    names: string[],
  ): { ok: true; value: Record<string, string> } | { ok: false; error: unknown };
  /** SentTimestamp (ms) of the oldest message in the queue (the SQS engine has it). */
  oldestMessageTimestamp?(name: string): number | undefined;
}

/**
 * A SampleQueues over the engine. Without `oldestMessageTimestamp` the age is known only for an
 * empty queue (0); otherwise no datapoint is recorded (the template's age alarm treats missing data
 * as not breaching).
 */
export function engineSampler(engine: QueueAttributeSource, now: () => number): SampleQueues {
  const names = [
    'ApproximateNumberOfMessages',
    'ApproximateNumberOfMessagesNotVisible',
    'ApproximateNumberOfMessagesDelayed',
  ];
  return () => {
    const out: QueueSample[] = [];
    for (const queueName of engine.listQueues()) {
      const r = engine.getQueueAttributes(queueName, names);
      if (!r.ok) continue;
      const visible = Number(r.value.ApproximateNumberOfMessages ?? 0);
      const notVisible = Number(r.value.ApproximateNumberOfMessagesNotVisible ?? 0);
      const delayed = Number(r.value.ApproximateNumberOfMessagesDelayed ?? 0);
      const sample: QueueSample = { queueName, visible, notVisible, delayed };
      const oldest = engine.oldestMessageTimestamp?.(queueName);
      if (oldest !== undefined) sample.oldestAgeSeconds = Math.max(0, Math.floor((now() - oldest) / 1000));
      else if (visible + notVisible + delayed === 0) sample.oldestAgeSeconds = 0;
      out.push(sample);
    }
    return Promise.resolve(out);
  };
}
