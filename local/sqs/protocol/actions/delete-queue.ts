import type { Action } from '../context.js';
import { queueName, unwrap } from '../context.js';

export const deleteQueue: Action = {
  name: 'DeleteQueue',
  async run(ctx, params) {
    unwrap(await ctx.engine.deleteQueue(queueName(ctx, params)));
    return undefined;
  },
};
