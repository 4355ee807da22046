import { fileURLToPath } from 'node:url';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { LogStore } from '../logs/index.js';
import type { AlarmEvaluator, MetricStore } from '../metrics/index.js';
import type { TemplateModel } from '../template/index.js';
import { localLogsReader, localMetricsReader } from './console-readers.js';
import { queueNameOf } from '../config/index.js';
import { templateSources } from './console-template.js';
import type { ConsoleSources, PeekedMessage } from '../console/index.js';
import type { QueueEngine, ReceivedMessage } from '../sqs/index.js';
import { setOwn } from '../records.js';

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
  /** The local queue engine, for looking messages up without receiving them. */
  engine?: Pick<QueueEngine, 'findByAttribute'>;
}): Promise<ConsoleSources> {
  const find = runtime.engine?.findByAttribute?.bind(runtime.engine);
  return {
    ...(await templateSources(runtime.model, runtime.schemasDir ?? SCHEMA_TYPES_DIR)),
    metrics: localMetricsReader(runtime.metrics),
    logs: localLogsReader(runtime.logs),
    sqs: runtime.sqs,
    ...(find
      ? { findMessages: (url, id, max) => find(queueNameOf(url), 'correlationId', id, max).map(peeked) }
      : {}),
    apiUrl: runtime.apiUrl,
  };
}

function peeked(m: ReceivedMessage): PeekedMessage {
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.messageAttributes))
    if (v.StringValue !== undefined) setOwn(attributes, k, v.StringValue);
  return {
    messageId: m.messageId,
    body: m.body,
    sentAt: Number(m.attributes.SentTimestamp ?? 0),
    receiveCount: Number(m.attributes.ApproximateReceiveCount ?? 0),
    attributes,
  };
}
