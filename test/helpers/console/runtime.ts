import { SQSClient } from '@aws-sdk/client-sqs';
import { parseOverrides } from '../../../local/config/index.js';
import type { LogStore } from '../../../local/logs/index.js';
import type { LocalMetrics } from '../../../local/metrics/index.js';
import { startRuntime } from '../../../local/runtime/index.js';
import type { Runtime } from '../../../local/runtime/index.js';

// The console as `ferry up` serves it: startRuntime (the template, the built bundles, in memory)
// wires the log store, the metrics and the console itself; the test only reads what it made.

export interface RuntimeConsole {
  runtime: Runtime;
  /** The console's base URL, ending in `/`. */
  consoleUrl: string;
  logs: LogStore;
  metrics: LocalMetrics;
  /** An SQS client on the runtime's endpoint, as any client would use it. */
  sqs: SQSClient;
  close(): Promise<void>;
}

export async function startRuntimeConsole(parameterOverrides: string[] = []): Promise<RuntimeConsole> {
  const runtime = await startRuntime({
    templatePath: 'cloudformation/template.yaml',
    store: { kind: 'memory' },
    ports: { api: 0, sqs: 0, console: 0 },
    parameterOverrides: parseOverrides(parameterOverrides),
    // The queue charts get their points within a test's time, not every 10 s.
    sampleIntervalMs: 250,
  });
  const sqs = new SQSClient({
    endpoint: runtime.endpoints.sqs,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    runtime,
    consoleUrl: `${runtime.endpoints.console}/`,
    logs: runtime.logs,
    metrics: runtime.metrics,
    sqs,
    async close() {
      sqs.destroy();
      await runtime.stop();
    },
  };
}
