import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { readDashboard } from '../../../local/console/dashboard.js';
import { startConsole } from '../../../local/console/index.js';
import type { LogsReader } from '../../../local/console/index.js';
import { templateSources } from '../../../local/runtime/console-template.js';
import type { Console } from '../../../local/console/types.js';
import { startSqsServer } from '../../../local/runtime/index.js';
import type { SqsServer } from '../../../local/runtime/index.js';
import { loadTemplate } from '../../../local/template/index.js';
import { FakeLogs, FakeMetrics } from './sources.js';

// The console over the real template, a real local SQS server and in-memory metric and log stores
// filled by the test; a stand-in HTTP API records what the send form posts and enqueues it.

export const STORY_ID = 'cid-story-1';

export interface ConsoleStack {
  console: Console;
  sqs: SqsServer;
  client: SQSClient;
  metrics: FakeMetrics;
  logs: FakeLogs;
  queueUrl: string;
  dlqUrl: string;
  posted: { correlationId: string | undefined; body: unknown }[];
  /** Widgets of the template's own dashboard (without extraWidgets). */
  widgetCount: number;
  close(): Promise<void>;
}

export interface StackOptions {
  /** Messages put in the DLQ (default 3). */
  deadLettered?: number;
  /** Widgets added to the template's dashboard (the page must draw alarm and text widgets too). */
  extraWidgets?: object[];
  /** The console's log reader instead of the fake one (which still holds the story's lines). */
  logs?: LogsReader;
}

export async function startConsoleStack(options: StackOptions = {}): Promise<ConsoleStack> {
  const sqs = await startSqsServer({ port: 0 });
  const client = new SQSClient({
    endpoint: sqs.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const model = await loadTemplate('cloudformation/template.yaml', { sqsEndpoint: sqs.endpoint });
  const fromTemplate = await templateSources(model, 'schemas/types');
  const templateWidgets = readDashboard(fromTemplate.dashboardBody);
  const widgetCount = templateWidgets.length;
  if (options.extraWidgets) {
    const body = JSON.parse(fromTemplate.dashboardBody as string) as { widgets: object[] };
    fromTemplate.dashboardBody = { widgets: [...body.widgets, ...options.extraWidgets] };
  }
  const dlqUrl = (await client.send(new CreateQueueCommand({ QueueName: 'ferry-messages-dlq' }))).QueueUrl!;
  const dlqArn = (
    await client.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }))
  ).Attributes!.QueueArn!;
  const queueUrl = (
    await client.send(
      new CreateQueueCommand({
        QueueName: 'ferry-messages',
        Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) },
      }),
    )
  ).QueueUrl!;

  const now = Date.now();
  const metrics = new FakeMetrics();
  const logs = new FakeLogs();
  fill(metrics, templateWidgets, now);
  metrics.alarmStates = model.resources
    .filter((r) => r.type === 'AWS::CloudWatch::Alarm')
    .map((r, i) => ({
      name: r.logicalId,
      state: i === 0 ? 'ALARM' : 'OK',
      reason:
        i === 0 ? 'Threshold Crossed: 1 datapoint [3.0] was greater than the threshold (0.0).' : 'no breach',
      updatedAt: now,
    }));
  const producer = '/aws/lambda/ferry-producer';
  const consumer = '/aws/lambda/ferry-consumer';
  const line = (o: object) => JSON.stringify({ level: 30, time: now, ...o });
  logs.append(producer, 'START RequestId: req-p1 Version: $LATEST', now - 3000);
  logs.append(
    producer,
    line({
      service: 'ferry-producer',
      awsRequestId: 'req-p1',
      correlationId: STORY_ID,
      messageId: 'm-1',
      type: 'order.created',
      outcome: 'accepted',
      msg: 'accepted',
    }),
    now - 2990,
  );
  logs.append(producer, 'REPORT RequestId: req-p1\tDuration: 4.20 ms', now - 2980);
  logs.append(
    consumer,
    line({
      service: 'ferry-consumer',
      awsRequestId: 'req-c1',
      correlationId: STORY_ID,
      messageId: 'm-1',
      type: 'order.created',
      outcome: 'failed',
      reason: 'transient',
      receiveCount: 1,
      msg: 'failed',
    }),
    now - 2000,
  );
  logs.append(
    consumer,
    line({
      service: 'ferry-consumer',
      awsRequestId: 'req-c2',
      correlationId: STORY_ID,
      messageId: 'm-1',
      type: 'order.created',
      outcome: 'processed',
      receiveCount: 2,
      msg: 'processed',
    }),
    now - 1000,
  );
  logs.append(
    consumer,
    line({
      service: 'ferry-consumer',
      awsRequestId: 'req-c3',
      correlationId: 'someone-else',
      outcome: 'processed',
      msg: 'processed',
    }),
    now - 900,
  );

  // Messages reach the DLQ as they do for real: received past maxReceiveCount (1).
  for (let i = 0; i < (options.deadLettered ?? 3); i++) {
    await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify({ type: 'order.created', data: { n: i } }),
        MessageAttributes: {
          type: { DataType: 'String', StringValue: 'order.created' },
          correlationId: { DataType: 'String', StringValue: `cid-dlq-${i}` },
        },
      }),
    );
  }
  for (let round = 0; round < 4; round++) {
    await client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
    );
  }

  const posted: ConsoleStack['posted'] = [];
  const api = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const correlationId = req.headers['x-correlation-id'] as string | undefined;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string };
      posted.push({ correlationId, body });
      const id = correlationId ?? randomUUID();
      logs.append(
        producer,
        line({ service: 'ferry-producer', correlationId: id, type: body.type, outcome: 'accepted' }),
        Date.now(),
      );
      res.writeHead(202, { 'content-type': 'application/json', 'x-correlation-id': id });
      res.end(JSON.stringify({ messageId: randomUUID(), correlationId: id, type: body.type }));
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  const web = await startConsole({
    port: 0,
    sources: {
      ...fromTemplate,
      metrics,
      logs: options.logs ?? logs,
      sqs: client,
      apiUrl: `http://127.0.0.1:${(api.address() as AddressInfo).port}`,
    },
  });
  return {
    console: web,
    sqs,
    client,
    metrics,
    logs,
    queueUrl,
    dlqUrl,
    posted,
    widgetCount,
    async close() {
      await web.close();
      await new Promise((resolve) => api.close(resolve));
      api.closeAllConnections();
      client.destroy();
      await sqs.close();
    },
  };
}

/** Three minutes of datapoints for every metric the dashboard draws (and the SEARCH widgets' metrics). */
function fill(metrics: FakeMetrics, widgets: ReturnType<typeof readDashboard>, now: number): void {
  for (const w of widgets) {
    if (w.type !== 'metric') continue;
    for (const q of w.queries) {
      for (let m = 3; m >= 1; m--) {
        if ('expression' in q) {
          const name = /MetricName="([^"]+)"/.exec(q.expression)?.[1] ?? '';
          metrics.put(
            'Ferry',
            name,
            { Service: 'ferry-producer', Reason: 'invalid-data' },
            now - m * 60_000,
            m,
          );
        } else {
          metrics.put(
            q.namespace,
            q.metricName,
            q.dimensions,
            now - m * 60_000,
            10 * m + q.metricName.length,
          );
        }
      }
    }
  }
}
