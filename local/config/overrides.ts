import { ConfigError } from './errors.js';

/**
 * `--parameter-overrides` as the AWS CLI takes them: ['A=1', 'B=x=y'] -> { A: '1', B: 'x=y' }.
 * Parsed once, where the flags are read; everything after takes the record.
 */
export function parseOverrides(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new ConfigError('BadOverride', `--parameter-overrides: '${pair}' is not Key=Value`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}
