import type { Action } from '../context.js';
import { queueName, unwrap } from '../context.js';
import { required } from '../validate.js';

export const addPermission: Action = {
  name: 'AddPermission',
  async run(ctx, params) {
    const name = queueName(ctx, params);
    const label = required(params.string('Label'), 'Label');
    const accounts = required(params.strings('AWSAccountIds', 'AWSAccountId'), 'AWSAccountIds');
    const actions = required(params.strings('Actions', 'ActionName'), 'Actions');
    unwrap(await ctx.engine.addPermission(name, label, accounts, actions));
    return undefined;
  },
};
