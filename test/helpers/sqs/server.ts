// The project's own SQS server, in process on port 0 (in memory unless given an opened data
// directory), and the ways tests talk to it: both SDKs, raw posts of either wire protocol.
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SendMessageBatchCommand,
  SQSClient,
  type SendMessageBatchRequestEntry,
} from '@aws-sdk/client-sqs';
import { SQSClient as QuerySQSClient } from 'sqs-query-client';
import { DEFAULTS, queueArn } from '../../../local/config/index.js';
import { startSqsServer } from '../../../local/runtime/index.js';
import type { SqsServer, SqsServerOptions } from '../../../local/runtime/index.js';
import { signHeaders } from './sign.js';

export const CREDENTIALS = { accessKeyId: 'AKIDFERRYTEST', secretAccessKey: 'ferry-test-secret' };

/** An in-process server on a free port, in memory unless given an opened data directory. */
export function startTestServer(options: Partial<SqsServerOptions> = {}): Promise<SqsServer> {
  return startSqsServer({ port: 0, ...options });
}

/** The current SDK (AWS JSON 1.0). */
export function jsonClient(endpoint: string, credentials = CREDENTIALS): SQSClient {
  return new SQSClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
}

/** @aws-sdk/client-sqs@3.445.0, the last release that speaks the query protocol. */
export function queryClient(endpoint: string, credentials = CREDENTIALS): QuerySQSClient {
  return new QuerySQSClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
}

/** POSTs a raw request and returns status, headers and body text. */
export async function rawPost(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Headers; body: string }> {
  const res = await fetch(url, { method: 'POST', body, headers });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

export function jsonPost(endpoint: string, action: string, input: unknown): ReturnType<typeof rawPost> {
  return rawPost(endpoint, typeof input === 'string' ? input : JSON.stringify(input), {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': `AmazonSQS.${action}`,
  });
}

export function queryPost(url: string, form: Record<string, string>): ReturnType<typeof rawPost> {
  const body = new URLSearchParams(form).toString();
  // Signed, as every SDK signs: the endpoint refuses an unsigned query request that changes state.
  const type = { 'content-type': 'application/x-www-form-urlencoded' };
  return rawPost(url, body, signHeaders(url, body, type, CREDENTIALS));
}

/** A server with an SDK client for the code under test (the SDK's own retries), and shortcuts. */
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
  const server = await startTestServer();
  const sqs = new SQSClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: CREDENTIALS });
  return {
    sqs,
    async createQueue(name, attributes = {}) {
      const { QueueUrl } = await sqs.send(
        new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
      );
      return { queueUrl: QueueUrl as string, queueArn: queueArn(DEFAULTS.region, DEFAULTS.accountId, name) };
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

/** A JSON 1.0 call's answer as a test compares it: status, the legacy query code header, the body. */
export async function jsonAnswer(endpoint: string, action: string, input: unknown) {
  const res = await jsonPost(endpoint, action, input);
  return {
    status: res.status,
    header: res.headers.get('x-amzn-query-error'),
    body: JSON.parse(res.body) as unknown,
  };
}

/** SQS's JSON 1.0 error as jsonAnswer reads it: `type` in __type, `query` the legacy code. */
export const sqsJsonError = (status: number, type: string, query: string, message: string) => ({
  status,
  header: `${query};Sender`,
  body: { __type: `com.amazonaws.sqs#${type}`, message },
});
