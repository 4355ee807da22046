// A function's log as records for its sink: the lines its environments write, and the platform
// lines around each invocation (START; END and REPORT, after why the environment ended if it did).
import type { LogLine, RunOutcome } from './environment.js';
import { endLine, reportLine, startLine, type Report } from './log-lines.js';
import type { ResolvedConfig } from './types.js';

const MB = 1024 * 1024;

type LogConfig = Pick<ResolvedConfig, 'functionName' | 'logGroup' | 'memorySize' | 'timeoutMs' | 'onLog'>;

export class FunctionLog {
  constructor(private readonly settings: LogConfig) {}

  /** What an environment's worker wrote to the log stream. */
  written(logStream: string, lines: LogLine[]): void {
    for (const [timestamp, requestId, text, raw] of lines) {
      const body = text.endsWith('\n') ? text.slice(0, -1) : text;
      // A console call is one record (as the Node.js runtime sends it); raw writes are split by line.
      if (raw) for (const line of body.split('\n')) this.emit(logStream, timestamp, requestId, line);
      else this.emit(logStream, timestamp, requestId, body);
    }
  }

  started(logStream: string, requestId: string): void {
    this.emit(logStream, Date.now(), requestId, startLine(requestId));
  }

  /** `initDurationMs` only for the environment's first invocation (its cold start). */
  finished(logStream: string, requestId: string, outcome: RunOutcome, initDurationMs?: number): void {
    const now = Date.now();
    const ending = this.ending(requestId, outcome, now);
    if (ending !== undefined) this.emit(logStream, now, requestId, ending);
    this.emit(logStream, now, requestId, endLine(requestId));
    this.emit(logStream, now, requestId, reportLine(this.report(requestId, outcome, initDurationMs)));
  }

  /** The line that says why an invocation ended its environment, if it did. */
  private ending(requestId: string, outcome: RunOutcome, now: number): string | undefined {
    if (outcome.ended === 'timeout') {
      const seconds = (this.settings.timeoutMs / 1000).toFixed(2);
      return `${new Date(now).toISOString()} ${requestId} Task timed out after ${seconds} seconds`;
    }
    if (outcome.ended === 'exit' && outcome.error)
      return `${outcome.error.errorMessage}\n${outcome.error.errorType}`;
    return undefined;
  }

  private report(requestId: string, outcome: RunOutcome, initDurationMs: number | undefined): Report {
    const { memorySize } = this.settings;
    return {
      requestId,
      durationMs: outcome.durationMs,
      memorySize,
      // An environment killed for memory used all of it.
      maxMemoryUsedMb:
        outcome.error?.errorType === 'Runtime.OutOfMemory'
          ? memorySize
          : Math.max(1, Math.round(outcome.memoryBytes / MB)),
      initDurationMs,
      status: statusOf(outcome),
    };
  }

  private emit(logStream: string, timestamp: number, requestId: string | undefined, message: string): void {
    const { logGroup, functionName, onLog } = this.settings;
    onLog({ logGroup, logStream, timestamp, message, functionName, requestId });
  }
}

function statusOf(outcome: RunOutcome): Report['status'] {
  if (outcome.ended === 'timeout') return { status: 'timeout' };
  if (outcome.ended === 'exit')
    return { status: 'error', errorType: outcome.error?.errorType ?? 'Runtime.ExitError' };
  return undefined;
}
