// What one resolution of the template runs: its queues (created, or brought up to date), the
// console over it, its functions, the mappings' pollers and the gateways. Start-up starts one; a
// template change (watch mode) starts the next and then stops this one, on the same stores and
// ports, so queues, messages, logs and metrics stay.
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { MappingThreadLauncher } from '../event-source/index.js';
import type { WorkerPauses } from '../lambda/index.js';
import type { BoundPort } from '../http/port.js';
import type { BoundPorts } from './bind.js';
import type { Capture } from './capture.js';
import { mountConsole } from './console.js';
import { mountGateways, type MountedApi } from './gateways.js';
import { Functions } from './invoke.js';
import type { Settings } from './options.js';
import { startMappings } from './pollers.js';
import { createQueue } from './queues.js';
import type { Stack } from './stack.js';
import { StatusLine, statusQueues, type Counts } from './status.js';
import type { Stores } from './stores.js';

/** What every resolution of the template shares: started once, stopped once. */
export interface Shared {
  settings: Settings;
  ports: BoundPorts;
  stores: Stores;
  capture: Capture;
  client: SQSClient;
  /** `--inspect`: what tells the functions that a debugger paused one of their threads. */
  pauses?: WorkerPauses;
}

export class StackParts {
  readonly apis: MountedApi[] = [];
  readonly functions: Functions;
  readonly status: StatusLine;

  constructor(
    readonly stack: Stack,
    readonly shared: Shared,
    /** The mappings' thread, launched early: it loads the SDK while the rest starts. */
    private readonly mappings: MappingThreadLauncher,
    counts?: Counts,
  ) {
    this.functions = new Functions(shared.capture, shared.pauses);
    this.status = new StatusLine(shared.client, statusQueues(stack), counts);
  }

  async start(): Promise<void> {
    const { settings, ports, stores, capture, client } = this.shared;
    for (const queue of this.stack.queues) await createQueue(client, queue);
    await mountConsole(ports.console, this.stack, stores, client);
    this.functions.start(this.stack.functions, (record) => {
      this.status.see(record.message);
      capture.onLog(record);
      settings.onLog?.(record);
    });
    // The pollers start in their thread while the functions warm up; both are ready before `ready`.
    await Promise.all([
      startMappings(this.mappings, this.stack, settings, this.functions),
      this.functions.prewarm(settings.prewarm ?? 1),
    ]);
    await mountGateways(ports.api, this.stack, settings, this.functions, capture, this.apis);
  }

  /** No batch starts from now on; the batches under way finish first. */
  stopPollers(): Promise<void> {
    return this.mappings.cancel();
  }

  /**
   * Once a successor serves the shared ports (or at shutdown, once the gateways drained): the
   * pollers stop, the invocations under way finish, the environments end.
   */
  async stop(): Promise<void> {
    await this.mappings.cancel();
    await this.functions.stop();
    await Promise.all(this.ownPorts().map((port) => port.close()));
  }

  /** The ports of the APIs after the first, bound for this resolution alone. */
  ownPorts(): BoundPort[] {
    return this.apis.filter((api) => api.port !== this.shared.ports.api).map((api) => api.port);
  }
}
