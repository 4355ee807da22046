import { compileJson } from './json.js';
import { compileSpaceDelimited } from './space.js';
import { compileTerms } from './terms.js';

export { FilterPatternError } from './errors.js';

type Matcher = (message: string) => boolean;

/**
 * Compiles a CloudWatch Logs filter pattern once; the matcher then tests messages. An empty
 * pattern matches every event. Throws FilterPatternError for a pattern the service would refuse.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
export function compilePattern(pattern: string | undefined): Matcher {
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  if (text.startsWith('{')) return compileJson(text);
  if (text.startsWith('[')) return compileSpaceDelimited(text);
  return compileTerms(text);
}
