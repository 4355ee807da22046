import type { Action } from '../context.js';
import { unwrap } from '../context.js';
import { required } from '../validate.js';

export const cancelMessageMoveTask: Action = {
  name: 'CancelMessageMoveTask',
  async run(ctx, params) {
    const handle = required(params.string('TaskHandle'), 'TaskHandle');
    const { approximateNumberOfMessagesMoved } = unwrap(await ctx.engine.cancelMessageMoveTask(handle));
    return { ApproximateNumberOfMessagesMoved: approximateNumberOfMessagesMoved };
  },
};
