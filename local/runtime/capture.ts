// What the runtime records so that a user sees everything, locally as in CloudWatch: every function
// line in the log store and as metrics (EMF, AWS/Lambda), each API request in AWS/ApiGateway and in
// the stage's access log group, the queues' AWS/SQS figures, and the template's alarms over them.
import type { AccessRecord } from '../gateway/index.js';
import type { InvokeOutcome, LogRecord } from '../lambda/index.js';
import { engineSampler } from '../metrics/index.js';
import { accessLogStream, accessLogTarget, formatAccessLine } from './access-log.js';
import type { ApiSpec } from './apis.js';
import type { Settings } from './options.js';
import type { TemplateModel } from '../template/index.js';
import { measuredApi, type Stores } from './stores.js';

export interface Capture {
  onLog(record: LogRecord): void;
  /** The access-record hook of one API's gateway, as the template `model` describes it. */
  accessHook(api: ApiSpec, model: TemplateModel): (record: AccessRecord) => void;
  /** One invocation, counted in AWS/Lambda. */
  track(functionName: string, invoke: () => Promise<InvokeOutcome>): Promise<InvokeOutcome>;
  /** Counts the engine's sends, receives and deletes and samples its queues; alarms start. */
  start(): void;
  stop(): void;
}

/** Records nothing: only for measuring what capture costs (bench:console). */
const OFF: Capture = {
  onLog: () => undefined,
  accessHook: () => () => undefined,
  track: (_name, invoke) => invoke(),
  start: () => undefined,
  stop: () => undefined,
};

export function createCapture(settings: Settings, stores: Stores): Capture {
  if (settings.capture === false) return OFF;
  const { logs, metrics, engine } = stores;
  return {
    onLog(record) {
      logs.append(record.logGroup, record.logStream, [
        { timestamp: record.timestamp, message: record.message },
      ]);
      metrics.onLogRecord(record);
    },
    accessHook(api, model) {
      const stage = model.resources.find((r) => r.logicalId === api.stageLogicalId);
      const target = accessLogTarget(stage);
      const stream = accessLogStream(api.apiId, api.stage);
      const counted = api.apiId === measuredApi(model)?.apiId;
      return (record) => {
        if (counted) metrics.onAccessRecord(record);
        if (target === undefined) return;
        const message = formatAccessLine(target.format, record, api.apiId, api.stage);
        logs.append(target.group, stream, [{ timestamp: record.requestTimeEpoch, message }]);
      };
    },
    track: (functionName, invoke) => metrics.lambda.track(functionName, invoke),
    start() {
      engine.observe?.(metrics.sqs);
      metrics.start({
        sampleQueues: engineSampler(engine, Date.now),
        sampleIntervalMs: settings.sampleIntervalMs,
      });
    },
    stop() {
      metrics.stop();
      engine.observe?.(undefined);
    },
  };
}

/** One line per alarm state change, as the runtime prints it. */
export function formatAlarmChange(change: {
  alarmName: string;
  oldState: string;
  newState: string;
  reason: string;
}): string {
  return `alarm ${change.alarmName}: ${change.oldState} -> ${change.newState}: ${change.reason}`;
}
