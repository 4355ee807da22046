import type { Action } from '../context.js';
import { queueName, unwrap } from '../context.js';
import { batchEntries, required } from '../validate.js';
import { batchToWire } from './batch-result.js';

export const deleteMessageBatch: Action = {
  name: 'DeleteMessageBatch',
  async run(ctx, params) {
    const name = queueName(ctx, params);
    const entries = batchEntries(params, 'DeleteMessageBatchRequestEntry').map((e) => ({
      id: e.string('Id')!,
      receiptHandle: required(e.string('ReceiptHandle'), 'DeleteMessageBatchRequestEntry.ReceiptHandle'),
    }));
    return batchToWire(unwrap(await ctx.engine.deleteMessageBatch(name, entries)));
  },
};
