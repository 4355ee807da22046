// Builders of the Results every engine operation answers with (its errors are values, not
// exceptions: protocol/context.ts's unwrap() turns a failed one into an SqsError at the edge).

import type { EngineErrorCode, Result } from './types.js';

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export const OK: Result<void> = { ok: true, value: undefined };

export function fail<T = never>(code: EngineErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

export function queueDoesNotExist<T = never>(): Result<T> {
  return fail('QueueDoesNotExist', 'The specified queue does not exist.');
}
