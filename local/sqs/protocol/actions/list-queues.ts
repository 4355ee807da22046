import type { Action } from '../context.js';
import { queueUrl } from '../context.js';
import { paginate } from '../paginate.js';

export const listQueues: Action = {
  name: 'ListQueues',
  run(ctx, params) {
    const prefix = params.string('QueueNamePrefix');
    const names = ctx.engine.listQueues(prefix === '' ? undefined : prefix);
    // Without MaxResults SQS returns up to 1,000 queues and no token.
    const page = paginate(names, params, 1000);
    const out: Record<string, unknown> = {};
    if (page.items.length > 0) out.QueueUrls = page.items.map((n) => queueUrl(ctx, n));
    if (page.nextToken !== undefined) out.NextToken = page.nextToken;
    return out;
  },
};
