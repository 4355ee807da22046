import type { SendInput } from '../../engine/types.js';
import type { Action } from '../context.js';
import { queueName, unwrap } from '../context.js';
import { ERRORS, SqsError, batchEntryCode } from '../errors.js';
import type { ParsedSend } from '../message-input.js';
import { parseSend } from '../message-input.js';
import { MAX_PAYLOAD, batchEntries } from '../validate.js';
import { failedEntry } from './batch-result.js';

export const sendMessageBatch: Action = {
  name: 'SendMessageBatch',
  async run(ctx, params) {
    const name = queueName(ctx, params);
    const entries = batchEntries(params, 'SendMessageBatchRequestEntry');
    const parsed = new Map<string, ParsedSend>();
    const failed: Record<string, unknown>[] = [];
    const toSend: ({ id: string } & SendInput)[] = [];
    let total = 0;
    for (const entry of entries) {
      const id = entry.string('Id')!;
      try {
        const p = parseSend(entry, ctx.senderId);
        parsed.set(id, p);
        total += p.size;
        toSend.push({ id, ...p.input });
      } catch (error) {
        if (!(error instanceof SqsError)) throw error;
        failed.push(failedEntry(id, true, ERRORS[error.code].query, error.message));
      }
    }
    if (total > MAX_PAYLOAD) {
      throw new SqsError(
        'BatchRequestTooLong',
        `Batch requests cannot be longer than ${MAX_PAYLOAD} bytes. You have sent ${total} bytes.`,
      );
    }
    const successful: Record<string, unknown>[] = [];
    if (toSend.length > 0) {
      const outcome = unwrap(await ctx.engine.sendMessageBatch(name, toSend));
      for (const s of outcome.successful) {
        const out: Record<string, unknown> = { Id: s.id, MessageId: s.messageId, ...parsed.get(s.id)?.md5 };
        if (s.sequenceNumber !== undefined) out.SequenceNumber = s.sequenceNumber;
        successful.push(out);
      }
      for (const f of outcome.failed)
        failed.push(failedEntry(f.id, f.senderFault, batchEntryCode(f.code), f.message));
    }
    return { Successful: successful, Failed: failed };
  },
};
