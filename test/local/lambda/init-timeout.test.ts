// #15.8: an init that never completes. Lambda limits init to 10 s (shortened here), then retries
// it within the first invocation, bounded by the function's timeout; the environment is discarded.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixtureFunction, messagesOf, using } from '../../helpers/lambda/fixtures.js';

const INIT_LIMIT_MS = 300;

for (const mode of ['spin', 'wait']) {
  test(`#15.8: an init that never completes (${mode}) times out twice and the invocation fails`, async () => {
    // Prepare
    const { fn, records } = fixtureFunction('init-hang', {
      initTimeoutMs: INIT_LIMIT_MS,
      timeout: 1,
      environment: { INIT_MODE: mode },
    });
    await using(fn, async () => {
      // Act: before, the prewarm (what `ferry up` waits for before ready) never resolved.
      await fn.prewarm();
      const outcome = await fn.invoke({}, { requestId: 'req-init' });

      // Assess
      assert.equal(outcome, {
        ok: false,
        error: {
          errorType: 'Sandbox.Timedout',
          errorMessage: 'RequestId: req-init Error: Task timed out after 1.00 seconds',
        },
      });
      // The prewarmed environment's, then the invocation's own cold start's: each discarded.
      const initLines = records.filter((r) => r.requestId === undefined && r.message.startsWith('INIT'));
      assert.equal(
        initLines.map((r) => r.message.replace(/[\d.]+ ms/, '<n> ms')),
        Array(2).fill('INIT_REPORT Init Duration: <n> ms\tPhase: init\tStatus: timeout'),
      );
      assert.equal(messagesOf(records, 'req-init'), [
        'START RequestId: <id> Version: $LATEST',
        'INIT_REPORT Init Duration: <n> ms\tPhase: invoke\tStatus: timeout',
        '<time> <id> Task timed out after 1.00 seconds',
        'END RequestId: <id>',
        'REPORT RequestId: <id>\tDuration: <n> ms\tBilled Duration: <n> ms\tMemory Size: 128 MB\tMax Memory Used: <n> MB\tInit Duration: <n> ms\tStatus: timeout',
      ]);
      assert.is(fn.stats().environments, 0);
    });
  });
}

test('#15.8: an init slower than the limit succeeds when retried within the timeout, and stays warm', async () => {
  // Prepare
  const { fn } = fixtureFunction('init-hang', {
    initTimeoutMs: INIT_LIMIT_MS,
    timeout: 3,
    environment: { INIT_MODE: 'wait', INIT_AFTER_MS: String(INIT_LIMIT_MS * 2) },
  });
  await using(fn, async () => {
    // Act
    const first = await fn.invoke({});
    const second = await fn.invoke({});

    // Assess: the retried init ran to its end, in the environment the second invocation reuses.
    assert.ok(first.ok && second.ok, JSON.stringify([first, second]));
    assert.equal(
      { ...fn.stats(), invocations: undefined },
      {
        environments: 1,
        busy: 0,
        idle: 1,
        invocations: undefined,
        coldStarts: 1,
        errors: 0,
        throttles: 0,
      },
    );
  });
});

test.run();
