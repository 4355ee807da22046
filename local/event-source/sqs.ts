// The SQS calls of the mapping, through the real SDK. A failed call is retried with backoff:
// a poller never crashes, and a record is never dropped — at worst it is received again.
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';

export interface SqsCalls {
  receive(max: number, waitTimeSeconds: number, signal: AbortSignal): Promise<Message[]>;
  /** Deletes by receipt handle; answers how many deletions SQS confirmed. */
  delete(receiptHandles: string[]): Promise<number>;
}

export interface Retry {
  baseMs: number;
  onError: (error: unknown, action: string) => void;
  stopping: () => boolean;
}

const MAX_BACKOFF_MS = 5_000;
/** Delete attempts; after them the records simply become visible again. */
const DELETE_ATTEMPTS = 8;

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

export const backoff = (attempt: number, baseMs: number): number =>
  Math.min(MAX_BACKOFF_MS, baseMs * 2 ** attempt) * (0.5 + Math.random() / 2);

export function createSqsCalls(sqs: SQSClient, queueUrl: string, retry: Retry): SqsCalls {
  async function receive(max: number, waitTimeSeconds: number, signal: AbortSignal): Promise<Message[]> {
    for (let attempt = 0; !signal.aborted; attempt++) {
      try {
        const out = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: max,
            WaitTimeSeconds: waitTimeSeconds,
            AttributeNames: ['All'],
            MessageAttributeNames: ['All'],
            MessageSystemAttributeNames: ['All'],
          }),
          { abortSignal: signal },
        );
        return out.Messages ?? [];
      } catch (error) {
        if (signal.aborted) break;
        retry.onError(error, 'ReceiveMessage');
        await sleep(backoff(attempt, retry.baseMs), signal);
      }
    }
    return [];
  }

  async function deleteChunk(handles: string[]): Promise<number> {
    let pending = handles.map((handle, i) => ({ Id: String(i), ReceiptHandle: handle }));
    let deleted = 0;
    for (let attempt = 0; attempt < DELETE_ATTEMPTS && pending.length > 0; attempt++) {
      if (attempt > 0) await sleep(backoff(attempt - 1, retry.baseMs));
      try {
        const out = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending }));
        deleted += out.Successful?.length ?? 0;
        // A sender fault (an expired receipt handle) will not get better by retrying.
        const retryable = new Set((out.Failed ?? []).filter((f) => !f.SenderFault).map((f) => f.Id));
        for (const failure of out.Failed ?? []) retry.onError(failure, 'DeleteMessageBatch');
        pending = pending.filter((entry) => retryable.has(entry.Id));
      } catch (error) {
        retry.onError(error, 'DeleteMessageBatch');
        if (retry.stopping() && attempt >= 2) break;
      }
    }
    return deleted;
  }

  return {
    receive,
    async delete(receiptHandles) {
      const chunks: Promise<number>[] = [];
      for (let i = 0; i < receiptHandles.length; i += 10)
        chunks.push(deleteChunk(receiptHandles.slice(i, i + 10)));
      return (await Promise.all(chunks)).reduce((a, b) => a + b, 0);
    },
  };
}
