import type { Action } from '../context.js';
import { queueName, unwrap } from '../context.js';

export const listQueueTags: Action = {
  name: 'ListQueueTags',
  run(ctx, params) {
    return { Tags: unwrap(ctx.engine.listQueueTags(queueName(ctx, params))) };
  },
};
