import type { Action } from '../context.js';
import { unwrap } from '../context.js';
import { inRange, required } from '../validate.js';

export const startMessageMoveTask: Action = {
  name: 'StartMessageMoveTask',
  async run(ctx, params) {
    const sourceArn = required(params.string('SourceArn'), 'SourceArn');
    const destinationArn = params.string('DestinationArn');
    const rate = params.int('MaxNumberOfMessagesPerSecond');
    inRange(rate, 'MaxNumberOfMessagesPerSecond', 1, 500, 'Must be between 1 and 500, if provided.');
    const input: Parameters<typeof ctx.engine.startMessageMoveTask>[0] = { sourceArn };
    if (destinationArn !== undefined) input.destinationArn = destinationArn;
    if (rate !== undefined) input.maxNumberOfMessagesPerSecond = rate;
    const { taskHandle } = unwrap(await ctx.engine.startMessageMoveTask(input));
    return { TaskHandle: taskHandle };
  },
};
