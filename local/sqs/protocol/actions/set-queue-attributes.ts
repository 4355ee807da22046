import type { Action } from '../context.js';
import { queueName, unwrap } from '../context.js';
import { required } from '../validate.js';

export const setQueueAttributes: Action = {
  name: 'SetQueueAttributes',
  async run(ctx, params) {
    const name = queueName(ctx, params);
    const attributes = required(params.map('Attributes', 'Attribute'), 'Attributes');
    unwrap(await ctx.engine.setQueueAttributes(name, attributes));
    return undefined;
  },
};
