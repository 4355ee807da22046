// The one AWS endpoint of `ferry up`, on the SQS port: each request goes to the service it is
// signed for. SQS over the queue engine, CloudWatch Logs over the log store, CloudWatch over the
// metrics, and CloudFormation's DescribeStacks with the stack's local outputs.
import {
  createEndpointListener,
  createStacksHandler,
  type LocalStack,
  type Service,
} from '../endpoint/index.js';
import type { BoundPort } from '../http/port.js';
import { createLogsHandler } from '../logs/index.js';
import { cloudWatchTooLarge } from '../metrics/index.js';
import { createSqsService } from '../sqs/index.js';
import type { Settings } from './options.js';
import type { Stores } from './stores.js';

/** `stacks` is read on every DescribeStacks: the outputs are known only once everything runs. */
export function mountEndpoint(
  port: BoundPort,
  settings: Settings,
  stores: Stores,
  stacks: () => LocalStack[],
): void {
  const services = new Map<string, Service>([
    ['sqs', createSqsService({ engine: stores.engine, endpoint: port.url })],
    [
      'logs',
      {
        handle: createLogsHandler({
          store: stores.logs,
          region: settings.region,
          accountId: stores.engine.accountId,
        }),
      },
    ],
    ['monitoring', { handle: stores.metrics.handler, tooLarge: cloudWatchTooLarge }],
    ['cloudformation', { handle: createStacksHandler(stacks) }],
  ]);
  const auth = settings.auth && { credentials: settings.auth, region: settings.region };
  port.mount(createEndpointListener(services, auth));
}
