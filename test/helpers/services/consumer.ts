import { SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { createConsumer } from '../../../services/consumer/app.js';
import { SeenKeys } from '../../../services/consumer/idempotency.js';
import { captureLogs, NOW } from './shared.js';

export const DLQ_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/ferry-dlq';
export const SERVICE = 'ferry-consumer';
export const CONTEXT = { awsRequestId: 'req-9' };
/** The fixture record's correlationId attribute. */
export const FIXTURE_CORRELATION_ID = '6b1f7c2e-93a4-4d0b-8f5e-2a7c9d1e4b30';

export function consumerUnderTest(now: () => number = () => NOW) {
  const sqs = new SQSClient({ region: 'eu-west-1' });
  const sqsMock = mockClient(sqs);
  const logs = captureLogs(SERVICE);
  const seen = new SeenKeys();
  const config = {
    serviceName: SERVICE,
    metricsNamespace: 'Ferry',
    logLevel: 'info' as const,
    dlqUrl: DLQ_URL,
  };
  const handle = createConsumer({ config, sqs, logger: logs.logger, now, seen });
  return { handle, sqsMock, logs, seen };
}

export const order = {
  orderId: 'ord_1042',
  customerId: 'cus_88',
  currency: 'EUR',
  items: [
    { sku: 'MUG-01', quantity: 2, unitPrice: 12.5 },
    { sku: 'TEA-1', quantity: 1, unitPrice: 7.9 },
  ],
};
