import { SQSClient } from '@aws-sdk/client-sqs';
import { startConsole } from '../../local/console/index.js';
import { runtimeConsoleSources } from '../../local/console/sources.js';
import type { Console } from '../../local/console/types.js';
import { createLogStore, feedLambdaRecord } from '../../local/logs/index.js';
import type { LogStore } from '../../local/logs/index.js';
import { alarmsFromTemplate, createLocalMetrics } from '../../local/metrics/index.js';
import type { LocalMetrics } from '../../local/metrics/index.js';
import { startRuntime } from '../../local/runtime/index.js';
import type { Runtime } from '../../local/runtime/index.js';

// The console over a running runtime (the template, the built bundles, in memory), its log store
// and metrics fed from the runtime's line and access hooks, as `ferry up` is to wire them.

export interface RuntimeConsole {
  runtime: Runtime;
  console: Console;
  logs: LogStore;
  metrics: LocalMetrics;
  close(): Promise<void>;
}

export async function startRuntimeConsole(parameterOverrides: string[] = []): Promise<RuntimeConsole> {
  const logs = createLogStore({});
  // Metrics need the API id from the loaded template: the hooks find them once they exist.
  const fed: { metrics?: LocalMetrics } = {};
  const runtime = await startRuntime({
    templatePath: 'cloudformation/template.yaml',
    memory: true,
    apiPort: 0,
    sqsPort: 0,
    consolePort: 0,
    parameterOverrides,
    onLog: (record) => {
      feedLambdaRecord(logs, record);
      fed.metrics?.onLogRecord(record);
    },
    onAccess: (_api, record) => fed.metrics?.onAccessRecord(record),
  });
  const api = runtime.model.resources.find((r) => r.type === 'AWS::ApiGatewayV2::Api');
  const live = createLocalMetrics({
    alarms: alarmsFromTemplate(runtime.model.resources),
    ...(api ? { api: { apiId: api.ref, stage: '$default' } } : {}),
  });
  fed.metrics = live;
  const sqs = new SQSClient({
    endpoint: runtime.endpoints.sqs,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const web = await startConsole({
    port: 0,
    sources: await runtimeConsoleSources({
      model: runtime.model,
      sqs,
      logs,
      metrics: live,
      apiUrl: runtime.endpoints.api!,
    }),
  });
  return {
    runtime,
    console: web,
    logs,
    metrics: live,
    async close() {
      await web.close();
      await runtime.stop();
      sqs.destroy();
      logs.close();
    },
  };
}
