import { pino } from 'pino';
import type { Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

export interface LoggerOptions {
  service: string;
  level: LogLevel;
  /**
   * Where lines go; defaults to process.stdout, which Node writes synchronously on Linux for files,
   * pipes and terminals (so in Lambda), and which a host that runs the bundle in a worker thread
   * can still capture. No transports: they would start worker threads.
   */
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
    destination ?? process.stdout,
  );
}
