// #15.10: a handler's signal to its own process (the runtime's, here), its parent, its group, or
// an abort, ends only its own environment, as the sandbox dies in Lambda: Runtime.ExitError.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixtureFunction, messagesOf, using } from '../../helpers/lambda/fixtures.js';

const ended = [
  { target: 'pid', signal: 'SIGKILL', via: 'kill', detail: 'signal: killed' },
  { target: 'pid', signal: 'SIGTERM', via: 'kill', detail: 'signal: terminated' },
  { target: 'pid', signal: 'SIGINT', via: 'kill', detail: 'signal: interrupt' },
  { target: 'pid', signal: 9, via: '_kill', detail: 'signal: killed' },
  { target: 'ppid', signal: 'SIGTERM', via: 'kill', detail: 'signal: terminated' },
  { target: 'zero', signal: 'SIGHUP', via: 'kill', detail: 'signal: hangup' },
  { target: 'group', signal: 'SIGKILL', via: 'kill', detail: 'signal: killed' },
  { target: 'pid', signal: undefined, via: 'abort', detail: 'signal: aborted' },
];

for (const { target, signal, via, detail } of ended) {
  test(`#15.10: ${via}(${target}, ${signal ?? ''}) ends only the environment: ${detail}`, async () => {
    // Prepare
    const { fn, records } = fixtureFunction('actions');
    await using(fn, async () => {
      await fn.invoke({});

      // Act: before, the runtime's own process took the signal (and died of it).
      const outcome = await fn.invoke({ action: 'signal', target, signal, via }, { requestId: 'req-sig' });
      const next = await fn.invoke({});

      // Assess
      assert.equal(outcome, {
        ok: false,
        error: {
          errorType: 'Runtime.ExitError',
          errorMessage: `RequestId: req-sig Error: Runtime exited with error: ${detail}`,
        },
      });
      assert.equal(messagesOf(records, 'req-sig').slice(1, 2), [
        `RequestId: <id> Error: Runtime exited with error: ${detail}\nRuntime.ExitError`,
      ]);
      assert.equal(next.ok && (next.result as { invocations: number }).invocations, 1);
      assert.is(fn.stats().coldStarts, 2);
    });
  });
}

test('#15.10: signal 0 (a check) and a signal ignored by default leave the environment running', async () => {
  const { fn } = fixtureFunction('actions');
  await using(fn, async () => {
    for (const signal of [0, 'SIGCHLD', 'SIGWINCH'])
      assert.equal(await fn.invoke({ action: 'signal', target: 'pid', signal }), {
        ok: true,
        result: { alive: true },
      });
    assert.is(fn.stats().coldStarts, 1);
  });
});

test('#15.10: an unknown signal is refused as Node.js refuses it, and the environment stays', async () => {
  const { fn } = fixtureFunction('actions');
  await using(fn, async () => {
    const outcome = await fn.invoke({ action: 'signal', target: 'pid', signal: 'SIGNOPE' });
    assert.equal(!outcome.ok && { ...outcome.error, trace: undefined }, {
      errorType: 'TypeError',
      errorMessage: 'Unknown signal: SIGNOPE',
      trace: undefined,
    });
    assert.is(fn.stats().coldStarts, 1);
  });
});

test.run();
