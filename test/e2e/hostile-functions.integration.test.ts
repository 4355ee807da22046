// #15.8 and #15.10 against a real `ferry up`: a function whose init never completes does not hold
// ready, and a handler that signals its own process (or its parent, or its group), exits, aborts or
// traps signals ends at most its own environment: all three ports answer after each.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { UpProcess } from '../helpers/cli/ferry.js';
import { spawnHostile } from '../helpers/hostile/ports.js';

let up: UpProcess;
let console_: string;
let hostile: (body: unknown) => Promise<Response>;

test.before(async () => {
  // Before #15.8, the hanging init held `ferry up` short of ready forever.
  ({ up, console: console_, hostile } = await spawnHostile());
});

test.after(() => {
  up.child.kill('SIGKILL');
});

/** The status each port answers a plain request with: the API (a normal invocation), SQS, console. */
async function ports(): Promise<number[]> {
  return Promise.all([
    hostile({}).then(async (res) =>
      res.status === 200 && (await res.text()) === 'alive' ? 200 : res.status,
    ),
    fetch(`${up.sqs}/_ferry/health`).then((res) => res.status),
    fetch(`${console_}/api/functions`).then((res) => res.status),
  ]);
}

test('#15.8: a function whose init never completes does not hold ready; it times out', async () => {
  assert.match(up.stdout(), /INIT_REPORT Init Duration: [\d.]+ ms\tPhase: init\tStatus: timeout/);
  assert.equal(await ports(), [200, 200, 200]);
});

const attempts = [
  { how: 'kill', target: 'pid', signal: 'SIGKILL' },
  { how: 'kill', target: 'pid', signal: 'SIGTERM' },
  { how: 'kill', target: 'pid', signal: 'SIGINT' },
  { how: 'kill', target: 'ppid', signal: 'SIGTERM' },
  { how: 'kill', target: 'zero', signal: 'SIGKILL' },
  { how: 'exit' },
  { how: 'abort' },
  { how: 'trap' },
];

for (const attempt of attempts) {
  test(`#15.10: ${JSON.stringify(attempt)} leaves every port answering`, async () => {
    // Act: before, SIGKILL and SIGTERM to the own pid stopped `ferry up` itself.
    const res = await hostile(attempt);
    await res.text();

    // Assess: the invocation failed (or not, for the trap); the runtime did not.
    assert.ok(res.status === 200 || res.status >= 500, `answered ${res.status}`);
    assert.equal(await ports(), [200, 200, 200]);
    assert.is(up.child.exitCode, null);
  });
}

test("#15.10: a handler's signal trap does not keep SIGINT from stopping ferry up", async () => {
  up.child.kill('SIGINT');
  assert.is(await up.exited, 0);
  assert.match(up.stdout(), /ferry up: stopped\n$/);
});

test.run();
