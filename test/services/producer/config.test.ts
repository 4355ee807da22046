import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadProducerConfig } from '../../../services/producer/config.js';

const QUEUE_URL = 'http://127.0.0.1:4566/000000000000/ferry-queue';
const test = suite('producer configuration');

test('applies defaults around QUEUE_URL', () => {
  assert.equal(loadProducerConfig({ QUEUE_URL }), {
    serviceName: 'ferry-producer',
    metricsNamespace: 'Ferry',
    logLevel: 'info',
    queueUrl: QUEUE_URL,
    maxMessageBytes: 1_048_576,
  });
});

test('reads every variable it knows', () => {
  const env = {
    QUEUE_URL,
    MAX_MESSAGE_BYTES: '262144',
    LOG_LEVEL: 'DEBUG',
    POWERTOOLS_SERVICE_NAME: 'ferry-producer-dev',
    POWERTOOLS_METRICS_NAMESPACE: 'FerryDev',
  };
  assert.equal(loadProducerConfig(env), {
    serviceName: 'ferry-producer-dev',
    metricsNamespace: 'FerryDev',
    logLevel: 'debug',
    queueUrl: QUEUE_URL,
    maxMessageBytes: 262144,
  });
});

test('a missing or bad variable fails with its name', () => {
  const failures = [
    {},
    { QUEUE_URL: '  ' },
    { QUEUE_URL: 'ferry-queue' },
    { QUEUE_URL, MAX_MESSAGE_BYTES: '2mb' },
    { QUEUE_URL, MAX_MESSAGE_BYTES: '1048577' },
    { QUEUE_URL, LOG_LEVEL: 'verbose' },
  ].map((env) => {
    try {
      loadProducerConfig(env);
      return 'no error';
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
  });
  assert.equal(failures, [
    'ConfigError: QUEUE_URL is required (the URL of an SQS queue) but is not set',
    'ConfigError: QUEUE_URL is required (the URL of an SQS queue) but is not set',
    'ConfigError: QUEUE_URL must be an absolute URL, got "ferry-queue"',
    'ConfigError: MAX_MESSAGE_BYTES must be a whole number from 1 to 1048576, got "2mb"',
    'ConfigError: MAX_MESSAGE_BYTES must be a whole number from 1 to 1048576, got "1048577"',
    'ConfigError: LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, got "verbose"',
  ]);
});

test.run();
