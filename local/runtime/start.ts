// The local runtime: one template, played on this machine, in four steps. Plan: the template read
// and the options settled. Bind: the three ports, each answering 503 until its part is mounted.
// Wire: the template resolved with the bound addresses, the stores opened, the AWS endpoint
// mounted, the queues created through the SQS API, the console, the functions, the event source
// mappings and the gateways started. Stop (stop.ts): the same in reverse.
import { performance } from 'node:perf_hooks';
import { SQSClient } from '@aws-sdk/client-sqs';
import { LOCAL_CREDENTIALS } from '../config/index.js';
import type { LocalStack } from '../endpoint/index.js';
import { launchMappingThread } from '../event-source/index.js';
import type { LogStore } from '../logs/index.js';
import type { LocalMetrics } from '../metrics/index.js';
import { unknownTypesWarning, type TemplateModel } from '../template/index.js';
import { bind, Readiness } from './bind.js';
import { createCapture } from './capture.js';
import { mountConsole } from './console.js';
import { consoleDashboard } from './console-template.js';
import { mountEndpoint } from './endpoint.js';
import { mountGateways } from './gateways.js';
import { Functions } from './invoke.js';
import { startMappings } from './pollers.js';
import type { RuntimeOptions } from './options.js';
import { localOutputs } from './outputs.js';
import { plan, type Plan } from './plan.js';
import { createQueue } from './queues.js';
import { resolveStack, type Stack } from './stack.js';
import { StatusLine, statusQueues, type Status } from './status.js';
import { Parts, shutdown } from './stop.js';
import { openStores } from './stores.js';

export interface Endpoints {
  /** Base URL of each HTTP API, by logical id; `api` is the first. */
  apis: Record<string, string>;
  api?: string;
  sqs: string;
  console: string;
}

export interface Runtime {
  endpoints: Endpoints;
  /** The template's outputs with local values. */
  outputs: Record<string, string>;
  /** The one warning naming the resource types that are not played, if any. */
  warning?: string;
  model: TemplateModel;
  /** Every function line and the API access log, per group and stream (logs.db in the data directory). */
  logs: LogStore;
  /** The metrics and the template's alarms. */
  metrics: LocalMetrics;
  /** Milliseconds from the call to ready. */
  startupMs: number;
  status(): Promise<Status>;
  /** Stops accepting, lets in-flight invocations finish (up to their timeout), stops pollers, closes the store. */
  stop(): Promise<void>;
}

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  // The runtime's own SDK client (queues, status) would warn about the local Node.js version.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const started = performance.now();
  const planned = await plan(options);
  const readiness = new Readiness();
  const parts = new Parts(await bind(planned, readiness), launchMappingThread());
  try {
    const stack = resolveStack(planned, parts.ports);
    const status = await wire(planned, stack, parts);
    readiness.ready(stack.model.stack.stackName);
    let stopping: Promise<void> | undefined;
    return {
      ...describe(stack, parts),
      model: stack.model,
      logs: parts.stores!.logs,
      metrics: parts.stores!.metrics,
      startupMs: performance.now() - started,
      status: () => status.read(),
      stop: () => {
        readiness.stopping();
        return (stopping ??= shutdown(parts));
      },
    };
  } catch (error) {
    await shutdown(parts);
    throw error;
  }
}

/** Starts every part in order; each is recorded in `parts` as it starts, for shutdown. */
async function wire(planned: Plan, stack: Stack, parts: Parts): Promise<StatusLine> {
  const { settings } = planned;
  if (stack.apis.length === 0) await parts.ports.api?.close();
  const stores = (parts.stores = await openStores(settings, stack.model));
  const capture = (parts.capture = createCapture(settings, stack, stores));
  const stacks: LocalStack[] = [];
  mountEndpoint(parts.ports.sqs, settings, stores, () => stacks);
  const client = new SQSClient({
    endpoint: stack.sqsEndpoint,
    region: settings.region,
    credentials: LOCAL_CREDENTIALS,
  });
  parts.client = client;
  for (const queue of stack.queues) await createQueue(client, queue);
  await mountConsole(parts.ports.console, stack, stores, client);
  const status = new StatusLine(client, statusQueues(stack));
  const functions = (parts.functions = new Functions(capture));
  functions.start(stack.functions, (record) => {
    status.see(record.message);
    capture.onLog(record);
    settings.onLog?.(record);
  });
  // The pollers start in their thread while the functions warm up; both are ready before `ready`.
  await Promise.all([
    startMappings(parts.mappings, stack, settings, functions),
    functions.prewarm(settings.prewarm ?? 1),
  ]);
  await mountGateways(parts.ports.api, stack, settings, functions, capture, parts.apis);
  capture.start();
  const { outputs } = describe(stack, parts);
  stacks.push({
    stackName: stack.model.stack.stackName,
    stackId: stack.model.stack.stackId,
    outputs,
    creationTime: Date.now(),
  });
  return status;
}

/** Where each part answers, and the template's outputs with those local values. */
function describe(stack: Stack, parts: Parts): Pick<Runtime, 'endpoints' | 'outputs' | 'warning'> {
  const endpoints: Endpoints = {
    apis: Object.fromEntries(parts.apis.map((a) => [a.logicalId, a.base])),
    api: parts.apis[0]?.base,
    sqs: parts.ports.sqs.url,
    console: parts.ports.console.url,
  };
  const dashboard = consoleDashboard(stack.model);
  const outputs = localOutputs(stack.model.outputs, stack.model.stack, {
    apis: new Map(parts.apis.map((a) => [a.apiId, a.base])),
    dashboard: dashboard && { name: dashboard.name, console: endpoints.console },
  });
  return { endpoints, outputs, warning: unknownTypesWarning(stack.model) };
}
