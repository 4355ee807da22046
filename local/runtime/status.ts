// The numbers of the one-line status: messages accepted by a function, waiting in the source
// queues, in flight (received, not yet deleted), processed, and waiting in dead-letter queues.
// Accepted and processed are counted from the functions' outcome log lines (every message gets
// exactly one, see services/lib); the queue figures come from the queues' own attributes.
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { LogStore } from '../logs/index.js';
import type { QueueSpec } from './queues.js';

export interface Status {
  accepted: number;
  inQueue: number;
  inFlight: number;
  processed: number;
  inDlq: number;
}

export interface StatusQueues {
  /** Queues some event source mapping reads. */
  sources: string[];
  /** Queues some RedrivePolicy names as deadLetterTargetArn. */
  deadLetter: string[];
}

const ACCEPTED = '"outcome":"accepted"';
const PROCESSED = '"outcome":"processed"';

/** Messages accepted and processed, counted from the functions' outcome lines. */
export interface Counts {
  accepted: number;
  processed: number;
}

/**
 * The counters as the log store holds them, from the outcome lines in the functions' log groups:
 * on a durable store a restart goes on from the numbers it stopped at (less what the store's size
 * cap or a group's retention has since dropped).
 */
export function storedCounts(logs: Pick<LogStore, 'countContaining'>, logGroups: readonly string[]): Counts {
  const counts = { accepted: 0, processed: 0 };
  for (const group of new Set(logGroups)) {
    const [accepted, processed] = logs.countContaining(group, [ACCEPTED, PROCESSED]);
    counts.accepted += accepted!;
    counts.processed += processed!;
  }
  return counts;
}

/** The counters of the status line, and the queues it reads the rest from. */
export class StatusLine {
  private accepted: number;
  private processed: number;

  constructor(
    private readonly sqs: SQSClient,
    private readonly queues: StatusQueues,
    counts: Counts = { accepted: 0, processed: 0 },
  ) {
    this.accepted = counts.accepted;
    this.processed = counts.processed;
  }

  counts(): Counts {
    return { accepted: this.accepted, processed: this.processed };
  }

  /** Looks at one log line of a function; cheap enough for every line. */
  see(line: string): void {
    if (!line.includes('"outcome":"')) return;
    if (line.includes(ACCEPTED)) this.accepted++;
    else if (line.includes(PROCESSED)) this.processed++;
  }

  async read(): Promise<Status> {
    const [sources, dlqs] = await Promise.all([
      Promise.all(this.queues.sources.map((url) => this.depth(url))),
      Promise.all(this.queues.deadLetter.map((url) => this.depth(url))),
    ]);
    return {
      accepted: this.accepted,
      inQueue: sources.reduce((n, d) => n + d.visible, 0),
      inFlight: sources.reduce((n, d) => n + d.inFlight, 0),
      processed: this.processed,
      inDlq: dlqs.reduce((n, d) => n + d.visible + d.inFlight, 0),
    };
  }

  private async depth(url: string): Promise<{ visible: number; inFlight: number }> {
    const { Attributes: a = {} } = await this.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return {
      visible: Number(a.ApproximateNumberOfMessages ?? 0),
      inFlight: Number(a.ApproximateNumberOfMessagesNotVisible ?? 0),
    };
  }
}

/** The queues of the status line: the mappings' sources and the DLQs their RedrivePolicy names. */
export function statusQueues(stack: { mappings: { queue: QueueSpec }[]; queues: QueueSpec[] }): StatusQueues {
  const targets = new Set(
    stack.queues.flatMap((q) => {
      const policy = q.attributes.RedrivePolicy;
      if (policy === undefined) return [];
      const arn = (JSON.parse(policy) as { deadLetterTargetArn?: string }).deadLetterTargetArn;
      return arn === undefined ? [] : [arn];
    }),
  );
  return {
    sources: [...new Set(stack.mappings.map((m) => m.queue.url))],
    deadLetter: stack.queues.filter((q) => targets.has(q.arn)).map((q) => q.url),
  };
}

export function formatStatus(s: Status): string {
  return `accepted ${s.accepted} · in queue ${s.inQueue} · in flight ${s.inFlight} · processed ${s.processed} · in DLQ ${s.inDlq}`;
}
