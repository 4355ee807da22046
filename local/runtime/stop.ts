// What start-up has started so far, and stopping it in reverse: the gateways stop taking requests
// and answer what they hold, the pollers stop, the functions finish (up to their timeout), the
// console goes, the endpoint answers its long polls as the engine closes, and the stores close.
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { MappingThreadLauncher } from '../event-source/index.js';
import type { BoundPorts } from './bind.js';
import type { Capture } from './capture.js';
import type { MountedApi } from './gateways.js';
import type { Functions } from './invoke.js';
import type { Stores } from './stores.js';

export class Parts {
  readonly apis: MountedApi[] = [];
  stores: Stores | undefined;
  capture: Capture | undefined;
  client: SQSClient | undefined;
  functions: Functions | undefined;

  constructor(
    readonly ports: BoundPorts,
    /** The mappings' thread, launched at once: it loads the SDK while the rest starts. */
    readonly mappings: MappingThreadLauncher,
  ) {}
}

export async function shutdown(parts: Parts): Promise<void> {
  const busy = () => (parts.functions?.inFlight ?? 0) > 0;
  await Promise.all(parts.apis.map((api) => api.port.drain(busy)));
  // Bound but never mounted (the template's Api was left out by a Condition, or start-up failed).
  await parts.ports.api?.close();
  await parts.mappings.cancel();
  await parts.functions?.stop();
  await parts.ports.console.close();
  parts.client?.destroy();
  parts.capture?.stop();
  // Long polls resolve empty once the engine closes; their answers go out, then the connections.
  await parts.ports.sqs.close(async () => {
    await parts.stores?.engine.close();
  });
  // After the functions (their last lines), the console (its readers) and the endpoint.
  parts.stores?.close();
}
