// --parameter-overrides, parsed once where the flags are read.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, parseOverrides } from '../../../local/config/index.js';

function refusal(pairs: string[]): unknown {
  try {
    parseOverrides(pairs);
  } catch (error) {
    return error;
  }
  return assert.unreachable(`expected ${JSON.stringify(pairs)} to be refused`);
}

test('parseOverrides: Key=Value pairs, values may hold "=" or be empty', () => {
  assert.equal(parseOverrides(['A=1', 'B=x=y', 'C=']), { A: '1', B: 'x=y', C: '' });
  assert.equal(parseOverrides([]), {});
});

test('parseOverrides: a pair without a key is a BadOverride naming it', () => {
  const error = refusal(['A=1', 'nope']);
  assert.instance(error, ConfigError);
  assert.is((error as ConfigError).code, 'BadOverride');
  assert.is((error as Error).message, "--parameter-overrides: 'nope' is not Key=Value");
  assert.is((refusal(['=1']) as Error).message, "--parameter-overrides: '=1' is not Key=Value");
});

test.run();
