import type { SQSClient } from '@aws-sdk/client-sqs';
import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import type { ConsoleQueue, MetricsReader, PeekedMessage } from './types.js';
import { setOwn } from '../records.js';

export type { PeekedMessage };

// Queues through the real SQS API, as the AWS console does it: the console holds no handle on the
// engine, so what it shows is what any SQS client would see.

export interface QueueStats {
  name: string;
  url: string;
  arn: string;
  visible: number;
  inFlight: number;
  delayed: number;
  /** Seconds, from the AWS/SQS ApproximateAgeOfOldestMessage metric; null without a datapoint. */
  oldestAgeSeconds: number | null;
  /** The queue this one is the DLQ of, if it is one. */
  deadLetterOf?: string;
  dlqName?: string;
}

export interface MoveProgress {
  status: string;
  moved: number;
  toMove: number | null;
  failureReason?: string;
}

/** A queue's name: the last segment of its URL. */
export const nameOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

/** The template's queues and, once each, their DLQs. */
export function queueList(queues: ConsoleQueue[]): { name: string; url: string; deadLetterOf?: string }[] {
  const list: { name: string; url: string; deadLetterOf?: string }[] = [];
  for (const q of queues) {
    if (!list.some((l) => l.url === q.url)) list.push({ name: q.name, url: q.url });
    if (q.dlqUrl !== undefined && !list.some((l) => l.url === q.dlqUrl)) {
      list.push({ name: nameOf(q.dlqUrl), url: q.dlqUrl, deadLetterOf: q.name });
    }
  }
  return list;
}

export async function queueStats(
  sqs: SQSClient,
  metrics: MetricsReader,
  queues: ConsoleQueue[],
  now: number,
): Promise<QueueStats[]> {
  const list = queueList(queues);
  const ages = await metrics
    .query(
      list.map((q, i) => ({
        id: `age${i}`,
        namespace: 'AWS/SQS',
        metricName: 'ApproximateAgeOfOldestMessage',
        dimensions: { QueueName: q.name },
        stat: 'Maximum',
        period: 60,
      })),
      { start: now - 5 * 60_000, end: now },
    )
    .catch(() => []);
  return Promise.all(
    list.map(async (q, i) => {
      const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: q.url, AttributeNames: ['All'] }));
      const a = out.Attributes ?? {};
      const age = ages.find((s) => s.id === `age${i}`)?.values.at(-1);
      const dlqUrl = queues.find((c) => c.url === q.url)?.dlqUrl;
      return {
        name: q.name,
        url: q.url,
        arn: a.QueueArn ?? '',
        visible: Number(a.ApproximateNumberOfMessages ?? 0),
        inFlight: Number(a.ApproximateNumberOfMessagesNotVisible ?? 0),
        delayed: Number(a.ApproximateNumberOfMessagesDelayed ?? 0),
        oldestAgeSeconds: age ?? null,
        deadLetterOf: q.deadLetterOf,
        dlqName: dlqUrl !== undefined ? nameOf(dlqUrl) : undefined,
      };
    }),
  );
}

/**
 * Messages received with a visibility timeout of 0, so they stay available to consumers. As in the
 * AWS console's "poll for messages", each look counts as a receive (ApproximateReceiveCount).
 */
export async function peekMessages(sqs: SQSClient, url: string, max: number): Promise<PeekedMessage[]> {
  const seen = new Map<string, PeekedMessage>();
  for (let round = 0; round < 5 && seen.size < max; round++) {
    const out = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: Math.min(10, max),
        VisibilityTimeout: 0,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    const batch = out.Messages ?? [];
    let fresh = 0;
    for (const m of batch) {
      if (m.MessageId === undefined || seen.has(m.MessageId)) continue;
      fresh++;
      const attributes: Record<string, string> = {};
      // The SDK reads an attribute named `__proto__` back without its value (#15.12).
      for (const [k, v] of Object.entries(m.MessageAttributes ?? {}))
        if (v !== undefined) setOwn(attributes, k, v.StringValue ?? '');
      seen.set(m.MessageId, {
        messageId: m.MessageId,
        body: m.Body ?? '',
        sentAt: Number(m.Attributes?.SentTimestamp ?? 0),
        receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 0),
        attributes,
      });
    }
    if (fresh === 0) break;
  }
  return [...seen.values()].slice(0, max).sort((a, b) => a.sentAt - b.sentAt);
}

async function arnOf(sqs: SQSClient, url: string): Promise<string> {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  const arn = out.Attributes?.QueueArn;
  if (arn === undefined) throw new Error(`GetQueueAttributes gave no QueueArn for ${url}`);
  return arn;
}

/**
 * Moves the DLQ's messages back: to `sourceUrl`, the queue whose RedrivePolicy names the DLQ, as
 * scripts/redrive.sh does. Without a DestinationArn, SQS moves each message to the queue it was
 * dead-lettered from, and fails on a message that the consumer sent to the DLQ itself
 * (NonExistentQueue), which is how Ferry's poison messages get there.
 */
export async function startRedrive(
  sqs: SQSClient,
  dlqUrl: string,
  sourceUrl?: string,
): Promise<{ taskHandle: string }> {
  const out = await sqs.send(
    new StartMessageMoveTaskCommand({
      SourceArn: await arnOf(sqs, dlqUrl),
      ...(sourceUrl !== undefined ? { DestinationArn: await arnOf(sqs, sourceUrl) } : {}),
    }),
  );
  return { taskHandle: out.TaskHandle ?? '' };
}

/** The most recent move task out of the queue, or null when it never had one. */
export async function redriveProgress(sqs: SQSClient, dlqUrl: string): Promise<MoveProgress | null> {
  const out = await sqs.send(
    new ListMessageMoveTasksCommand({ SourceArn: await arnOf(sqs, dlqUrl), MaxResults: 1 }),
  );
  const task = out.Results?.[0];
  if (task === undefined) return null;
  return {
    status: task.Status ?? 'UNKNOWN',
    moved: task.ApproximateNumberOfMessagesMoved ?? 0,
    toMove: task.ApproximateNumberOfMessagesToMove ?? null,
    failureReason: task.FailureReason,
  };
}

export async function purge(sqs: SQSClient, url: string): Promise<void> {
  await sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
}
