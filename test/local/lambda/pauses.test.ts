// The timeout of a function paused in a debugger: an in-process inspector session plays the
// debugger (VS Code and DevTools reach the worker the same way, through the NodeWorker domain).
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WorkerPauses } from '../../../local/lambda/index.js';
import { fixtureFunction } from '../../helpers/lambda/fixtures.js';
import { until } from '../../helpers/time/until.js';

/** A debugger attached to the thread of `functionName`: it can pause it and let it run. */
async function attachDebugger(functionName: string) {
  const session = new Session();
  session.connect();
  const events: string[] = [];
  let worker: string | undefined;
  session.on('NodeWorker.attachedToWorker', ({ params }) => {
    if (params.workerInfo.title.endsWith(functionName)) worker = params.sessionId;
  });
  session.on('NodeWorker.receivedMessageFromWorker', ({ params }) => {
    const { method } = JSON.parse(params.message) as { method?: string };
    if (method === 'Debugger.paused' || method === 'Debugger.resumed') events.push(method);
  });
  session.post('NodeWorker.enable', { waitForDebuggerOnStart: false });
  const sessionId = await until(`the thread of ${functionName}`, () => worker);
  let id = 0;
  const send = (method: string) =>
    session.post('NodeWorker.sendMessageToWorker', {
      sessionId,
      message: JSON.stringify({ id: ++id, method }),
    });
  send('Debugger.enable');
  return { events, send, close: () => session.disconnect() };
}

test('paused past its 1 s timeout, then resumed: the invocation succeeds with its time left', async () => {
  const pauses = new WorkerPauses();
  const { fn } = fixtureFunction('actions', { timeout: 1, pauses });
  await fn.prewarm(1);
  const debug = await attachDebugger('fixture-actions');
  try {
    // Pauses at the next line of JavaScript the thread runs: the invocation's.
    debug.send('Debugger.pause');
    const outcome = fn.invoke({ action: 'context' });
    await until('the pause', () => debug.events.includes('Debugger.paused'));
    const pausedAt = performance.now();
    // Time passing while paused is what is tested: past the 1 s timeout, and then some.
    await until('the pause to outlast the timeout', () => performance.now() - pausedAt > 1500, 5000);
    debug.send('Debugger.resume');
    const answered = await outcome;
    assert.ok(answered.ok, JSON.stringify(answered));
    const { remaining } = (answered as { result: { remaining: number } }).result;
    // The deadline moved by the pause: most of the second is still there.
    assert.ok(remaining > 500 && remaining <= 1000, `remaining ${remaining} ms`);
  } finally {
    debug.close();
    await fn.stop();
    pauses.close();
  }
});

test('with a debugger attached but no pause, a function that spins still times out', async () => {
  const pauses = new WorkerPauses();
  const { fn } = fixtureFunction('actions', { timeout: 1, pauses });
  await fn.prewarm(1);
  const debug = await attachDebugger('fixture-actions');
  try {
    const outcome = await fn.invoke({ action: 'spin' }, { requestId: 'spin-1' });
    assert.equal(outcome, {
      ok: false,
      error: {
        errorType: 'Sandbox.Timedout',
        errorMessage: 'RequestId: spin-1 Error: Task timed out after 1.00 seconds',
      },
    });
    assert.equal(debug.events, []);
  } finally {
    debug.close();
    await fn.stop();
    pauses.close();
  }
});

test.run();
