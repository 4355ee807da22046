import type { MessageProblem } from '../lib/message.js';

export type RejectReason =
  | 'malformed-json'
  | 'unsupported-media-type'
  | 'too-large'
  | 'too-many-entries'
  | 'queue-unavailable'
  | MessageProblem['reason'];

/** Why a request or one batch entry was not accepted; turned into HTTP only in responses.ts. */
export type Rejection =
  | { reason: Exclude<RejectReason, MessageProblem['reason'] | 'too-large'>; message: string }
  /** `weight`: body and message attributes in bytes, as SQS counts them; `limit`: MAX_MESSAGE_BYTES. */
  | { reason: 'too-large'; message: string; weight: number; limit: number }
  | MessageProblem;

export const reject = (
  reason: Exclude<RejectReason, MessageProblem['reason'] | 'too-large'>,
  message: string,
): { ok: false; rejection: Rejection } => ({ ok: false, rejection: { reason, message } });
