// FIFO bookkeeping: the 5-minute deduplication window, sequence numbers and
// ReceiveRequestAttemptId replays.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagededuplicationid-property.html

import { createHash } from 'node:crypto';

export const DEDUP_WINDOW_MS = 5 * 60 * 1000;

export interface DedupEntry {
  messageId: string;
  sequenceNumber: string;
  expiresAt: number;
}

export class FifoDedup {
  /** Insertion order is expiry order (a fixed window), so pruning looks only at the front. */
  private readonly entries = new Map<string, DedupEntry>();
  private lastSequence = 0;

  find(key: string, now: number): DedupEntry | undefined {
    this.prune(now);
    return this.entries.get(key);
  }

  record(key: string, entry: DedupEntry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  private prune(now: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) return;
      this.entries.delete(key);
    }
  }

  /**
   * A 20-digit, strictly increasing sequence number. It starts from the clock
   * (ms x 1000) so that numbers keep increasing across restarts.
   */
  nextSequenceNumber(now: number): string {
    this.lastSequence = Math.max(this.lastSequence + 1, now * 1000);
    return '1' + String(this.lastSequence).padStart(19, '0');
  }

  /** Keeps the counter above a sequence number seen on load. */
  observeSequenceNumber(sequenceNumber: string): void {
    const n = Number(sequenceNumber.slice(1));
    if (n > this.lastSequence) this.lastSequence = n;
  }

  clear(): void {
    this.entries.clear();
  }
}

export function contentHash(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

/** The dedup key: per queue, or per message group with DeduplicationScope=messageGroup. */
export function dedupKey(scope: string, groupId: string, dedupId: string): string {
  return scope === 'messageGroup' ? `${groupId}\u0000${dedupId}` : dedupId;
}

export interface AttemptEntry {
  expiresAt: number;
  messageIds: string[];
  receipts: string[];
}

/** ReceiveRequestAttemptId: a retried receive within 5 minutes gets the same messages back. */
export class ReceiveAttempts {
  private readonly entries = new Map<string, AttemptEntry>();

  find(id: string, now: number): AttemptEntry | undefined {
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) break;
      this.entries.delete(key);
    }
    return this.entries.get(id);
  }

  record(id: string, entry: AttemptEntry): void {
    this.entries.delete(id);
    this.entries.set(id, entry);
  }
}
