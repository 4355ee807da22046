import type { Action } from '../context.js';
import { queueName, unwrap } from '../context.js';
import { required } from '../validate.js';

export const deleteMessage: Action = {
  name: 'DeleteMessage',
  async run(ctx, params) {
    const name = queueName(ctx, params);
    const handle = required(params.string('ReceiptHandle'), 'ReceiptHandle');
    unwrap(await ctx.engine.deleteMessage(name, handle));
    return undefined;
  },
};
