import * as sdk from '@aws-sdk/client-sqs';
import { suite } from 'uvu';
import { jsonClient, startTestServer } from '../../helpers/sqs-server.js';
import type { SqsServer } from '../../../local/sqs/index.js';
import {
  caller,
  fifoLifecycle,
  messageLifecycle,
  queueLifecycle,
  redriveLifecycle,
} from './actions.scenario.js';

// Every action through the current @aws-sdk/client-sqs, which speaks AWS JSON 1.0.

const test = suite<{ server: SqsServer; client: sdk.SQSClient }>('sqs over JSON 1.0 (current SDK)');

test.before(async (ctx) => {
  ctx.server = await startTestServer();
  ctx.client = jsonClient(ctx.server.endpoint);
});

test.after(async (ctx) => {
  ctx.client.destroy();
  await ctx.server.close();
});

test('queues: create, url, list with pages, attributes, tags, permissions, delete', async ({
  server,
  client,
}) => {
  await queueLifecycle(caller(sdk, client), server.endpoint, 'json');
});

test('messages: send, receive with filters, visibility, delete, batches, purge', async ({
  server,
  client,
}) => {
  await messageLifecycle(caller(sdk, client), server.endpoint, 'json', true);
});

test('redrive: DLQ sources, move tasks', async ({ server, client }) => {
  await redriveLifecycle(caller(sdk, client), server.endpoint, 'json');
});

test('FIFO: sequence numbers, deduplication, group order', async ({ client }) => {
  await fifoLifecycle(caller(sdk, client), 'json');
});

test.run();
