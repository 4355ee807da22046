// What to delete after an invocation. With ReportBatchItemFailures, Lambda deletes all but the
// reported records, and counts the whole batch as failed when the response names a record it
// cannot find. https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
import type { InvokeOutcome } from '../lambda/index.js';
import type { SqsRecord } from './types.js';

export interface Settlement {
  /** Records to delete from the queue. */
  done: SqsRecord[];
  /** Records left to become visible again (and, after maxReceiveCount, to reach the DLQ). */
  failed: SqsRecord[];
  reason?: string;
}

const all = (records: SqsRecord[], reason: string): Settlement => ({ done: [], failed: records, reason });

export function settle(
  records: SqsRecord[],
  outcome: InvokeOutcome,
  reportBatchItemFailures: boolean,
  fifo: boolean,
): Settlement {
  if (!outcome.ok) return all(records, `${outcome.error.errorType}: ${outcome.error.errorMessage}`);
  if (!reportBatchItemFailures) return { done: records, failed: [] };

  const response = outcome.result;
  if (response === null || response === undefined) return { done: records, failed: [] };
  if (typeof response !== 'object' || Array.isArray(response)) {
    return all(records, 'the function response is not an object with batchItemFailures');
  }
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return { done: records, failed: [] };
  if (!Array.isArray(failures)) return all(records, 'batchItemFailures is not a list');

  const byId = new Map(records.map((r) => [r.messageId, r]));
  const failedIds = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '') return all(records, 'an itemIdentifier is empty or missing');
    if (!byId.has(id)) return all(records, `itemIdentifier "${id}" is not a messageId of the batch`);
    failedIds.add(id);
  }
  if (fifo) {
    // Keep a group's order: after a failed record, the rest of its group is retried too.
    const blocked = new Set<string>();
    for (const r of records) {
      const group = r.attributes['MessageGroupId'] ?? '';
      if (blocked.has(group)) failedIds.add(r.messageId);
      else if (failedIds.has(r.messageId)) blocked.add(group);
    }
  }
  return {
    done: records.filter((r) => !failedIds.has(r.messageId)),
    failed: records.filter((r) => failedIds.has(r.messageId)),
    reason: failedIds.size > 0 ? 'reported in batchItemFailures' : undefined,
  };
}
