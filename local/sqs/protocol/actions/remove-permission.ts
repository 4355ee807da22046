import type { Action } from '../context.js';
import { queueName, unwrap } from '../context.js';
import { required } from '../validate.js';

export const removePermission: Action = {
  name: 'RemovePermission',
  async run(ctx, params) {
    const name = queueName(ctx, params);
    unwrap(await ctx.engine.removePermission(name, required(params.string('Label'), 'Label')));
    return undefined;
  },
};
