import type { Action } from '../context.js';
import { queueName, unwrap } from '../context.js';

export const purgeQueue: Action = {
  name: 'PurgeQueue',
  async run(ctx, params) {
    unwrap(await ctx.engine.purgeQueue(queueName(ctx, params)));
    return undefined;
  },
};
