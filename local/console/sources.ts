import { fileURLToPath } from 'node:url';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { LogStore } from '../logs/index.js';
import type { AlarmEvaluator, MetricStore } from '../metrics/index.js';
import type { TemplateModel } from '../template/index.js';
import { localLogsReader, localMetricsReader } from './adapters.js';
import { templateSources } from './template.js';
import type { ConsoleSources } from './types.js';

/** The project's schemas/types, beside local/. */
export const SCHEMA_TYPES_DIR = fileURLToPath(new URL('../../schemas/types/', import.meta.url));

/**
 * Everything startConsole needs, from what the local runtime holds: the loaded template (with the
 * real local endpoints), its SQS client, log store and metrics, and the first HTTP API's URL.
 */
export async function runtimeConsoleSources(runtime: {
  model: TemplateModel;
  sqs: SQSClient;
  logs: LogStore;
  metrics: { store: MetricStore; alarms: AlarmEvaluator };
  apiUrl: string;
  schemasDir?: string;
}): Promise<ConsoleSources> {
  return {
    ...(await templateSources(runtime.model, runtime.schemasDir ?? SCHEMA_TYPES_DIR)),
    metrics: localMetricsReader(runtime.metrics),
    logs: localLogsReader(runtime.logs),
    sqs: runtime.sqs,
    apiUrl: runtime.apiUrl,
  };
}
