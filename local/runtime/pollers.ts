// The event source mappings' pollers, started in their own thread (launched at the start of
// start-up: it loads the SDK meanwhile), each invoking its function through `Functions`.
import type { MappingThreadLauncher } from '../event-source/index.js';
import type { Functions } from './invoke.js';
import type { Settings } from './options.js';
import type { Stack } from './stack.js';

/** Starts every mapping's pollers in the thread (launched early: it loads the SDK meanwhile). */
export async function startMappings(
  thread: MappingThreadLauncher,
  stack: Stack,
  settings: Settings,
  functions: Functions,
): Promise<void> {
  await thread.start({
    endpoint: stack.sqsEndpoint,
    region: settings.region,
    credentials: settings.credentials,
    mappings: stack.mappings.map((spec) => ({
      queueUrl: spec.queue.url,
      queueArn: spec.queue.arn,
      region: settings.region,
      enabled: spec.enabled,
      batchSize: spec.batchSize,
      maximumBatchingWindowInSeconds: spec.maximumBatchingWindowInSeconds,
      functionResponseTypes: spec.functionResponseTypes,
      maximumConcurrency: spec.maximumConcurrency,
      filterCriteria: spec.filterCriteria,
      invoke: (event: unknown) => functions.invoke(spec.functionId, event),
      onError: (error: unknown, action: string) => settings.onError?.(`${spec.logicalId} ${action}`, error),
    })),
    onThreadError: (error) => settings.onError?.('event source mappings', error),
  });
}
