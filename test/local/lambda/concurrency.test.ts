// Environments are added up to the cap and reused when idle; at the cap invocations wait, or
// are throttled as Lambda throttles when reserved concurrency is reached.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LambdaConfigError } from '../../../local/lambda/index.js';
import { fixtureFunction, using } from '../../helpers/lambda/fixtures.js';

test('concurrent invocations grow the pool up to the cap, then reuse the idle environments', async () => {
  const { fn } = fixtureFunction('actions', { maxConcurrency: 3 });
  await using(fn, async () => {
    // Act: 6 invocations at once, each holding its environment for a while: longer than cold starts
    // differ from one another, so no environment takes a third invocation while one still starts.
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => fn.invoke({ action: 'wait', ms: 200 })),
    );
    const after = await Promise.all(Array.from({ length: 3 }, () => fn.invoke({})));

    // Assess
    assert.ok(outcomes.every((o) => o.ok));
    assert.equal(fn.stats(), {
      environments: 3,
      busy: 0,
      idle: 3,
      invocations: 9,
      coldStarts: 3,
      errors: 0,
      throttles: 0,
    });
    const counts = after.map((o) => (o.ok ? (o.result as { invocations: number }).invocations : 0));
    assert.equal(counts.sort(), [3, 3, 3]);
  });
});

test('sequential invocations use one environment', async () => {
  const { fn } = fixtureFunction('actions', { maxConcurrency: 5 });
  await using(fn, async () => {
    for (let i = 0; i < 5; i++) await fn.invoke({});
    assert.equal([fn.stats().environments, fn.stats().coldStarts], [1, 1]);
  });
});

test("whenBusy 'throttle': at the cap, Lambda's TooManyRequestsException", async () => {
  const { fn } = fixtureFunction('actions', { maxConcurrency: 1, whenBusy: 'throttle' });
  await using(fn, async () => {
    const slow = fn.invoke({ action: 'wait', ms: 100 });
    const throttled = await fn.invoke({});
    assert.equal(throttled, {
      ok: false,
      error: { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.' },
    });
    assert.ok((await slow).ok);
    assert.is(fn.stats().throttles, 1);
  });
});

test('a waiting invocation gets the replacement of an environment that died', async () => {
  const { fn } = fixtureFunction('actions', { maxConcurrency: 1 });
  await using(fn, async () => {
    const [dead, next] = await Promise.all([fn.invoke({ action: 'exit' }), fn.invoke({})]);
    assert.is(dead.ok, false);
    assert.equal(next.ok && (next.result as { invocations: number }).invocations, 1);
  });
});

test('stop waits for running invocations, then refuses new ones', async () => {
  const { fn } = fixtureFunction('actions', { maxConcurrency: 1 });
  const running = fn.invoke({ action: 'wait', ms: 30 });
  const waiting = fn.invoke({});
  await fn.stop();
  assert.is((await running).ok, true);
  assert.equal(await waiting, {
    ok: false,
    error: { errorType: 'ResourceNotFoundException', errorMessage: 'The function is stopped.' },
  });
  assert.equal(fn.stats().environments, 0);
});

test('maxConcurrency must be a positive integer', () => {
  assert.throws(
    () => fixtureFunction('actions', { maxConcurrency: 0 }),
    (error: Error) =>
      error instanceof LambdaConfigError &&
      error.code === 'InvalidConfig' &&
      error.message === 'fixture-actions: maxConcurrency must be a positive integer, got 0',
  );
});

test.run();
