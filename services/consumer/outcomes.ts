import type { SQSRecord } from 'aws-lambda';
import type { Logger } from '../lib/logger.js';
import { count, emf, millis } from '../lib/metrics.js';
import type { MetricsContext } from '../lib/metrics.js';
import type { RecordOutcome } from './record.js';

/** The record's one outcome line: what happened, with its metrics in EMF on the same line. */
export function logOutcome(
  log: Logger,
  metrics: MetricsContext,
  record: SQSRecord,
  result: RecordOutcome,
): void {
  const common = {
    messageId: record.messageId,
    receiveCount: Number(record.attributes.ApproximateReceiveCount),
  };
  switch (result.outcome) {
    case 'processed': {
      const { processingMs, endToEndMs, ...rest } = result;
      const fields = emf(metrics, [
        count('MessagesProcessed'),
        millis('ProcessingTime', processingMs),
        millis('EndToEndLatency', endToEndMs),
      ]);
      return log.info({ ...common, ...rest, ...fields }, 'message processed');
    }
    case 'duplicate':
      return log.info({ ...common, ...result }, 'duplicate skipped: already processed here');
    case 'failed':
      return log.warn(
        { ...common, ...result, ...emf(metrics, [count('MessagesFailed')], result.reason) },
        'message failed; left on the queue to retry',
      );
    case 'dead-lettered': {
      const { message, ...rest } = result;
      return log.error(
        { ...common, ...rest, detail: message, ...emf(metrics, [count('MessagesFailed')], result.reason) },
        'message sent to the dead-letter queue',
      );
    }
  }
}
