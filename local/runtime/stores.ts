// Step 4: the data directory opened once (created, locked), then what keeps state in it: the
// queue engine (sqs.db), the log store (logs.db) with the template's log groups, and the metrics
// with the template's alarms. Closed in the reverse order, the directory released last.
import { openDataDir, type DataDir } from '../config/index.js';
import { createLogStore, type LogStore } from '../logs/index.js';
import { createLocalMetrics, type LocalMetrics } from '../metrics/index.js';
import { createEngine, type QueueEngine } from '../sqs/index.js';
import type { TemplateModel } from '../template/index.js';
import { alarmsFromTemplate } from './alarms.js';
import type { Settings } from './options.js';

export interface Stores {
  data: DataDir;
  engine: QueueEngine;
  logs: LogStore;
  metrics: LocalMetrics;
  /** Closes the log store and the metrics and releases the directory (the engine closes on its own). */
  close(): void;
}

export async function openStores(settings: Settings, model: TemplateModel): Promise<Stores> {
  const closers: (() => void)[] = [];
  const close = () => {
    for (const c of closers.reverse()) c();
  };
  try {
    const data = openDataDir(settings.store);
    closers.push(() => data.release());
    const logs = createLogStore({
      data,
      maxBytes: settings.logMaxBytes,
      onError: (error) => settings.onError?.('log store', error),
    });
    closers.push(() => logs.close());
    templateLogGroups(model, logs);
    const metrics = createLocalMetrics({
      now: settings.metricsClock,
      alarms: alarmsFromTemplate(model.resources),
      api: measuredApi(model),
      onAlarmChange: settings.onAlarm,
      onError: (error, where) => settings.onError?.(`metrics ${where}`, error),
    });
    closers.push(() => metrics.stop());
    const engine = await createEngine({ region: settings.region, data });
    return { data, engine, logs, metrics, close };
  } catch (error) {
    close();
    throw error;
  }
}

/** The template's AWS::Logs::LogGroup resources exist from the start, with their retention. */
export function templateLogGroups(model: TemplateModel, logs: LogStore): void {
  for (const r of model.resources) {
    if (r.type !== 'AWS::Logs::LogGroup') continue;
    const name = typeof r.properties.LogGroupName === 'string' ? r.properties.LogGroupName : r.ref;
    logs.createGroup(name);
    const days = r.properties.RetentionInDays;
    if (typeof days === 'number') logs.setRetention(name, days);
  }
}

/** AWS/ApiGateway metrics are recorded for the template's first HTTP API and its stage. */
export function measuredApi(
  model: TemplateModel,
): { apiId: string; stage: string; detailedMetrics: boolean } | undefined {
  const api = model.resources.find((r) => r.type === 'AWS::ApiGatewayV2::Api');
  if (api === undefined) return undefined;
  const stage = model.resources.find(
    (r) => r.type === 'AWS::ApiGatewayV2::Stage' && r.properties.ApiId === api.ref,
  );
  const settings = (stage?.properties.DefaultRouteSettings ?? {}) as Record<string, unknown>;
  return {
    apiId: api.ref,
    stage: String(stage?.properties.StageName ?? '$default'),
    detailedMetrics: settings.DetailedMetricsEnabled === true,
  };
}
