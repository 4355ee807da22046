// The local runtime: one template, played on this machine. It starts the SQS server, creates the
// template's queues through the SQS API, runs each function in local/lambda, puts a gateway in
// front of each HTTP API and an event source mapping on each SQS source. Stopping reverses it:
// no new requests, in-flight invocations finish, pollers stop, the store closes.
import { performance } from 'node:perf_hooks';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { SqsEvent } from '../event-source/index.js';
import { launchMappingThread, type MappingThreadLauncher } from '../event-source/thread.js';
import { startGateway, type AccessRecord, type Gateway } from '../gateway/index.js';
import { startConsole, type Console } from '../console/index.js';
import { runtimeConsoleSources } from '../console/sources.js';
import { consoleDashboard } from '../console/template.js';
import { createFunction, type LambdaFunction, type LogRecord } from '../lambda/index.js';
import type { LogStore } from '../logs/index.js';
import type { AlarmChange, LocalMetrics } from '../metrics/index.js';
import { startSqsServer, type SqsServer } from '../sqs/index.js';
import { loadTemplate, unknownTypesWarning, type TemplateModel } from '../template/index.js';
import { apiSpecs } from './apis.js';
import { functionSpecs, LOCAL_CREDENTIALS } from './functions.js';
import { mappingSpecs } from './mappings.js';
import { createObservability, type Observability } from './observability.js';
import { localOutputs } from './outputs.js';
import { createQueue, queueSpec, type QueueSpec } from './queues.js';
import { OutcomeCounter, readStatus, type Status } from './status.js';
import { drainGateway } from './stop.js';
import { onPortOf, urlHost } from '../http/listen.js';
import { DEFAULTS, openDataDir, type DataDir } from '../config/index.js';

export type { Status } from './status.js';
export { formatStatus } from './status.js';
export { formatAlarmChange } from './observability.js';

export interface RuntimeOptions {
  templatePath: string;
  /** Like the AWS CLI's --parameter-overrides: ['Key=Value', ...]. */
  parameterOverrides?: string[] | Record<string, string>;
  /** Default 127.0.0.1. */
  host?: string;
  /** Port of the first HTTP API (others take free ports); default 3000, 0 picks a free one. */
  apiPort?: number;
  /** Default 9324. */
  sqsPort?: number;
  /** The console's port. Default 9325. */
  consolePort?: number;
  /** Durable store directory; or `memory: true`. */
  dataDir?: string;
  memory?: boolean;
  stackName?: string;
  region?: string;
  /** Execution environments per function when the template sets no ReservedConcurrentExecutions. */
  functionConcurrency?: number;
  /** Starts this many environments per function before ready (default 1): init errors show at once. */
  prewarm?: number;
  /** Every line a function logs (START/END/REPORT included). */
  onLog?: (record: LogRecord) => void;
  /** One access record per HTTP request, with the Api's logical id. */
  onAccess?: (api: string, record: AccessRecord) => void;
  /** Each state change of a template alarm, as the runtime evaluates them. */
  onAlarm?: (change: AlarmChange) => void;
  /** The metrics' and alarms' clock (default Date.now); tests move it instead of waiting a minute. */
  metricsClock?: () => number;
  /** AWS/SQS gauges sampling interval, ms (default 10 s). */
  sampleIntervalMs?: number;
  /** Size cap of the log store (logs.db), bytes; default 64 MiB. */
  logMaxBytes?: number;
  /** false records no logs, metrics or alarms: only to measure what capture costs. Default true. */
  capture?: boolean;
  /** Errors that do not stop the runtime (an SQS call of a poller that failed and is retried). */
  onError?: (where: string, error: unknown) => void;
}

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

/** A part of the runtime on its port: a taken port is named by its flag. */
const bound = <T>(flag: string, port: number, start: (port: number) => Promise<T>): Promise<T> =>
  onPortOf(flag, port, 'another ferry up', start);

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  // The runtime's own SDK client (queues, status) would warn about the local Node.js version.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const started = performance.now();
  const host = options.host ?? '127.0.0.1';
  const region = options.region ?? 'us-east-1';
  const load = (sqsEndpoint: string, apiEndpoint: string) =>
    loadTemplate(options.templatePath, {
      sqsEndpoint,
      apiEndpoint,
      region,
      ...(options.stackName ? { stackName: options.stackName } : {}),
      ...(options.parameterOverrides ? { parameterOverrides: options.parameterOverrides } : {}),
    });
  const counter = new OutcomeCounter();
  const seen: { obs?: Observability } = {};
  const onLog = (record: LogRecord) => {
    counter.see(record.message);
    seen.obs?.onLog(record);
    options.onLog?.(record);
  };

  // Resolve the whole template once before binding anything: a template error stops start-up here.
  const draft = await load('http://127.0.0.1:9324', 'http://127.0.0.1:3000');
  const draftFunctions = functionSpecs(draft, '', onLog, options.functionConcurrency);
  const targets = new Map<string, string>();
  for (const f of draftFunctions) targets.set(f.name, f.logicalId).set(f.arn, f.logicalId);
  const apis = apiSpecs(draft.resources, targets);
  mappingSpecs(draft.resources, draft.resources.filter(isQueue).map(queueSpec), targets);
  const names = new Map(draftFunctions.map((f) => [f.logicalId, f.name]));

  const data = openDataDir(
    options.memory ? { kind: 'memory' } : { kind: 'durable', dir: options.dataDir ?? DEFAULTS.dataDir },
  );
  let obs: Observability;
  try {
    obs = createObservability({
      model: draft,
      data,
      ...(options.logMaxBytes !== undefined ? { logMaxBytes: options.logMaxBytes } : {}),
      ...(options.metricsClock ? { metricsClock: options.metricsClock } : {}),
      ...(options.sampleIntervalMs !== undefined ? { sampleIntervalMs: options.sampleIntervalMs } : {}),
      ...(options.onAlarm ? { onAlarm: options.onAlarm } : {}),
      ...(options.onError ? { onError: options.onError } : {}),
      ...(options.capture === false ? { capture: false } : {}),
    });
  } catch (error) {
    data.release();
    throw error;
  }
  seen.obs = obs;
  // The mappings' thread loads the SDK while the rest starts; it polls once `start` gives it work.
  const parts: Parts = {
    gateways: [],
    functions: new Map(),
    mappings: launchMappingThread(),
    inFlight: { count: 0 },
    obs,
    data,
  };
  /** One invocation of the function with this logical id, from an API or a mapping, counted in AWS/Lambda. */
  const invokeFunction = (logicalId: string, event: unknown) =>
    obs.track(names.get(logicalId)!, () => parts.functions.get(logicalId)!.invoke(event));
  try {
    const sqs = await bound('--sqs-port', options.sqsPort ?? 9324, (port) =>
      startSqsServer({
        port,
        host,
        region,
        data,
        httpServer: (handler) => obs.httpServer(handler),
      }),
    );
    parts.sqs = sqs;

    for (const [i, api] of apis.entries()) {
      const access = obs.accessHook(api);
      const gateway = await bound('--api-port', i === 0 ? (options.apiPort ?? 3000) : 0, (port) =>
        startGateway({
          host,
          port,
          stage: api.stage,
          routes: api.routes,
          apiId: api.apiId,
          accountId: draft.stack.accountId,
          ...(api.cors ? { cors: api.cors } : {}),
          ...(api.throttling ? { throttling: api.throttling } : {}),
          ...(api.stageVariables ? { stageVariables: api.stageVariables } : {}),
          onRequest: (r: AccessRecord) => {
            access(r);
            options.onAccess?.(api.logicalId, r);
          },
          invoke: async (target, event) => {
            parts.inFlight.count++;
            try {
              return await invokeFunction(target, event);
            } finally {
              parts.inFlight.count--;
            }
          },
        }),
      );
      const base = `http://${urlHost(host)}:${gateway.port}`;
      parts.gateways.push({ logicalId: api.logicalId, apiId: api.apiId, gateway, base });
    }

    // The final model: Ref and GetAtt answer the real local endpoints.
    const apiEndpoint = parts.gateways[0]?.base ?? `http://${urlHost(host)}:${options.apiPort ?? 3000}`;
    const model = await load(sqs.endpoint, apiEndpoint);
    const client = new SQSClient({ endpoint: sqs.endpoint, region, credentials: LOCAL_CREDENTIALS });
    parts.client = client;
    const queues = model.resources.filter(isQueue).map(queueSpec);
    for (const queue of queues) await createQueue(client, queue);
    // The last port is bound before any function, poller or alarm starts.
    parts.console = await bound('--console-port', options.consolePort ?? 9325, async (port) =>
      startConsole({
        host,
        port,
        sources: await runtimeConsoleSources({
          model,
          sqs: client,
          engine: sqs.engine,
          logs: obs.logs,
          metrics: obs.metrics,
          apiUrl: apiEndpoint,
        }),
      }),
    );

    for (const spec of functionSpecs(model, sqs.endpoint, onLog, options.functionConcurrency))
      parts.functions.set(spec.logicalId, createFunction(spec.config));
    const mappings = mappingSpecs(model.resources, queues, targets);
    // The pollers start in their thread while the functions warm up; both are ready before `ready`.
    await Promise.all([
      parts.mappings.start({
        endpoint: sqs.endpoint,
        region,
        credentials: LOCAL_CREDENTIALS,
        mappings: mappings.map((spec) => ({
          queueUrl: spec.queue.url,
          queueArn: spec.queue.arn,
          region,
          enabled: spec.enabled,
          ...(spec.batchSize !== undefined ? { batchSize: spec.batchSize } : {}),
          ...(spec.maximumBatchingWindowInSeconds !== undefined
            ? { maximumBatchingWindowInSeconds: spec.maximumBatchingWindowInSeconds }
            : {}),
          ...(spec.functionResponseTypes ? { functionResponseTypes: spec.functionResponseTypes } : {}),
          ...(spec.maximumConcurrency !== undefined ? { maximumConcurrency: spec.maximumConcurrency } : {}),
          ...(spec.filterCriteria ? { filterCriteria: spec.filterCriteria } : {}),
          invoke: (event: SqsEvent) => invokeFunction(spec.functionId, event),
          onError: (error: unknown, action: string) =>
            options.onError?.(`${spec.logicalId} ${action}`, error),
        })),
        onThreadError: (error) => options.onError?.('event source mappings', error),
      }),
      ...[...parts.functions.values()].map((fn) => fn.prewarm(options.prewarm ?? 1)),
    ]);

    obs.start(sqs.engine);

    const statusQueues = {
      sources: [...new Set(mappings.map((m) => m.queue.url))],
      deadLetter: deadLetterUrls(queues),
    };
    const endpoints: Endpoints = {
      apis: Object.fromEntries(parts.gateways.map((g) => [g.logicalId, g.base])),
      sqs: sqs.endpoint,
      console: `http://${urlHost(host)}:${parts.console.port}`,
    };
    if (parts.gateways[0]) endpoints.api = parts.gateways[0].base;
    const warning = unknownTypesWarning(model);
    const dashboard = consoleDashboard(model);
    const outputs = localOutputs(model.outputs, model.stack, {
      apis: new Map(parts.gateways.map((g) => [g.apiId, g.base])),
      ...(dashboard ? { dashboard: { name: dashboard.name, console: endpoints.console } } : {}),
    });
    obs.setStack({
      stackName: model.stack.stackName,
      outputs,
      creationTime: Date.now(),
      region,
      accountId: model.stack.accountId,
    });
    let stopping: Promise<void> | undefined;
    return {
      endpoints,
      outputs,
      ...(warning ? { warning } : {}),
      model,
      logs: obs.logs,
      metrics: obs.metrics,
      startupMs: performance.now() - started,
      status: () => readStatus(client, statusQueues, counter),
      stop: () => (stopping ??= shutdown(parts)),
    };
  } catch (error) {
    await shutdown(parts);
    throw error;
  }
}

interface Parts {
  sqs?: SqsServer;
  client?: SQSClient;
  console?: Console;
  obs: Observability;
  data: DataDir;
  gateways: { logicalId: string; apiId: string; gateway: Gateway; base: string }[];
  functions: Map<string, LambdaFunction>;
  /** The event source mappings' thread (its pollers, once started). */
  mappings: MappingThreadLauncher;
  /** Invocations the gateways are waiting for. */
  inFlight: { count: number };
}

/** Gateways stop taking requests and answer what they hold; pollers stop; functions drain; the store closes. */
async function shutdown(parts: Parts): Promise<void> {
  await Promise.all(parts.gateways.map((g) => drainGateway(g.gateway, parts.inFlight)));
  await parts.mappings.cancel();
  await Promise.all([...parts.functions.values()].map((fn) => fn.stop()));
  await parts.console?.close();
  parts.client?.destroy();
  await parts.sqs?.close();
  // After the functions (their last lines) and the console (its readers): the log store closes.
  parts.obs.close();
  parts.data.release();
}

/** Queues that some queue's RedrivePolicy names as its dead-letter target. */
function deadLetterUrls(queues: QueueSpec[]): string[] {
  const targets = new Set(
    queues.flatMap((q) => {
      const policy = q.attributes.RedrivePolicy;
      if (policy === undefined) return [];
      const arn = (JSON.parse(policy) as { deadLetterTargetArn?: string }).deadLetterTargetArn;
      return arn === undefined ? [] : [arn];
    }),
  );
  return queues.filter((q) => targets.has(q.arn)).map((q) => q.url);
}

function isQueue(r: { type: string }): boolean {
  return r.type === 'AWS::SQS::Queue';
}
