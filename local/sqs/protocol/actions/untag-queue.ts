import type { Action } from '../context.js';
import { queueName, unwrap } from '../context.js';
import { required } from '../validate.js';

export const untagQueue: Action = {
  name: 'UntagQueue',
  async run(ctx, params) {
    const name = queueName(ctx, params);
    const keys = required(params.strings('TagKeys', 'TagKey'), 'TagKeys');
    unwrap(await ctx.engine.untagQueue(name, keys));
    return undefined;
  },
};
