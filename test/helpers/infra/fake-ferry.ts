import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';

/**
 * A stand-in for a deployed Ferry, for testing scripts/send.sh: the API answers as the producer's
 * contract says (statuses of services/producer/responses.ts), and the same port answers the AWS
 * calls send.sh makes: CloudWatch Logs' FilterLogEvents (JSON protocol) with a "processed" line per
 * accepted message, as the consumer would log it; with `stack`, also CloudFormation's
 * DescribeStacks (query protocol), SQS's GetQueueAttributes (JSON protocol) and Lambda's
 * ListEventSourceMappings (REST), the settings send.sh computes its waits from.
 */
export type FakeFerry = { url: string; logGroup: string; requests: string[]; close(): Promise<void> };
export type FakeOptions = {
  schemasDir: string;
  /** Types whose messages are accepted but never logged as processed. */
  neverProcessed?: string[];
  /** Answer this status to every request for this route instead. */
  override?: { route: string; status: number };
  /**
   * The deployed stack's settings. A message whose data has simulateTransientFailures k is logged
   * as processed only k x visibilityTimeout + batchingWindow seconds after it was accepted, as the
   * queue would redeliver it; without `stack`, at once.
   */
  stack?: {
    name: string;
    visibilityTimeout: number;
    maxReceiveCount: number;
    batchingWindow: number;
    /** false: no Lambda API (as under ferry up): ListEventSourceMappings answers 404. */
    lambdaApi: boolean;
    /** false: GetQueueAttributes is refused (a deploy role without sqs:GetQueueAttributes). */
    queueAttributes?: boolean;
  };
};

type LogEvent = {
  timestamp: number;
  message: string;
  logStreamName: string;
  eventId: string;
  /** Epoch ms from which the line is there (a redelivered message's later success). */
  from: number;
};

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += (chunk as Buffer).toString();
  return text;
}

export async function startFakeFerry(options: FakeOptions): Promise<FakeFerry> {
  const examples = new Map<string, unknown[]>();
  for (const file of readdirSync(options.schemasDir).filter((f) => f.endsWith('.schema.json'))) {
    const schema = JSON.parse(readFileSync(join(options.schemasDir, file), 'utf8')) as {
      examples: unknown[];
    };
    examples.set(file.slice(0, -'.schema.json'.length), schema.examples);
  }
  const logGroup = '/aws/lambda/fake-consumer';
  const events: LogEvent[] = [];
  const requests: string[] = [];
  let messages = 0;

  /** null when valid, else [status, reason]. */
  const check = (entry: unknown): [number, string] | null => {
    const { type, data } = (entry ?? {}) as { type?: unknown; data?: unknown };
    if (typeof type !== 'string' || data === undefined) return [422, 'invalid-envelope'];
    const known = examples.get(type);
    if (known === undefined) return [422, 'unknown-type'];
    return known.some((example) => isDeepStrictEqual(example, data)) ? null : [422, 'invalid-data'];
  };
  const accept = (type: string, data: unknown, correlationId: string): string => {
    messages += 1;
    const messageId = `m-${messages}`;
    if (!options.neverProcessed?.includes(type)) {
      const message = JSON.stringify({ level: 'info', correlationId, messageId, type, outcome: 'processed' });
      const k = (data as { simulateTransientFailures?: number }).simulateTransientFailures ?? 0;
      const stack = options.stack;
      const delay = stack === undefined ? 0 : (k * stack.visibilityTimeout + stack.batchingWindow) * 1000;
      const from = Date.now() + delay;
      events.push({ timestamp: from, message, logStreamName: 'fake', eventId: String(events.length), from });
    }
    return messageId;
  };

  const api = (req: IncomingMessage, res: ServerResponse, text: string): void => {
    const route = `${req.method} ${req.url}`;
    const correlationId = String(req.headers['x-correlation-id'] ?? 'generated');
    requests.push(route);
    const reject = (status: number, error: string) =>
      send(res, status, { error, message: error, correlationId });
    if (options.override?.route === route) return reject(options.override.status, 'overridden');
    if (route === 'GET /types')
      return send(res, 200, { types: [...examples.keys()].map((name) => ({ name })) });
    if (route !== 'POST /messages' && route !== 'POST /messages/batch') return reject(404, 'not-found');
    if (!/^application\/json/.test(String(req.headers['content-type'])))
      return reject(415, 'unsupported-media-type');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return reject(400, 'malformed-json');
    }
    if (route === 'POST /messages') {
      const problem = check(value);
      if (problem !== null) return reject(...problem);
      const { type, data } = value as { type: string; data: unknown };
      return send(res, 202, { messageId: accept(type, data, correlationId), correlationId, type });
    }
    const entries = (value as { messages?: unknown[] }).messages ?? [];
    if (entries.length > 10) return reject(400, 'too-many-entries');
    const results = entries.map((entry) => {
      const problem = check(entry);
      const { type, data } = entry as { type: string; data: unknown };
      return problem === null ? accept(type, data, correlationId) : problem;
    });
    const accepted = results.filter((r) => typeof r === 'string').length;
    const status = accepted === entries.length ? 202 : accepted > 0 ? 207 : 422;
    return send(res, status, { correlationId, results });
  };

  const logs = (res: ServerResponse, target: string, text: string): void => {
    const request = JSON.parse(text) as { logGroupName?: string; filterPattern?: string };
    if (target !== 'Logs_20140328.FilterLogEvents')
      return send(res, 400, { __type: 'UnknownOperationException' });
    if (request.logGroupName !== logGroup) {
      return send(res, 400, {
        __type: 'ResourceNotFoundException',
        message: 'The specified log group does not exist.',
      });
    }
    // The shapes the scripts ask for: none (logs.sh), { $.correlationId = "a" } (logs.sh), and
    // { $.outcome = "processed" && ($.correlationId = "a" || ...) } (send.sh).
    const pattern = request.filterPattern ?? '';
    const shapes = [
      /^$/,
      /^\{ \$\.correlationId = "[^"]+" \}$/,
      /^\{ \$\.outcome = "processed" && \(\$\.correlationId = "[^"]+"( \|\| \$\.correlationId = "[^"]+")*\) \}$/,
    ];
    if (!shapes.some((shape) => shape.test(pattern))) {
      return send(res, 400, { __type: 'InvalidParameterException', message: `pattern ${pattern}` });
    }
    const ids = new Set([...pattern.matchAll(/\$\.correlationId = "([^"]+)"/g)].map((m) => m[1]));
    const processedOnly = pattern.includes('$.outcome = "processed"');
    const now = Date.now();
    const matching = events.filter((e) => {
      if (e.from > now) return false;
      const line = JSON.parse(e.message) as { correlationId: string; outcome: string };
      return (
        (ids.size === 0 || ids.has(line.correlationId)) && (!processedOnly || line.outcome === 'processed')
      );
    });
    return send(res, 200, {
      events: matching.map(({ from: _, ...e }) => e),
      searchedLogStreams: [],
    });
  };

  let url = '';
  const queueName = 'fake-messages';
  const queueArn = `arn:aws:sqs:us-east-1:123456789012:${queueName}`;
  const functionName = 'fake-consumer';

  /** DescribeStacks, GetQueueAttributes, ListEventSourceMappings; false when not one of them. */
  const aws = (req: IncomingMessage, res: ServerResponse, text: string): boolean => {
    const stack = options.stack;
    if (stack === undefined) return false;
    const target = req.headers['x-amz-target'];
    if (req.method === 'POST' && new URLSearchParams(text).get('Action') === 'DescribeStacks') {
      const outputs = {
        ApiUrl: url,
        QueueUrl: `${url}/123456789012/${queueName}`,
        ConsumerFunctionName: functionName,
        ConsumerLogGroupName: logGroup,
      };
      const parameters = {
        QueueVisibilityTimeout: stack.visibilityTimeout,
        MaxReceiveCount: stack.maxReceiveCount,
        MaximumBatchingWindowInSeconds: stack.batchingWindow,
      };
      const member = (kind: string, k: string, v: string) =>
        `<member><${kind}Key>${k}</${kind}Key><${kind}Value>${v}</${kind}Value></member>`;
      const body =
        `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member>` +
        `<StackName>${stack.name}</StackName><StackStatus>CREATE_COMPLETE</StackStatus>` +
        `<Parameters>${Object.entries(parameters)
          .map(([k, v]) => member('Parameter', k, String(v)))
          .join('')}</Parameters>` +
        `<Outputs>${Object.entries(outputs)
          .map(([k, v]) => member('Output', k, v))
          .join('')}</Outputs>` +
        `</member></Stacks></DescribeStacksResult></DescribeStacksResponse>`;
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(body);
      return true;
    }
    if (target === 'AmazonSQS.GetQueueAttributes' && stack.queueAttributes === false) {
      send(res, 400, {
        __type: 'com.amazon.coral.service#AccessDeniedException',
        message: 'not authorized to perform: sqs:GetQueueAttributes',
      });
      return true;
    }
    if (target === 'AmazonSQS.GetQueueAttributes') {
      send(res, 200, {
        Attributes: {
          VisibilityTimeout: String(stack.visibilityTimeout),
          QueueArn: queueArn,
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: `${queueArn}-dlq`,
            maxReceiveCount: stack.maxReceiveCount,
          }),
        },
      });
      return true;
    }
    const where = new URL(req.url ?? '/', 'http://fake');
    if (
      req.method === 'GET' &&
      where.pathname.replace(/\/$/, '') === '/2015-03-31/event-source-mappings' &&
      where.searchParams.get('FunctionName') === functionName
    ) {
      if (!stack.lambdaApi) send(res, 404, { message: 'no Lambda API here' });
      else {
        const mapping = {
          UUID: 'm-1',
          EventSourceArn: queueArn,
          MaximumBatchingWindowInSeconds: stack.batchingWindow,
        };
        send(res, 200, { EventSourceMappings: [mapping] });
      }
      return true;
    }
    return false;
  };

  const server = createServer((req, res) => {
    void bodyOf(req).then((text) => {
      const target = req.headers['x-amz-target'];
      if (aws(req, res, text)) return;
      if (typeof target === 'string') logs(res, target, text);
      else api(req, res, text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    logGroup,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
