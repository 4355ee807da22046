import { optionalPositiveInt, readCommonConfig, requiredUrl } from '../lib/config.js';
import type { CommonConfig, Env } from '../lib/config.js';

/** SQS takes messages of up to 1 MiB (body and attributes together). */
export const SQS_MAX_MESSAGE_BYTES = 1_048_576;

export interface ProducerConfig extends CommonConfig {
  queueUrl: string;
  maxMessageBytes: number;
}

/** Read once at cold start; a missing or malformed variable throws a ConfigError naming it. */
export function loadProducerConfig(env: Env): ProducerConfig {
  return {
    ...readCommonConfig(env, 'ferry-producer'),
    queueUrl: requiredUrl(env, 'QUEUE_URL'),
    maxMessageBytes: optionalPositiveInt(
      env,
      'MAX_MESSAGE_BYTES',
      SQS_MAX_MESSAGE_BYTES,
      SQS_MAX_MESSAGE_BYTES,
    ),
  };
}
