import type { SQSClient } from '@aws-sdk/client-sqs';
import { nameOf, peekMessages } from './queues.js';
import type { ConsoleFunction, ConsoleQueue, LogEvent, LogsReader, PeekedMessage } from './types.js';

// A message's whole story, keyed by its correlation id: every log line that carries the id (the
// producer's outcome, each consumer attempt), the invocation lines (START/END/REPORT) of the
// requests that handled it, and the message itself if it now waits in a dead-letter queue.

export type Stage = 'api' | 'producer' | 'consumer' | 'dlq' | 'other';

export interface StoryEntry {
  stage: Stage;
  timestamp: number;
  logGroupName: string;
  message: string;
  /** The line as JSON, when it is JSON. */
  fields?: Record<string, unknown>;
}

export interface Story {
  correlationId: string;
  entries: StoryEntry[];
  /** Messages in a DLQ that carry the id, with why they failed. */
  deadLettered: {
    queue: string;
    messageId: string;
    receiveCount: number;
    attributes: Record<string, string>;
  }[];
}

/** Correlation ids as the producer accepts them (x-correlation-id), so nothing else reaches a pattern. */
export const CORRELATION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

const parse = (message: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(message);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

/** The messages of a queue that carry a correlation id. */
export type FindMessages = (queueUrl: string, correlationId: string) => Promise<PeekedMessage[]>;

/** Finds them by receiving (each look counts as a receive), for an SQS without a side-effect-free lookup. */
export const findByReceiving =
  (sqs: SQSClient): FindMessages =>
  async (url, correlationId) =>
    (await peekMessages(sqs, url, 100)).filter((m) => m.attributes.correlationId === correlationId);

export async function messageStory(
  logs: LogsReader,
  find: FindMessages,
  functions: ConsoleFunction[],
  queues: ConsoleQueue[],
  correlationId: string,
  apiAccessLogGroupName?: string,
): Promise<Story> {
  const stageOf = (group: string): Stage =>
    functions.find((f) => f.logGroupName === group)?.role ??
    (group === apiAccessLogGroupName ? 'api' : 'other');
  const tagged = await logs.filter({ filterPattern: `"${correlationId}"`, limit: 500 });
  const requests = new Map<string, string>();
  for (const e of tagged) {
    const id = parse(e.message)?.awsRequestId;
    if (typeof id === 'string' && CORRELATION_ID.test(id)) requests.set(id, e.logGroupName);
  }
  const invocations = await Promise.all(
    [...requests]
      .slice(0, 20)
      .map(([id, group]) =>
        logs.filter({ logGroupNames: [group], filterPattern: `"RequestId: ${id}"`, limit: 10 }),
      ),
  );
  const seen = new Set<string>();
  const entries: StoryEntry[] = [];
  for (const e of [...tagged, ...invocations.flat()]) {
    const key = `${e.logGroupName}\n${e.logStreamName}\n${e.timestamp}\n${e.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push(entry(e, stageOf(e.logGroupName)));
  }
  entries.sort((a, b) => a.timestamp - b.timestamp);
  const deadLettered: Story['deadLettered'] = [];
  for (const q of queues) {
    if (q.dlqUrl === undefined) continue;
    const messages = await find(q.dlqUrl, correlationId).catch(() => []);
    for (const m of messages) {
      const queue = nameOf(q.dlqUrl);
      deadLettered.push({
        queue,
        messageId: m.messageId,
        receiveCount: m.receiveCount,
        attributes: m.attributes,
      });
      entries.push({ stage: 'dlq', timestamp: m.sentAt, logGroupName: '', message: `waiting in ${queue}` });
    }
  }
  return { correlationId, entries, deadLettered };
}

function entry(e: LogEvent, stage: Stage): StoryEntry {
  const fields = parse(e.message);
  return {
    stage,
    timestamp: e.timestamp,
    logGroupName: e.logGroupName,
    message: e.message,
    fields,
  };
}
