// The status line's counters across a restart on a durable data directory. In-process (two
// startRuntime on one temp dir) rather than two `ferry up` processes: a ferry up on a pipe draws no
// status line, and runtime.status() is exactly what the line draws.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempDir } from '../../helpers/config/data-dir.js';
import { order, postJson, startTestRuntime, TEMPLATE } from '../../helpers/runtime/runtime.js';
import { until } from '../../helpers/time/until.js';

const FAST = ['MaximumBatchingWindowInSeconds=0'];

async function startOn(dir: string) {
  return startTestRuntime(TEMPLATE, FAST, { store: { kind: 'durable', dir } });
}

async function settled(t: Awaited<ReturnType<typeof startOn>>, processed: number) {
  return until(`${processed} processed and an idle queue`, async () => {
    const s = await t.runtime.status();
    return s.processed === processed && s.inQueue === 0 && s.inFlight === 0 ? s : undefined;
  });
}

test('accepted and processed go on from the outcome lines the store kept, after a restart', async () => {
  const dir = tempDir('ferry-status-');
  try {
    const first = await startOn(dir.path);
    try {
      assert.equal(await first.runtime.status(), {
        accepted: 0,
        inQueue: 0,
        inFlight: 0,
        processed: 0,
        inDlq: 0,
      });
      for (let i = 0; i < 2; i++)
        assert.is((await postJson(`${first.runtime.endpoints.api}/messages`, order())).status, 202);
      // A rejected message has an outcome line too, and is counted in neither.
      assert.is((await postJson(`${first.runtime.endpoints.api}/messages`, { type: 'nope' })).status, 422);
      assert.equal(await settled(first, 2), { accepted: 2, inQueue: 0, inFlight: 0, processed: 2, inDlq: 0 });
    } finally {
      await first.stop();
    }

    const again = await startOn(dir.path);
    try {
      assert.equal(await again.runtime.status(), {
        accepted: 2,
        inQueue: 0,
        inFlight: 0,
        processed: 2,
        inDlq: 0,
      });
      assert.is((await postJson(`${again.runtime.endpoints.api}/messages`, order())).status, 202);
      assert.equal(await settled(again, 3), { accepted: 3, inQueue: 0, inFlight: 0, processed: 3, inDlq: 0 });
    } finally {
      await again.stop();
    }
  } finally {
    dir.remove();
  }
});

test('in memory, a start counts from zero', async () => {
  const t = await startTestRuntime(TEMPLATE, FAST);
  try {
    assert.equal(await t.runtime.status(), { accepted: 0, inQueue: 0, inFlight: 0, processed: 0, inDlq: 0 });
  } finally {
    await t.stop();
  }
});

test.run();
