// Shared by the services' tests: a logger whose lines can be read back, a fixed clock, predictable ids.
import { createLogger } from '../../../services/lib/logger.js';
import type { Logger } from '../../../services/lib/logger.js';

export const NOW = Date.parse('2026-11-27T03:00:05.000Z');
export const TIME = new Date(NOW).toISOString();

export interface CapturedLogs {
  logger: Logger;
  /** Every line written so far, parsed. */
  lines: () => Record<string, unknown>[];
}

export function captureLogs(service: string, level: 'info' | 'debug' = 'info'): CapturedLogs {
  const written: string[] = [];
  const logger = createLogger({
    service,
    level,
    now: () => NOW,
    destination: { write: (line) => written.push(line) },
  });
  return { logger, lines: () => written.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

export function sequentialIds(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

/** The EMF fields the services add to a line that reports an outcome. */
export function emfFields(
  service: string,
  metrics: Record<string, [number, 'Count' | 'Milliseconds']>,
  reason?: string,
): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    _aws: {
      Timestamp: NOW,
      CloudWatchMetrics: [
        {
          Namespace: 'Ferry',
          Dimensions: reason === undefined ? [['Service']] : [['Service'], ['Service', 'Reason']],
          Metrics: Object.entries(metrics).map(([Name, [, Unit]]) => ({ Name, Unit })),
        },
      ],
    },
    Service: service,
  };
  if (reason !== undefined) fields.Reason = reason;
  for (const [name, [value]] of Object.entries(metrics)) fields[name] = value;
  return fields;
}
