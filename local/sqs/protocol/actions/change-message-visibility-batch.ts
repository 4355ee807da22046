import type { Action } from '../context.js';
import { queueName, unwrap } from '../context.js';
import { VISIBILITY_REASON, batchEntries, inRange, required } from '../validate.js';
import { batchToWire } from './batch-result.js';

const ENTRY = 'ChangeMessageVisibilityBatchRequestEntry';

export const changeMessageVisibilityBatch: Action = {
  name: 'ChangeMessageVisibilityBatch',
  async run(ctx, params) {
    const name = queueName(ctx, params);
    const entries = batchEntries(params, ENTRY).map((e) => {
      const visibilityTimeout = required(e.int('VisibilityTimeout'), `${ENTRY}.VisibilityTimeout`);
      inRange(visibilityTimeout, 'VisibilityTimeout', 0, 43200, VISIBILITY_REASON);
      return {
        id: e.string('Id')!,
        receiptHandle: required(e.string('ReceiptHandle'), `${ENTRY}.ReceiptHandle`),
        visibilityTimeout,
      };
    });
    return batchToWire(unwrap(await ctx.engine.changeMessageVisibilityBatch(name, entries)));
  },
};
