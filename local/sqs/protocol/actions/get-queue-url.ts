import type { Action } from '../context.js';
import { queueUrl } from '../context.js';
import { SqsError } from '../errors.js';
import { required } from '../validate.js';

export const getQueueUrl: Action = {
  name: 'GetQueueUrl',
  run(ctx, params) {
    const name = required(params.string('QueueName'), 'QueueName');
    const owner = params.string('QueueOwnerAWSAccountId');
    if (!ctx.engine.queueExists(name) || (owner !== undefined && owner !== ctx.engine.accountId)) {
      throw new SqsError('QueueDoesNotExist', 'The specified queue does not exist.');
    }
    return { QueueUrl: queueUrl(ctx, name) };
  },
};
