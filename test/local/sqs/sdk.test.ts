import * as jsonSdk from '@aws-sdk/client-sqs';
import * as querySdk from 'sqs-query-client';
import { suite } from 'uvu';
import { jsonClient, queryClient, startTestServer } from '../../helpers/sqs/server.js';
import type { SqsServer } from '../../../local/runtime/index.js';
import {
  caller,
  fifoLifecycle,
  messageLifecycle,
  queueLifecycle,
  redriveLifecycle,
} from '../../helpers/sqs/scenario.js';

// Every action through both SDK generations: the current @aws-sdk/client-sqs (AWS JSON 1.0) and
// 3.445.0, the last release on the query protocol. Each suite has a server of its own.

interface Client {
  send(command: unknown): Promise<unknown>;
  destroy(): void;
}

function sdkSuite(
  title: string,
  sdk: Record<string, unknown>,
  client: (endpoint: string) => Client,
  prefix: 'json' | 'query',
  modern: boolean,
): void {
  const test = suite<{ server: SqsServer; client: Client }>(title);

  test.before(async (ctx) => {
    ctx.server = await startTestServer();
    ctx.client = client(ctx.server.endpoint);
  });

  test.after(async (ctx) => {
    ctx.client.destroy();
    await ctx.server.close();
  });

  test('queues: create, url, list with pages, attributes, tags, permissions, delete', async (ctx) => {
    await queueLifecycle(caller(sdk, ctx.client), ctx.server.endpoint, prefix);
  });

  test('messages: send, receive with filters, visibility, delete, batches, purge', async (ctx) => {
    await messageLifecycle(caller(sdk, ctx.client), ctx.server.endpoint, prefix, modern);
  });

  test('redrive: DLQ sources, move tasks', async (ctx) => {
    await redriveLifecycle(caller(sdk, ctx.client), ctx.server.endpoint, prefix);
  });

  test('FIFO: sequence numbers, deduplication, group order', async (ctx) => {
    await fifoLifecycle(caller(sdk, ctx.client), prefix);
  });

  test.run();
}

// The current SDK also sends MessageSystemAttributeNames, which 3.445 does not know.
sdkSuite('sqs over JSON 1.0 (current SDK)', jsonSdk, jsonClient, 'json', true);
sdkSuite('sqs over the query protocol (SDK 3.445)', querySdk, queryClient, 'query', false);
