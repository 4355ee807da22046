// Each way a handler can fail gives the error Lambda reports; a failure that ends the
// environment replaces it, and the pool keeps serving.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { InvokeOutcome } from '../../../local/lambda/index.js';
import { fixtureFunction, messagesOf, using } from '../../helpers/lambda/fixtures.js';

/** The outcome without the stack trace (whose frames name local paths). */
function withoutTrace(outcome: InvokeOutcome): InvokeOutcome {
  if (outcome.ok) return outcome;
  const { errorType, errorMessage } = outcome.error;
  return { ok: false, error: { errorType, errorMessage } };
}

const invocationsOf = (outcome: InvokeOutcome) =>
  outcome.ok ? (outcome.result as { invocations: number }).invocations : undefined;

test('a thrown Error: its name and message, the trace, and the environment stays warm', async () => {
  const { fn, records } = fixtureFunction('actions');
  await using(fn, async () => {
    const outcome = await fn.invoke({ action: 'throw' }, { requestId: 'req-throw' });
    assert.equal(withoutTrace(outcome), {
      ok: false,
      error: { errorType: 'TypeError', errorMessage: 'bad input' },
    });
    assert.is(!outcome.ok && outcome.error.trace?.[0], 'TypeError: bad input');
    const [, error] = messagesOf(records, 'req-throw');
    assert.match(
      error!,
      /^<time>\t<id>\tERROR\tInvoke Error \t\{"errorType":"TypeError","errorMessage":"bad input","stack":\[/,
    );
    assert.is(invocationsOf(await fn.invoke({})), 2);
  });
});

test('a rejected promise and a thrown string, as the Node.js runtime reports them', async () => {
  const { fn } = fixtureFunction('actions');
  await using(fn, async () => {
    assert.equal(withoutTrace(await fn.invoke({ action: 'reject' })), {
      ok: false,
      error: { errorType: 'RangeError', errorMessage: 'out of range' },
    });
    assert.equal(await fn.invoke({ action: 'throw-string' }), {
      ok: false,
      error: { errorType: 'string', errorMessage: 'plain string', trace: [] },
    });
    assert.is(fn.stats().coldStarts, 1);
  });
});

test('process.exit: Runtime.ExitError with the exit status, then a new (cold) environment', async () => {
  const { fn, records } = fixtureFunction('actions');
  await using(fn, async () => {
    await fn.invoke({});
    const outcome = await fn.invoke({ action: 'exit', code: 3 }, { requestId: 'req-exit' });
    assert.equal(outcome, {
      ok: false,
      error: {
        errorType: 'Runtime.ExitError',
        errorMessage: 'RequestId: req-exit Error: Runtime exited with error: exit status 3',
      },
    });
    assert.equal(messagesOf(records, 'req-exit'), [
      'START RequestId: <id> Version: $LATEST',
      'RequestId: <id> Error: Runtime exited with error: exit status 3\nRuntime.ExitError',
      'END RequestId: <id>',
      'REPORT RequestId: <id>\tDuration: <n> ms\tBilled Duration: <n> ms\tMemory Size: 128 MB\tMax Memory Used: <n> MB\tStatus: error\tError Type: Runtime.ExitError',
    ]);
    assert.is(invocationsOf(await fn.invoke({})), 1);
    assert.is(fn.stats().coldStarts, 2);
  });
});

test('an exception escaping the handler (in a timer) fails the invocation and replaces the environment', async () => {
  const { fn } = fixtureFunction('actions');
  await using(fn, async () => {
    assert.equal(withoutTrace(await fn.invoke({ action: 'uncaught' })), {
      ok: false,
      error: { errorType: 'Error', errorMessage: 'escaped' },
    });
    assert.is(invocationsOf(await fn.invoke({})), 1);
  });
});

test('timeout: Sandbox.Timedout, the timed-out line, Status: timeout, and a fresh environment', async () => {
  const { fn, records } = fixtureFunction('actions', { timeout: 0.25 });
  await using(fn, async () => {
    const outcome = await fn.invoke({ action: 'hang' }, { requestId: 'req-slow' });
    assert.equal(outcome, {
      ok: false,
      error: {
        errorType: 'Sandbox.Timedout',
        errorMessage: 'RequestId: req-slow Error: Task timed out after 0.25 seconds',
      },
    });
    assert.equal(messagesOf(records, 'req-slow'), [
      'START RequestId: <id> Version: $LATEST',
      '<time> <id> Task timed out after 0.25 seconds',
      'END RequestId: <id>',
      'REPORT RequestId: <id>\tDuration: <n> ms\tBilled Duration: <n> ms\tMemory Size: 128 MB\tMax Memory Used: <n> MB\tInit Duration: <n> ms\tStatus: timeout',
    ]);
    assert.is(invocationsOf(await fn.invoke({})), 1);
    assert.equal([fn.stats().environments, fn.stats().errors], [1, 1]);
  });
});

test('timeout inside synchronous code: the lines written before it are kept, in order', async () => {
  const { fn, records } = fixtureFunction('actions', { timeout: 0.25 });
  await using(fn, async () => {
    const outcome = await fn.invoke({ action: 'spin' }, { requestId: 'req-spin' });
    assert.is(!outcome.ok && outcome.error.errorType, 'Sandbox.Timedout');
    assert.equal(messagesOf(records, 'req-spin').slice(0, 4), [
      'START RequestId: <id> Version: $LATEST',
      '<time>\t<id>\tINFO\tbefore the loop',
      'a raw write',
      '<time> <id> Task timed out after 0.25 seconds',
    ]);
  });
});

test('a response over 6291556 bytes fails the invocation as Lambda does; one at the limit goes through', async () => {
  const { fn, records } = fixtureFunction('actions');
  await using(fn, async () => {
    const atLimit = await fn.invoke({ action: 'big', size: 6291556 - 2 });
    assert.is(atLimit.ok && (atLimit.result as string).length, 6291554);
    const over = await fn.invoke({ action: 'big', size: 6291556 - 1 }, { requestId: 'req-big' });
    assert.equal(over, {
      ok: false,
      error: {
        errorType: 'Function.ResponseSizeTooLarge',
        errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
      },
    });
    assert.match(
      messagesOf(records, 'req-big')[1]!,
      'LAMBDA_RUNTIME Failed to post handler success response. Http response code: 413.',
    );
    // The environment stays: the next invocation is its third.
    assert.is(invocationsOf(await fn.invoke({})), 3);
  });
});

test('past its memory size: Runtime.OutOfMemory, all the memory used, and a fresh environment', async () => {
  const { fn, records } = fixtureFunction('actions', { memorySize: 128, timeout: 20 });
  await using(fn, async () => {
    const outcome = await fn.invoke({ action: 'hog' }, { requestId: 'req-oom' });
    assert.equal(outcome, {
      ok: false,
      error: {
        errorType: 'Runtime.OutOfMemory',
        errorMessage: 'RequestId: req-oom Error: Runtime exited with error: signal: killed',
      },
    });
    assert.equal(messagesOf(records, 'req-oom').slice(1), [
      'RequestId: <id> Error: Runtime exited with error: signal: killed\nRuntime.OutOfMemory',
      'END RequestId: <id>',
      'REPORT RequestId: <id>\tDuration: <n> ms\tBilled Duration: <n> ms\tMemory Size: 128 MB\tMax Memory Used: <n> MB\tInit Duration: <n> ms\tStatus: error\tError Type: Runtime.OutOfMemory',
    ]);
    assert.match(records.find((r) => r.message.startsWith('REPORT'))!.message, /Max Memory Used: 128 MB/);
    assert.is(invocationsOf(await fn.invoke({})), 1);
  });
});

test('failures under load: the pool keeps serving the others', async () => {
  const { fn } = fixtureFunction('actions', { maxConcurrency: 3, timeout: 0.5 });
  await using(fn, async () => {
    const events = Array.from({ length: 30 }, (_, i) => (i % 10 === 0 ? { action: 'exit' } : {}));
    const outcomes = await Promise.all(events.map((event) => fn.invoke(event)));
    assert.is(outcomes.filter((o) => o.ok).length, 27);
    assert.equal(
      outcomes.filter((o) => !o.ok).map((o) => !o.ok && o.error.errorType),
      ['Runtime.ExitError', 'Runtime.ExitError', 'Runtime.ExitError'],
    );
    assert.ok(fn.stats().environments <= 3);
  });
});

test('init failure: the error of the module, reported for the invocation; the next one retries init', async () => {
  const { fn } = fixtureFunction('broken');
  await using(fn, async () => {
    const expected = { ok: false, error: { errorType: 'Error', errorMessage: 'QUEUE_URL is not set' } };
    assert.equal(withoutTrace(await fn.invoke({})), expected);
    assert.equal(withoutTrace(await fn.invoke({})), expected);
    assert.is(fn.stats().coldStarts, 2);
  });
});

test('a handler that is not exported: Runtime.HandlerNotFound', async () => {
  const { fn } = fixtureFunction('noexport');
  await using(fn, async () => {
    assert.equal(withoutTrace(await fn.invoke({})), {
      ok: false,
      error: {
        errorType: 'Runtime.HandlerNotFound',
        errorMessage: 'index.handler is undefined or not exported',
      },
    });
  });
});

test.run();
