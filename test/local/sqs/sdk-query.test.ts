import * as sdk from 'sqs-query-client';
import { suite } from 'uvu';
import { queryClient, startTestServer } from '../../helpers/sqs-server.js';
import type { SqsServer } from '../../../local/sqs/index.js';
import {
  caller,
  fifoLifecycle,
  messageLifecycle,
  queueLifecycle,
  redriveLifecycle,
} from './actions.scenario.js';

// Every action through @aws-sdk/client-sqs, at 3.445.0, the last release on the query protocol.

const test = suite<{ server: SqsServer; client: sdk.SQSClient }>('sqs over the query protocol (SDK 3.445)');

test.before(async (ctx) => {
  ctx.server = await startTestServer();
  ctx.client = queryClient(ctx.server.endpoint);
});

test.after(async (ctx) => {
  ctx.client.destroy();
  await ctx.server.close();
});

test('queues: create, url, list with pages, attributes, tags, permissions, delete', async ({
  server,
  client,
}) => {
  await queueLifecycle(caller(sdk, client), server.endpoint, 'query');
});

test('messages: send, receive with filters, visibility, delete, batches, purge', async ({
  server,
  client,
}) => {
  await messageLifecycle(caller(sdk, client), server.endpoint, 'query', false);
});

test('redrive: DLQ sources, move tasks', async ({ server, client }) => {
  await redriveLifecycle(caller(sdk, client), server.endpoint, 'query');
});

test('FIFO: sequence numbers, deduplication, group order', async ({ client }) => {
  await fifoLifecycle(caller(sdk, client), 'query');
});

test.run();
