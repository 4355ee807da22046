import { SQSClient } from '@aws-sdk/client-sqs';
import { createLogger } from '../lib/logger.js';
import { createConsumer } from './app.js';
import { loadConsumerConfig } from './config.js';

// Cold start: configuration is read and checked once; a bad variable fails the init with its name.
const config = loadConsumerConfig(process.env);

/** Lambda entry point (Handler: index.handler). The SDK honours AWS_ENDPOINT_URL_SQS on its own. */
export const handler = createConsumer({
  config,
  sqs: new SQSClient({}),
  logger: createLogger({ service: config.serviceName, level: config.logLevel }),
});
