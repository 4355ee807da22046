// The text Lambda writes to a function's log besides the handler's own lines: the log stream's name and
// the platform lines around each invocation, in its text format:
// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html
import { randomBytes } from 'node:crypto';

export function logStreamName(now: number): string {
  const day = new Date(now).toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
}

export const startLine = (requestId: string) => `START RequestId: ${requestId} Version: $LATEST`;
export const endLine = (requestId: string) => `END RequestId: ${requestId}`;

export interface Report {
  requestId: string;
  durationMs: number;
  memorySize: number;
  maxMemoryUsedMb: number;
  /** Only on an environment's first invocation. */
  initDurationMs?: number;
  /** 'timeout', or 'error' with the type of the error that ended the environment. */
  status?: { status: 'timeout' } | { status: 'error'; errorType: string };
}

export function reportLine(r: Report): string {
  const fields = [
    `REPORT RequestId: ${r.requestId}`,
    `Duration: ${r.durationMs.toFixed(2)} ms`,
    // Billed per 1 ms, rounded up.
    `Billed Duration: ${Math.max(1, Math.ceil(r.durationMs))} ms`,
    `Memory Size: ${r.memorySize} MB`,
    `Max Memory Used: ${r.maxMemoryUsedMb} MB`,
  ];
  if (r.initDurationMs !== undefined) fields.push(`Init Duration: ${r.initDurationMs.toFixed(2)} ms`);
  if (r.status) fields.push(`Status: ${r.status.status}`);
  if (r.status?.status === 'error') fields.push(`Error Type: ${r.status.errorType}`);
  return fields.join('\t');
}

/** An init that failed or ran out of time, in the phase it ran in (Lambda retries it within the first invocation). */
export function initReportLine(durationMs: number, phase: 'init' | 'invoke', status: 'timeout'): string {
  return [
    `INIT_REPORT Init Duration: ${durationMs.toFixed(2)} ms`,
    `Phase: ${phase}`,
    `Status: ${status}`,
  ].join('\t');
}
