// Handler styles and module kinds: async, callback, CommonJS; results as Lambda serialises them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixtureFunction, using } from '../../helpers/lambda/fixtures.js';

test('callback style: the value given to the callback, or its error', async () => {
  const { fn } = fixtureFunction('callback');
  await using(fn, async () => {
    assert.equal(await fn.invoke({ value: 7 }), { ok: true, result: { echoed: 7 } });
    const failed = await fn.invoke({ fail: true });
    assert.equal(!failed.ok && [failed.error.errorType, failed.error.errorMessage], [
      'Error',
      'callback failure',
    ]);
  });
});

test('a CommonJS handler (index.cjs)', async () => {
  const { fn } = fixtureFunction('cjs', { handlerFile: 'index.cjs' });
  await using(fn, async () => {
    assert.equal(await fn.invoke({ value: 'x' }), { ok: true, result: { cjs: true, value: 'x' } });
  });
});

test('an undefined result is null, as Lambda answers it', async () => {
  const { fn } = fixtureFunction('actions');
  await using(fn, async () => {
    assert.equal(await fn.invoke({ action: 'undefined' }), { ok: true, result: null });
  });
});

test.run();
