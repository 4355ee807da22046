import { readCommonConfig, requiredUrl } from '../lib/config.js';
import type { CommonConfig, Env } from '../lib/config.js';

export interface ConsumerConfig extends CommonConfig {
  /** Poison (a record that can never succeed) is sent here at once instead of being retried. */
  dlqUrl: string;
}

/** Read once at cold start; a missing or malformed variable throws a ConfigError naming it. */
export function loadConsumerConfig(env: Env): ConsumerConfig {
  return { ...readCommonConfig(env, 'ferry-consumer'), dlqUrl: requiredUrl(env, 'DLQ_URL') };
}
