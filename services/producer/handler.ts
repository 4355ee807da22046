import { SQSClient } from '@aws-sdk/client-sqs';
import { createLogger } from '../lib/logger.js';
import { createProducer } from './app.js';
import { loadProducerConfig } from './config.js';

// Cold start: configuration is read and checked once; a bad variable fails the init with its name.
const config = loadProducerConfig(process.env);

/** Lambda entry point (Handler: index.handler). The SDK honours AWS_ENDPOINT_URL_SQS on its own. */
export const handler = createProducer({
  config,
  sqs: new SQSClient({}),
  logger: createLogger({ service: config.serviceName, level: config.logLevel }),
});
