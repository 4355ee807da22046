// #15.11 against a real `ferry up`: while a handler floods its stdout, the API, the SQS endpoint and
// the console keep answering; the flood slows the handler, not the runtime.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { UpProcess } from '../helpers/cli/ferry.js';
import { spawnHostile } from '../helpers/hostile/ports.js';

let up: UpProcess;
let console_: string;
let hostile: (body: unknown) => Promise<Response>;

test.before(async () => {
  ({ up, console: console_, hostile } = await spawnHostile());
});

test.after(() => {
  up.child.kill('SIGKILL');
});

test('#15.11: while a handler floods stdout, every port answers', async () => {
  // Act: 200 MiB of 1 KiB lines; the ports are asked over and over until the invocation ends.
  const flood = hostile({ how: 'flood', mb: 200 }).then((res) => res.text());
  let done = false;
  void flood.finally(() => (done = true));
  const worst = [0, 0, 0];
  let rounds = 0;
  while (!done) {
    const started = performance.now();
    const timed = (i: number) => () => (worst[i] = Math.max(worst[i]!, performance.now() - started));
    const statuses = await Promise.all([
      fetch(`${up.api}/hostile`, { method: 'POST', body: '{}' }).then((res) => (timed(0)(), res.status)),
      fetch(`${up.sqs}/_ferry/health`).then((res) => (timed(1)(), res.status)),
      fetch(`${console_}/api/functions`).then((res) => (timed(2)(), res.status)),
    ]);
    assert.equal(statuses, [200, 200, 200]);
    rounds++;
  }
  await flood;

  // Assess: measured before the change, the SQS endpoint and the API waited seconds.
  process.stdout.write(
    `    worst answer while flooding (${rounds} rounds): API ${worst[0]!.toFixed(0)} ms, SQS ${worst[1]!.toFixed(0)} ms, console ${worst[2]!.toFixed(0)} ms\n`,
  );
  // Bound generous against a loaded machine: after the change 0.4-1.3 s (the API's includes a
  // cold start), before it 12-15 s.
  assert.ok(rounds > 0);
  for (const ms of worst) assert.ok(ms < 5000, `a port answered after ${ms.toFixed(0)} ms`);
});

test.run();
