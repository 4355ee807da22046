import { invalid } from './errors.js';
import { compileJson } from './json.js';
import { compileSpaceDelimited } from './space.js';
import { compileTerms } from './terms.js';

export { FilterPatternError } from './errors.js';

type Matcher = (message: string) => boolean;

/** FilterLogEvents, PutMetricFilter and PutSubscriptionFilter take patterns up to 1,024 characters. */
const MAX_PATTERN_LENGTH = 1024;

/**
 * Compiles a CloudWatch Logs filter pattern once; the matcher then tests messages. An empty
 * pattern matches every event. Throws FilterPatternError for a pattern the service would refuse.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
export function compilePattern(pattern: string | undefined): Matcher {
  if (pattern !== undefined && pattern.length > MAX_PATTERN_LENGTH) {
    throw invalid(`the pattern has ${pattern.length} characters; the most is ${MAX_PATTERN_LENGTH}`);
  }
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  if (text.startsWith('{')) return compileJson(text);
  if (text.startsWith('[')) return compileSpaceDelimited(text);
  return compileTerms(text);
}
