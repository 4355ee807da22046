// Sample events of exactly the shape the template's parts build, made by their own code: the API's
// by the gateway's route selection and event builder (as a request through `ferry up`'s API would
// bring), the queue's by real messages sent to an in-memory SQS endpoint with the producer's
// attributes, received with the event source mapping's own calls and turned into its records.
import { randomUUID } from 'node:crypto';
import { SendMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { LOCAL_CREDENTIALS } from '../config/index.js';
import { createSqsCalls, toRecords, type SqsEvent } from '../event-source/index.js';
import { requestEvent, type ApiGatewayEventV2 } from '../gateway/index.js';
import { InvokeError, listed } from './invoke-error.js';
import { createQueue, type QueueSpec } from './queues.js';
import { startSqsServer } from './sqs-server.js';
import type { Stack } from './stack.js';

export interface ApiRequest {
  /** The Api's logical id; default the template's first. */
  api?: string;
  method: string;
  /** As a client sends it: stage prefix (if any) and query string included. */
  path: string;
  /** Header lines a client adds, over curl's own (host, user-agent, accept). */
  headers: [string, string][];
  body?: string;
  /** Default Date.now(). */
  timeEpoch?: number;
}

/** The function the request's route reaches (logical id), and the event it is invoked with. */
export function apiEvent(stack: Stack, req: ApiRequest): { functionId: string; event: ApiGatewayEventV2 } {
  const apis = stack.apis;
  const api = req.api === undefined ? apis[0] : apis.find((a) => a.logicalId === req.api);
  if (api === undefined)
    throw new InvokeError(
      'ApiNotFound',
      `the template has no AWS::ApiGatewayV2::Api ${req.api === undefined ? '' : `${req.api} `}(its APIs: ${listed(apis.map((a) => a.logicalId))})`,
    );
  const endpoint = new URL(stack.apiEndpoint);
  const body = req.body === undefined ? Buffer.alloc(0) : Buffer.from(req.body);
  // curl's own headers, each replaced by a header of the same name given (given ones repeat freely).
  const given = new Set(req.headers.map(([name]) => name.toLowerCase()));
  const curl: [string, string][] = [
    ['Host', endpoint.host],
    ['User-Agent', 'curl/8.5.0'],
    ['Accept', '*/*'],
  ];
  if (req.body !== undefined)
    curl.push(['Content-Type', 'application/json'], ['Content-Length', String(body.length)]);
  const headers = [...curl.filter(([name]) => !given.has(name.toLowerCase())), ...req.headers];
  const q = req.path.indexOf('?');
  const found = requestEvent(
    {
      stage: api.stage,
      routes: api.routes,
      apiId: api.apiId,
      accountId: stack.model.stack.accountId,
      stageVariables: api.stageVariables,
    },
    {
      method: req.method.toUpperCase(),
      rawPath: q === -1 ? req.path : req.path.slice(0, q),
      rawQueryString: q === -1 ? '' : req.path.slice(q + 1),
      rawHeaders: headers.flat(),
      sourceIp: '127.0.0.1',
      localPort: Number(endpoint.port),
      body,
      timeEpoch: req.timeEpoch ?? Date.now(),
    },
  );
  if (found === undefined)
    throw new InvokeError(
      'RouteNotFound',
      `no route of ${api.logicalId} takes ${req.method.toUpperCase()} ${req.path} (its routes: ${listed(api.routes.map((r) => r.routeKey))})`,
    );
  return { functionId: found.target, event: found.event };
}

export interface QueueMessages {
  /** The queue's logical id or name; default the queue of the template's first event source mapping. */
  queue?: string;
  /** One record per body. */
  bodies: string[];
  /** Each body's message attributes, as the producer sets them (String values). */
  attributes: Record<string, string>[];
}

/** The queue the event comes from, and the function its event source mapping invokes (if any). */
export function eventQueue(
  stack: Stack,
  name: string | undefined,
): { queue: QueueSpec; functionId?: string } {
  if (name === undefined) {
    const mapping = stack.mappings[0];
    if (mapping !== undefined) return { queue: mapping.queue, functionId: mapping.functionId };
  }
  const queue =
    name === undefined ? stack.queues[0] : stack.queues.find((q) => q.logicalId === name || q.name === name);
  if (queue === undefined)
    throw new InvokeError(
      'QueueNotFound',
      `the template has no AWS::SQS::Queue ${name === undefined ? '' : `${name} `}(its queues: ${listed(stack.queues.map((q) => `${q.logicalId} (${q.name})`))})`,
    );
  const mapping = stack.mappings.find((m) => m.queue.logicalId === queue.logicalId);
  return { queue, ...(mapping ? { functionId: mapping.functionId } : {}) };
}

/** The SQS event of the messages, received from an in-memory copy of the template's queues. */
export async function sqsEvent(
  stack: Stack,
  messages: QueueMessages,
): Promise<{ functionId?: string; event: SqsEvent }> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { queue, functionId } = eventQueue(stack, messages.queue);
  const { region } = stack.model.stack;
  const server = await startSqsServer({ port: 0, region });
  const client = new SQSClient({ endpoint: server.endpoint, region, credentials: LOCAL_CREDENTIALS });
  try {
    const urls = new Map<string, string>();
    for (const q of stack.queues) urls.set(q.logicalId, await createQueue(client, q));
    const url = urls.get(queue.logicalId)!;
    await sendAll(client, url, queue, messages);
    const calls = createSqsCalls(client, url, {
      baseMs: 10,
      onError: (error) => {
        throw error;
      },
      stopping: () => false,
    });
    const received: Message[] = [];
    const signal = new AbortController().signal;
    for (let empty = 0; received.length < messages.bodies.length;) {
      const got = await calls.receive(Math.min(10, messages.bodies.length - received.length), 1, signal);
      // Sent a moment ago with no delay: a queue that still answers nothing will not.
      if (got.length === 0 && ++empty === 3)
        throw new Error(`${queue.name}: the sample messages were not received`);
      received.push(...got);
    }
    return {
      ...(functionId ? { functionId } : {}),
      event: { Records: toRecords(received, queue.arn, region) },
    };
  } finally {
    client.destroy();
    await server.close();
  }
}

/** Sends each body with its attributes, at once (a queue's DelaySeconds does not hold a sample back). */
async function sendAll(
  client: SQSClient,
  url: string,
  queue: QueueSpec,
  messages: QueueMessages,
): Promise<void> {
  const fifo = queue.attributes.FifoQueue === 'true';
  for (const [i, body] of messages.bodies.entries()) {
    const attributes = messages.attributes[i] ?? {};
    await client.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: body,
        MessageAttributes: Object.fromEntries(
          Object.entries(attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]),
        ),
        ...(fifo ? { MessageGroupId: 'sample', MessageDeduplicationId: randomUUID() } : { DelaySeconds: 0 }),
      }),
    );
  }
}
