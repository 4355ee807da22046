// What start-up has started so far, and stopping it in reverse: the gateways stop taking requests
// and answer what they hold, the pollers stop, the functions finish (up to their timeout), the
// console goes, the endpoint answers its long polls as the engine closes, and the stores close.
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { LocalStack } from '../endpoint/index.js';
import type { MappingThreadLauncher } from '../event-source/index.js';
import type { BoundPorts } from './bind.js';
import type { Capture } from './capture.js';
import type { Debugging } from './inspector.js';
import type { StackParts } from './stack-parts.js';
import type { Stores } from './stores.js';

export class Parts {
  stores: Stores | undefined;
  capture: Capture | undefined;
  client: SQSClient | undefined;
  debugging: Debugging | undefined;
  /** What the template runs now (replaced when watch mode re-plans it). */
  current: StackParts | undefined;
  /** What DescribeStacks answers: the stack with its outputs' local values. */
  described: LocalStack[] = [];

  constructor(
    readonly ports: BoundPorts,
    /** The first mappings' thread, launched at once (it loads the SDK while the rest starts). */
    readonly mappings: MappingThreadLauncher,
  ) {}
}

export async function shutdown(parts: Parts): Promise<void> {
  const busy = () => (parts.current?.functions.inFlight ?? 0) > 0;
  const apiPorts = [parts.ports.api, ...(parts.current?.ownPorts() ?? [])];
  await Promise.all(apiPorts.map((port) => port?.drain(busy)));
  await parts.current?.stop();
  // Started before the template was resolved; ended here if start-up failed before its stack ran.
  await parts.mappings.cancel();
  await parts.ports.console.close();
  parts.client?.destroy();
  parts.capture?.stop();
  // Long polls resolve empty once the engine closes; their answers go out, then the connections.
  await parts.ports.sqs.close(async () => {
    await parts.stores?.engine.close();
  });
  // After the functions (their last lines), the console (its readers) and the endpoint.
  parts.stores?.close();
  parts.debugging?.close();
}
