import { invalidValue } from './errors.js';
import type { Params } from './params.js';
import { inRange } from './validate.js';

/**
 * MaxResults/NextToken over a list of names. Paged requests walk the names in sorted order and
 * the token is the name the next page starts after, so a page stays correct when queues are
 * created or deleted between calls. Without MaxResults SQS returns up to `limit` and no token.
 */
export function paginate(
  names: string[],
  params: Params,
  limit: number,
): { items: string[]; nextToken?: string } {
  const max = params.int('MaxResults');
  inRange(max, 'MaxResults', 1, 1000, 'MaxResults must be an integer between 1 and 1000.');
  const token = params.string('NextToken');
  if (max === undefined && (token === undefined || token === '')) return { items: names.slice(0, limit) };
  const sorted = [...names].sort();
  let start = 0;
  if (token !== undefined && token !== '') {
    const after = decodeToken(token);
    if (after === undefined) throw invalidValue('NextToken', token, 'Invalid NextToken value.');
    start = sorted.findIndex((n) => n > after);
    if (start === -1) start = sorted.length;
  }
  const size = max ?? limit;
  const items = sorted.slice(start, start + size);
  if (start + size >= sorted.length) return { items };
  return {
    items,
    nextToken: Buffer.from(JSON.stringify({ after: items[items.length - 1] })).toString('base64'),
  };
}

function decodeToken(token: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      typeof (parsed as { after?: unknown }).after === 'string'
    ) {
      return (parsed as { after: string }).after;
    }
  } catch {
    // not a token of ours: reported below
  }
  return undefined;
}
