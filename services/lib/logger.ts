import { pino } from 'pino';
import type { Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

export interface LoggerOptions {
  service: string;
  level: LogLevel;
  /** Where lines go; defaults to stdout, written synchronously (no transports, no worker threads in Lambda). */
  destination?: { write(line: string): unknown };
  now?: () => number;
}

/** JSON lines in the shape CloudWatch Logs Insights queries: level as a word, ISO time, `service` on every line. */
export function createLogger({ service, level, destination, now = Date.now }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service },
      messageKey: 'msg',
      timestamp: () => `,"time":"${new Date(now()).toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ fd: 1, sync: true }),
  );
}
