import { SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { createProducer } from '../../../services/producer/app.js';
import type { ProducerConfig } from '../../../services/producer/config.js';
import { captureLogs, NOW, sequentialIds } from './shared.js';

export const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/ferry-queue';
export const CONTEXT = { awsRequestId: 'req-1' };
export const SERVICE = 'ferry-producer';

export function producerConfig(overrides: Partial<ProducerConfig> = {}): ProducerConfig {
  return {
    serviceName: SERVICE,
    metricsNamespace: 'Ferry',
    logLevel: 'info',
    queueUrl: QUEUE_URL,
    maxMessageBytes: 1_048_576,
    ...overrides,
  };
}

/** A producer over a mocked SQS client, with captured logs, a fixed clock and ids corr-1, corr-2... */
export function producerUnderTest(overrides: Partial<ProducerConfig> = {}) {
  const sqs = new SQSClient({ region: 'eu-west-1' });
  const sqsMock = mockClient(sqs);
  const logs = captureLogs(SERVICE);
  const handle = createProducer({
    config: producerConfig(overrides),
    sqs,
    logger: logs.logger,
    now: () => NOW,
    newId: sequentialIds('corr'),
  });
  return { handle, sqsMock, logs };
}

/** Bytes SQS counts for the type and correlationId attributes. */
export function attributeBytes(type: string, correlationId: string): number {
  return (
    'type'.length +
    'String'.length +
    Buffer.byteLength(type) +
    'correlationId'.length +
    'String'.length +
    Buffer.byteLength(correlationId)
  );
}
