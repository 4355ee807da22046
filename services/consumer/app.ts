import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Logger } from '../lib/logger.js';
import type { ConsumerConfig } from './config.js';
import { SeenKeys } from './idempotency.js';
import { logOutcome } from './outcomes.js';
import { correlationIdOf, handleRecord } from './record.js';

export interface ConsumerDeps {
  config: ConsumerConfig;
  sqs: SQSClient;
  logger: Logger;
  now?: () => number;
  /** Survives between invocations of one execution environment. */
  seen?: SeenKeys;
}

export type ConsumerHandler = (
  event: SQSEvent,
  context: Pick<Context, 'awsRequestId'>,
) => Promise<SQSBatchResponse>;

/**
 * Processes each record and reports exactly the transient failures as batchItemFailures, so only
 * they are retried (the event source mapping needs ReportBatchItemFailures). Poison was already
 * moved to the DLQ and is acknowledged.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
 */
export function createConsumer({
  config,
  sqs,
  logger,
  now = Date.now,
  seen = new SeenKeys(),
}: ConsumerDeps): ConsumerHandler {
  const metrics = { namespace: config.metricsNamespace, service: config.serviceName, now };
  const deps = { sqs, dlqUrl: config.dlqUrl, seen, now };

  return async (event, context) => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const log = logger.child({
        awsRequestId: context.awsRequestId,
        correlationId: correlationIdOf(record),
      });
      const outcome = await handleRecord(record, deps);
      logOutcome(log, metrics, record, outcome);
      if (outcome.outcome === 'failed') batchItemFailures.push({ itemIdentifier: record.messageId });
    }
    return { batchItemFailures };
  };
}
