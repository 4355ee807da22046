import type { Envelope } from '../../lib/message.js';

export interface ProcessorContext {
  messageId: string;
  /** ApproximateReceiveCount: 1 on the first delivery. */
  receiveCount: number;
  now: () => number;
}

/** What a processor did, logged on the record's outcome line. */
export type ProcessResult = Record<string, unknown>;

/**
 * Handles the validated data of one message type. Throwing means "try again later" (the record is
 * reported as a batch item failure); data that can never succeed is stopped earlier, by its schema.
 */
export type Processor<T = unknown> = (
  data: T,
  envelope: Envelope,
  context: ProcessorContext,
) => Promise<ProcessResult>;
