// The console on its port, over what the runtime holds: the template, an SQS client on the local
// endpoint, the log store, the metrics and alarms, and the first API's URL for test messages.
import type { SQSClient } from '@aws-sdk/client-sqs';
import { createConsoleListener } from '../console/index.js';
import type { BoundPort } from '../http/port.js';
import { runtimeConsoleSources } from './console-sources.js';
import type { Stack } from './stack.js';
import type { Stores } from './stores.js';

export async function mountConsole(
  port: BoundPort,
  stack: Stack,
  stores: Stores,
  sqs: SQSClient,
): Promise<void> {
  const sources = await runtimeConsoleSources({
    model: stack.model,
    sqs,
    engine: stores.engine,
    logs: stores.logs,
    metrics: stores.metrics,
    apiUrl: stack.apiEndpoint,
  });
  port.mount(createConsoleListener({ sources }));
}
