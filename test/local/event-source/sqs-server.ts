// The project's own SQS server (in memory, port 0) for the mapping's tests, reached with the real SDK.
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SendMessageBatchCommand,
  SQSClient,
  type SendMessageBatchRequestEntry,
} from '@aws-sdk/client-sqs';
import { startSqsServer } from '../../../local/runtime/index.js';

export interface TestSqs {
  sqs: SQSClient;
  createQueue(
    name: string,
    attributes?: Record<string, string>,
  ): Promise<{ queueUrl: string; queueArn: string }>;
  send(queueUrl: string, entries: Omit<SendMessageBatchRequestEntry, 'Id'>[]): Promise<string[]>;
  /** Visible + in flight: what is still on the queue. */
  depth(queueUrl: string): Promise<number>;
  close(): Promise<void>;
}

export async function startTestSqs(): Promise<TestSqs> {
  const server = await startSqsServer({ port: 0 });
  const sqs = new SQSClient({
    endpoint: server.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    sqs,
    async createQueue(name, attributes = {}) {
      const { QueueUrl } = await sqs.send(
        new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
      );
      return { queueUrl: QueueUrl as string, queueArn: `arn:aws:sqs:us-east-1:000000000000:${name}` };
    },
    async send(queueUrl, entries) {
      const ids: string[] = [];
      for (let i = 0; i < entries.length; i += 10) {
        const chunk = entries.slice(i, i + 10).map((e, j) => ({ ...e, Id: String(i + j) }));
        const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: chunk }));
        const byId = new Map((out.Successful ?? []).map((s) => [s.Id, s.MessageId as string]));
        ids.push(...chunk.map((c) => byId.get(c.Id) as string));
      }
      return ids;
    },
    async depth(queueUrl) {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return (
        Number(Attributes.ApproximateNumberOfMessages) +
        Number(Attributes.ApproximateNumberOfMessagesNotVisible)
      );
    },
    async close() {
      sqs.destroy();
      await server.close();
    },
  };
}

/** Resolves when `predicate` holds, polling every 10 ms; fails after `timeoutMs`. */
export async function until(predicate: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
