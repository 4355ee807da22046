// What goes wrong in local/lambda, in one place. A function that cannot be created as configured
// throws a LambdaConfigError. A failed invocation is not thrown: `invoke` answers a LambdaError
// value, as Lambda's Invoke API reports it; the ones the runtime itself makes (not the handler's
// own, which worker.mjs reads from what the handler threw) are built here.
import { LocalError } from '../errors.js';
import type { LambdaError } from './types.js';

/** Each message names the function and the setting at fault. */
export class LambdaConfigError extends LocalError<'InvalidConfig'> {
  override readonly name = 'LambdaConfigError';

  constructor(message: string) {
    super('InvalidConfig', message);
  }
}

/** Every environment is busy at the reserved concurrency and the function throttles. */
export function throttledError(): LambdaError {
  return { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.' };
}

export function stoppedError(): LambdaError {
  return { errorType: 'ResourceNotFoundException', errorMessage: 'The function is stopped.' };
}

/** What Lambda answers for a timed-out invocation (newer runtimes: errorType Sandbox.Timedout). */
export function timeoutError(requestId: string, timeoutMs: number): LambdaError {
  const seconds = (timeoutMs / 1000).toFixed(2);
  return {
    errorType: 'Sandbox.Timedout',
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${seconds} seconds`,
  };
}

/** An init past its limit; the invocation that retries it answers timeoutError if it runs out too. */
export function initTimeoutError(limitMs: number): LambdaError {
  return {
    errorType: 'Runtime.InitError',
    errorMessage: `Init phase timed out after ${(limitMs / 1000).toFixed(2)} seconds`,
  };
}

/** Why a thread ended besides its exit status: its memory ran out, or it signalled its own process. */
export type ExitCause = 'out-of-memory' | { signal: number } | undefined;

/** How Lambda's runtime (Go's os/exec) names the signal that ended the runtime process. */
const SIGNAL_NAMES = new Map([
  [1, 'hangup'],
  [2, 'interrupt'],
  [3, 'quit'],
  [6, 'aborted'],
  [9, 'killed'],
  [15, 'terminated'],
]);

/** The environment's thread ended: it exited, was killed for using all of its memory, or signalled. */
export function exitError(requestId: string | undefined, code: number, cause: ExitCause): LambdaError {
  const oom = cause === 'out-of-memory';
  const signal = oom ? 9 : cause?.signal;
  const detail =
    signal === undefined
      ? `exit status ${code}`
      : `signal: ${SIGNAL_NAMES.get(signal) ?? `signal ${signal}`}`;
  return {
    errorType: oom ? 'Runtime.OutOfMemory' : 'Runtime.ExitError',
    errorMessage: `RequestId: ${requestId ?? ''} Error: Runtime exited with error: ${detail}`,
  };
}
