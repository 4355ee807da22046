import { test } from 'uvu';
import * as assert from 'uvu/assert';

test('toolchain runs TypeScript tests', () => {
  const parsed: { a: number } = JSON.parse('{"a":1}');
  assert.equal(parsed, { a: 1 });
});

test.run();
