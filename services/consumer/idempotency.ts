/**
 * Keys of messages this execution environment has already processed. SQS delivers at least once,
 * so a redelivered message (or a resent one with the same idempotencyKey) is skipped. The set is
 * bounded: the oldest keys are forgotten first. It lives as long as the Lambda execution
 * environment; deduplication across environments needs a shared store (see the README).
 */
export class SeenKeys {
  private readonly keys = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  has(key: string): boolean {
    return this.keys.has(key);
  }

  add(key: string): void {
    this.keys.delete(key);
    this.keys.add(key);
    if (this.keys.size > this.capacity) {
      const oldest = this.keys.values().next().value;
      if (oldest !== undefined) this.keys.delete(oldest);
    }
  }

  get size(): number {
    return this.keys.size;
  }
}

/** The client's idempotencyKey when it gave one, else the SQS message id (stable across redeliveries). */
export function dedupKey(idempotencyKey: string | undefined, messageId: string): string {
  return idempotencyKey === undefined ? `message:${messageId}` : `key:${idempotencyKey}`;
}
