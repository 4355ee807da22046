// The local runtime: one template, played on this machine, in four steps. Plan: the template read
// and the options settled. Bind: the three ports (a request waits until its part is mounted).
// Wire: the template resolved with the bound addresses, the stores opened, the AWS endpoint
// mounted, then what the template runs (stack-parts.ts): queues, console, functions, pollers,
// gateways. Stop (stop.ts): the same in reverse. Watch mode reloads the functions' code, or
// re-plans the template on the same stores and ports (replan.ts).
import { performance } from 'node:perf_hooks';
import { SQSClient } from '@aws-sdk/client-sqs';
import { lambdaLogGroup } from '../config/index.js';
import { launchMappingThread } from '../event-source/index.js';
import type { LogStore } from '../logs/index.js';
import type { LocalMetrics } from '../metrics/index.js';
import type { TemplateModel } from '../template/index.js';
import { bind, Readiness } from './bind.js';
import { createCapture } from './capture.js';
import { consoleDashboard } from './console-template.js';
import { mountEndpoint } from './endpoint.js';
import { openInspector } from './inspector.js';
import type { RuntimeOptions } from './options.js';
import { localOutputs } from './outputs.js';
import { plan, type Plan } from './plan.js';
import { replan, type Replanned } from './replan.js';
import { StackParts } from './stack-parts.js';
import { resolveStack } from './stack.js';
import { storedCounts, type Status } from './status.js';
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
  /** Where each part answers (read again after a re-plan). */
  readonly endpoints: Endpoints;
  /** The template's outputs with local values. */
  readonly outputs: Record<string, string>;
  /** What the template asks that AWS advises against, and the resource types not played. */
  readonly warnings: string[];
  readonly model: TemplateModel;
  /** Every function line and the API access log, per group and stream (logs.db in the data directory). */
  logs: LogStore;
  /** The metrics and the template's alarms. */
  metrics: LocalMetrics;
  /** `--inspect`: the inspector's WebSocket URL, where a debugger attaches. */
  readonly inspector?: string;
  /** Milliseconds from the call to ready. */
  startupMs: number;
  status(): Promise<Status>;
  /** The functions' code changed on disk: each next invocation is a cold start on the new code. */
  reload(): string[];
  /**
   * The template changed: it is read and resolved again, and what it runs is restarted on the
   * same stores and ports. A template that cannot be played throws and leaves the stack as it was.
   */
  replan(): Promise<Replanned>;
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
    // Before the functions start, so that a debugger sees every environment from the first.
    if (options.inspect) parts.debugging = openInspector(options.inspect);
    await wire(planned, parts);
    readiness.ready(parts.current!.stack.model.stack.stackName);
    return running(planned, parts, readiness, performance.now() - started);
  } catch (error) {
    await shutdown(parts);
    throw error;
  }
}

/** Starts every part in order; each is recorded in `parts` as it starts, for shutdown. */
async function wire(planned: Plan, parts: Parts): Promise<void> {
  const { settings } = planned;
  const stack = resolveStack(planned, parts.ports);
  if (stack.apis.length === 0) await parts.ports.api?.close();
  const stores = (parts.stores = await openStores(settings, stack.model));
  const capture = (parts.capture = createCapture(settings, stores));
  mountEndpoint(parts.ports.sqs, settings, stores, () => parts.described);
  const client = new SQSClient({
    endpoint: stack.sqsEndpoint,
    region: settings.region,
    credentials: settings.credentials,
  });
  parts.client = client;
  const shared = { settings, ports: parts.ports, stores, capture, client, pauses: parts.debugging?.pauses };
  // The status line's counters start from the outcome lines the store already holds.
  const counts = storedCounts(
    stores.logs,
    stack.functions.map((f) => f.config.logGroup ?? lambdaLogGroup(f.name)),
  );
  parts.current = new StackParts(stack, shared, parts.mappings, counts);
  await parts.current.start();
  capture.start();
  describeStack(parts);
}

/** The Runtime over the running parts; its views follow `parts.current` across re-plans. */
function running(planned: Plan, parts: Parts, readiness: Readiness, startupMs: number): Runtime {
  let stopping: Promise<void> | undefined;
  const current = () => parts.current!;
  return {
    get endpoints() {
      return endpointsOf(parts);
    },
    get outputs() {
      return parts.described[0]!.outputs;
    },
    get warnings() {
      return current().stack.warnings;
    },
    get model() {
      return current().stack.model;
    },
    inspector: parts.debugging?.url,
    logs: parts.stores!.logs,
    metrics: parts.stores!.metrics,
    startupMs,
    status: () => current().status.read(),
    reload: () => current().functions.refresh(),
    replan: async () => {
      const replanned = await replan(planned, parts);
      describeStack(parts);
      return replanned;
    },
    stop: () => {
      readiness.stopping();
      return (stopping ??= shutdown(parts));
    },
  };
}

function endpointsOf(parts: Parts): Endpoints {
  const apis = parts.current?.apis ?? [];
  return {
    apis: Object.fromEntries(apis.map((a) => [a.logicalId, a.base])),
    api: apis[0]?.base,
    sqs: parts.ports.sqs.url,
    console: parts.ports.console.url,
  };
}

/** What DescribeStacks answers: the template's outputs with the local addresses, and its parameters. */
function describeStack(parts: Parts): void {
  const { stack, apis } = parts.current!;
  const dashboard = consoleDashboard(stack.model);
  const outputs = localOutputs(stack.model.outputs, stack.model.stack, {
    apis: new Map(apis.map((a) => [a.apiId, a.base])),
    dashboard: dashboard && { name: dashboard.name, console: parts.ports.console.url },
  });
  const created = parts.described[0]?.creationTime ?? Date.now();
  parts.described = [
    {
      stackName: stack.model.stack.stackName,
      stackId: stack.model.stack.stackId,
      outputs,
      parameters: Object.fromEntries(
        Object.entries(stack.model.parameters).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]),
      ),
      creationTime: created,
    },
  ];
}
