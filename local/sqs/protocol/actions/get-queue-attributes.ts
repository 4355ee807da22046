import type { Action } from '../context.js';
import { queueName, unwrap } from '../context.js';

export const getQueueAttributes: Action = {
  name: 'GetQueueAttributes',
  run(ctx, params) {
    const name = queueName(ctx, params);
    const names = params.strings('AttributeNames', 'AttributeName') ?? [];
    const attributes = unwrap(ctx.engine.getQueueAttributes(name, names));
    return Object.keys(attributes).length > 0 ? { Attributes: attributes } : {};
  },
};
