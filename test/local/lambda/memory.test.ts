// #15.9: MemorySize bounds what a function keeps off the V8 heap too (Buffers, typed arrays), not
// only what resourceLimits bounds; the runtime's own memory stays bounded and the next
// invocation gets a fresh environment.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixtureFunction, messagesOf, using } from '../../helpers/lambda/fixtures.js';

const MB = 1024 * 1024;

const cases = [
  { kind: 'alloc', async: false },
  { kind: 'unsafe', async: true },
  { kind: 'typed', async: false },
];

for (const { kind, async } of cases) {
  test(`#15.9: ${kind} buffers beyond 128 MB (${async ? 'async' : 'sync'}) end the environment: Runtime.OutOfMemory`, async () => {
    // Prepare
    const { fn, records } = fixtureFunction('actions', { memorySize: 128, timeout: 30 });
    await using(fn, async () => {
      const before = process.memoryUsage.rss();
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);

      // Act: before, the thread kept 1 GB (2 GB in the finding) and answered ok.
      const outcome = await fn.invoke({ action: 'buffers', mb: 1024, kind, async }, { requestId: 'req-mem' });
      clearInterval(sampler);
      const next = await fn.invoke({});

      // Assess
      assert.equal(outcome, {
        ok: false,
        error: {
          errorType: 'Runtime.OutOfMemory',
          errorMessage: 'RequestId: req-mem Error: Runtime exited with error: signal: killed',
        },
      });
      assert.equal(messagesOf(records, 'req-mem').slice(1), [
        'RequestId: <id> Error: Runtime exited with error: signal: killed\nRuntime.OutOfMemory',
        'END RequestId: <id>',
        'REPORT RequestId: <id>\tDuration: <n> ms\tBilled Duration: <n> ms\tMemory Size: 128 MB\tMax Memory Used: <n> MB\tInit Duration: <n> ms\tStatus: error\tError Type: Runtime.OutOfMemory',
      ]);
      // The runtime's process held at most the limit and a thread's overhead, not the gigabyte.
      const grewMb = (peak - before) / MB;
      assert.ok(grewMb < 128 + 100, `the runtime's RSS grew ${grewMb.toFixed(0)} MB`);
      assert.equal(next.ok && (next.result as { invocations: number }).invocations, 1);
      assert.is(fn.stats().coldStarts, 2);
    });
  });
}

test('#15.9: a function that stays under its MemorySize keeps its environment', async () => {
  const { fn } = fixtureFunction('actions', { memorySize: 128 });
  await using(fn, async () => {
    assert.equal(await fn.invoke({ action: 'buffers', mb: 64 }), { ok: true, result: { kept: 64 } });
    assert.equal(await fn.invoke({ action: 'buffers', mb: 64, kind: 'typed' }), {
      ok: true,
      result: { kept: 64 },
    });
    assert.is(fn.stats().coldStarts, 1);
  });
});

test.run();
