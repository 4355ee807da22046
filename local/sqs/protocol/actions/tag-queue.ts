import type { Action } from '../context.js';
import { queueName, unwrap } from '../context.js';
import { required } from '../validate.js';

export const tagQueue: Action = {
  name: 'TagQueue',
  async run(ctx, params) {
    const name = queueName(ctx, params);
    const tags = required(params.map('Tags', 'Tag', 'Key', 'Value'), 'Tags');
    unwrap(await ctx.engine.tagQueue(name, tags));
    return undefined;
  },
};
