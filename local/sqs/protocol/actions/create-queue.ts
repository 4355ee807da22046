import type { Action } from '../context.js';
import { queueUrl, unwrap } from '../context.js';
import { checkQueueName, required } from '../validate.js';

export const createQueue: Action = {
  name: 'CreateQueue',
  async run(ctx, params) {
    const name = required(params.string('QueueName'), 'QueueName');
    checkQueueName(name);
    const attributes = params.map('Attributes', 'Attribute') ?? {};
    const tags = params.map('tags', 'Tag', 'Key', 'Value') ?? {};
    unwrap(await ctx.engine.createQueue(name, attributes, tags));
    return { QueueUrl: queueUrl(ctx, name) };
  },
};
