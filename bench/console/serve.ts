// The child process of bench:console: the template under startRuntime (memory store), with the
// log store and metrics fed from the runtime's hooks when `--capture` is given, and the console
// when `--console` is given. Prints one JSON line with its URLs, then `processed <n>` every 200 ms.
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startConsole } from '../../local/console/index.js';
import { runtimeConsoleSources } from '../../local/console/sources.js';
import { createLogStore, feedLambdaRecord } from '../../local/logs/index.js';
import { alarmsFromTemplate, createLocalMetrics } from '../../local/metrics/index.js';
import type { LocalMetrics } from '../../local/metrics/index.js';
import { startRuntime } from '../../local/runtime/index.js';

const capture = process.argv.includes('--capture');
const withConsole = process.argv.includes('--console');
const logs = capture ? createLogStore({}) : undefined;
let metrics: LocalMetrics | undefined;
let processed = 0;

const runtime = await startRuntime({
  templatePath: 'cloudformation/template.yaml',
  memory: true,
  apiPort: 0,
  sqsPort: 0,
  consolePort: 0,
  parameterOverrides: ['ApiThrottlingBurstLimit=1000000', 'ApiThrottlingRateLimit=1000000'],
  onLog: (record) => {
    if (record.message.includes('"outcome":"processed"')) processed++;
    if (logs) feedLambdaRecord(logs, record);
    metrics?.onLogRecord(record);
  },
  onAccess: (_api, record) => metrics?.onAccessRecord(record),
});
const sqs = new SQSClient({
  endpoint: runtime.endpoints.sqs,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
let url = '';
if (capture) {
  const api = runtime.model.resources.find((r) => r.type === 'AWS::ApiGatewayV2::Api');
  metrics = createLocalMetrics({
    alarms: alarmsFromTemplate(runtime.model.resources),
    ...(api ? { api: { apiId: api.ref, stage: '$default' } } : {}),
  });
  const queues = runtime.model.resources.filter((r) => r.type === 'AWS::SQS::Queue');
  metrics.start({
    sampleQueues: async () =>
      Promise.all(
        queues.map(async (q) => {
          const a = (
            await sqs.send(new GetQueueAttributesCommand({ QueueUrl: q.ref, AttributeNames: ['All'] }))
          ).Attributes!;
          return {
            queueName: String(q.attributes.QueueName),
            visible: Number(a.ApproximateNumberOfMessages),
            notVisible: Number(a.ApproximateNumberOfMessagesNotVisible),
            delayed: Number(a.ApproximateNumberOfMessagesDelayed),
          };
        }),
      ),
  });
}
if (withConsole && logs && metrics) {
  const web = await startConsole({
    port: 0,
    sources: await runtimeConsoleSources({
      model: runtime.model,
      sqs,
      logs,
      metrics,
      apiUrl: runtime.endpoints.api!,
    }),
  });
  url = web.url;
}
process.stdout.write(
  `${JSON.stringify({ api: runtime.endpoints.api, sqs: runtime.endpoints.sqs, console: url })}\n`,
);
setInterval(() => process.stdout.write(`processed ${processed}\n`), 200);
process.on('SIGTERM', () => {
  metrics?.stop();
  void runtime.stop().then(() => process.exit(0));
});
