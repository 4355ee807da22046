import type { Action } from '../context.js';
import { queueName, queueUrl, unwrap } from '../context.js';
import { paginate } from '../paginate.js';

export const listDeadLetterSourceQueues: Action = {
  name: 'ListDeadLetterSourceQueues',
  run(ctx, params) {
    const names = unwrap(ctx.engine.listDeadLetterSourceQueues(queueName(ctx, params)));
    const page = paginate(names, params, 1000);
    const out: Record<string, unknown> = { queueUrls: page.items.map((n) => queueUrl(ctx, n)) };
    if (page.nextToken !== undefined) out.NextToken = page.nextToken;
    return out;
  },
};
