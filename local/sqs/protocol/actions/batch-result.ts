import type { BatchOutcome } from '../../engine/types.js';
import { batchEntryCode } from '../errors.js';

export function failedEntry(
  id: string,
  senderFault: boolean,
  code: string,
  message: string,
): Record<string, unknown> {
  return { Id: id, SenderFault: senderFault, Code: code, Message: message };
}

/** Delete and ChangeMessageVisibility batches: successes carry only their Id. */
export function batchToWire(outcome: BatchOutcome<object>): Record<string, unknown> {
  return {
    Successful: outcome.successful.map((s) => ({ Id: s.id })),
    Failed: outcome.failed.map((f) => failedEntry(f.id, f.senderFault, batchEntryCode(f.code), f.message)),
  };
}
