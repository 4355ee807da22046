import type { Action } from '../context.js';
import { queueName, unwrap } from '../context.js';
import { VISIBILITY_REASON } from '../validate.js';
import { inRange, required } from '../validate.js';

export const changeMessageVisibility: Action = {
  name: 'ChangeMessageVisibility',
  async run(ctx, params) {
    const name = queueName(ctx, params);
    const handle = required(params.string('ReceiptHandle'), 'ReceiptHandle');
    const timeout = required(params.int('VisibilityTimeout'), 'VisibilityTimeout');
    inRange(timeout, 'VisibilityTimeout', 0, 43200, VISIBILITY_REASON);
    unwrap(await ctx.engine.changeMessageVisibility(name, handle, timeout));
    return undefined;
  },
};
