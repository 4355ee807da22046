// What the runtime keeps so that a user sees everything, locally as in CloudWatch: every function
// line in the log store (logs.db in the data directory), the API's access log in its log group,
// the metrics (EMF, AWS/Lambda, AWS/ApiGateway, AWS/SQS) and the template's alarms. It also makes
// the one AWS endpoint on the SQS port: SQS, CloudWatch Logs, CloudWatch and DescribeStacks.
import type { DataDir } from '../config/index.js';
import type { Server } from 'node:http';
import { createEndpointServer, createStacksHandler, type LocalStack } from '../endpoint/index.js';
import type { AccessRecord } from '../gateway/index.js';
import type { HttpHandler } from '../http/types.js';
import type { InvokeOutcome, LogRecord } from '../lambda/index.js';
import { createLogsHandler, createLogStore, type LogStore } from '../logs/index.js';
import {
  alarmsFromTemplate,
  createLocalMetrics,
  engineSampler,
  type AlarmChange,
  type LocalMetrics,
} from '../metrics/index.js';
import type { QueueEngine } from '../sqs/engine/index.js';
import type { TemplateModel } from '../template/index.js';
import { accessLogStream, accessLogTarget, formatAccessLine } from './access-log.js';
import type { ApiSpec } from './apis.js';

export interface ObservabilityOptions {
  /** The template (the draft is enough: names, alarms and the API id do not depend on ports). */
  model: TemplateModel;
  /** The opened data directory that keeps logs.db. */
  data: DataDir;
  /** Size cap of the log store, bytes (local/logs' default: 64 MiB). */
  logMaxBytes?: number;
  /** The metrics' and alarms' clock (tests move it; default Date.now). */
  metricsClock?: () => number;
  /** AWS/SQS gauges sampling interval, ms (default 10 s). */
  sampleIntervalMs?: number;
  onAlarm?: (change: AlarmChange) => void;
  onError?: (where: string, error: unknown) => void;
  /**
   * false: nothing is recorded (no log line kept, no metric, no alarm evaluated); the stores exist
   * but stay empty. Only for measuring what capture costs (bench:console). Default true.
   */
  capture?: boolean;
}

export interface Observability {
  logs: LogStore;
  metrics: LocalMetrics;
  /** For startSqsServer's httpServer option: the SQS handler beside Logs, CloudWatch, CloudFormation. */
  httpServer(sqs: HttpHandler): Server;
  /** The stack DescribeStacks answers (once the outputs have their local values). */
  setStack(stack: LocalStack): void;
  onLog(record: LogRecord): void;
  /** The access-record hook of one API's gateway. */
  accessHook(api: ApiSpec): (record: AccessRecord) => void;
  /** One invocation, counted in AWS/Lambda. */
  track(functionName: string, invoke: () => Promise<InvokeOutcome>): Promise<InvokeOutcome>;
  /** Counts the engine's sends, receives and deletes and samples its queues; alarms start. */
  start(engine: QueueEngine): void;
  /** Stops sampling and alarms, writes and closes the log store. */
  close(): void;
}

export function createObservability(options: ObservabilityOptions): Observability {
  const { model } = options;
  const logs = createLogStore({
    data: options.data,
    ...(options.logMaxBytes !== undefined ? { maxBytes: options.logMaxBytes } : {}),
    onError: (error) => options.onError?.('log store', error),
  });
  try {
    templateLogGroups(model, logs);
  } catch (error) {
    logs.close();
    throw error;
  }
  const firstApi = model.resources.find((r) => r.type === 'AWS::ApiGatewayV2::Api');
  const firstStage = model.resources.find(
    (r) => r.type === 'AWS::ApiGatewayV2::Stage' && r.properties.ApiId === firstApi?.ref,
  );
  const routeSettings = (firstStage?.properties.DefaultRouteSettings ?? {}) as Record<string, unknown>;
  let metrics: LocalMetrics;
  try {
    metrics = createLocalMetrics({
      ...(options.metricsClock ? { now: options.metricsClock } : {}),
      alarms: alarmsFromTemplate(model.resources),
      ...(firstApi
        ? {
            api: {
              apiId: firstApi.ref,
              stage: String(firstStage?.properties.StageName ?? '$default'),
              detailedMetrics: routeSettings.DetailedMetricsEnabled === true,
            },
          }
        : {}),
      ...(options.onAlarm ? { onAlarmChange: options.onAlarm } : {}),
      onError: (error, where) => options.onError?.(`metrics ${where}`, error),
    });
  } catch (error) {
    logs.close();
    throw error;
  }
  let stacks: LocalStack[] = [];
  let engine: QueueEngine | undefined;
  const capture = options.capture !== false;
  return {
    logs,
    metrics,
    httpServer: (sqs) =>
      createEndpointServer({
        sqs,
        logs: createLogsHandler({
          store: logs,
          region: model.stack.region,
          accountId: model.stack.accountId,
        }),
        monitoring: metrics.handler,
        cloudformation: createStacksHandler(() => stacks),
      }),
    setStack: (stack) => (stacks = [stack]),
    onLog: (record) => {
      if (!capture) return;
      logs.append(record.logGroup, record.logStream, [
        { timestamp: record.timestamp, message: record.message },
      ]);
      metrics.onLogRecord(record);
    },
    accessHook: (api) => {
      const stage = model.resources.find((r) => r.logicalId === api.stageLogicalId);
      const target = accessLogTarget(stage);
      const stream = accessLogStream(api.apiId, api.stage);
      const measured = api.apiId === firstApi?.ref;
      if (!capture) return () => undefined;
      return (record) => {
        if (measured) metrics.onAccessRecord(record);
        if (target !== undefined)
          logs.append(target.group, stream, [
            {
              timestamp: record.requestTimeEpoch,
              message: formatAccessLine(target.format, record, api.apiId, api.stage),
            },
          ]);
      };
    },
    track: (functionName, invoke) => (capture ? metrics.lambda.track(functionName, invoke) : invoke()),
    start: (e) => {
      if (!capture) return;
      engine = e;
      e.observe?.(metrics.sqs);
      metrics.start({
        sampleQueues: engineSampler(e, Date.now),
        ...(options.sampleIntervalMs !== undefined ? { sampleIntervalMs: options.sampleIntervalMs } : {}),
      });
    },
    close: () => {
      metrics.stop();
      engine?.observe?.(undefined);
      logs.close();
    },
  };
}

/** The template's AWS::Logs::LogGroup resources exist from the start, with their retention. */
function templateLogGroups(model: TemplateModel, logs: LogStore): void {
  for (const r of model.resources) {
    if (r.type !== 'AWS::Logs::LogGroup') continue;
    const name = typeof r.properties.LogGroupName === 'string' ? r.properties.LogGroupName : r.ref;
    logs.createGroup(name);
    const days = r.properties.RetentionInDays;
    if (typeof days === 'number') logs.setRetention(name, days);
  }
}

/** One line per alarm state change, as the runtime prints it. */
export function formatAlarmChange(change: AlarmChange): string {
  return `alarm ${change.alarmName}: ${change.oldState} -> ${change.newState}: ${change.reason}`;
}
