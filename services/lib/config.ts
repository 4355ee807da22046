import { ConfigError } from './errors.js';

export type Env = Readonly<Record<string, string | undefined>>;

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What both functions read from their environment. */
export interface CommonConfig {
  serviceName: string;
  metricsNamespace: string;
  logLevel: LogLevel;
}

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

export function requiredUrl(env: Env, name: string): string {
  const raw = value(env, name);
  if (raw === undefined) throw new ConfigError(name, 'is required (the URL of an SQS queue) but is not set');
  if (!URL.canParse(raw)) throw new ConfigError(name, `must be an absolute URL, got "${raw}"`);
  return raw;
}

export function optionalPositiveInt(env: Env, name: string, fallback: number, max: number): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  if (!/^\d+$/.test(raw) || parsed < 1 || parsed > max) {
    throw new ConfigError(name, `must be a whole number from 1 to ${max}, got "${raw}"`);
  }
  return parsed;
}

export function readCommonConfig(env: Env, defaultServiceName: string): CommonConfig {
  const level = value(env, 'LOG_LEVEL')?.toLowerCase() ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
  }
  return {
    serviceName: value(env, 'POWERTOOLS_SERVICE_NAME') ?? defaultServiceName,
    metricsNamespace: value(env, 'POWERTOOLS_METRICS_NAMESPACE') ?? 'Ferry',
    logLevel: level as LogLevel,
  };
}
