// Cold start, then warm reuse with module state kept; the START/END/REPORT lines of each.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixtureFunction, messagesOf, using } from '../../helpers/lambda/fixtures.js';

test('the first invocation is cold, the next ones reuse the environment and its module state', async () => {
  // Prepare
  const { fn, records } = fixtureFunction('actions');
  await using(fn, async () => {
    // Act
    const first = await fn.invoke({}, { requestId: 'req-1' });
    const second = await fn.invoke({}, { requestId: 'req-2' });

    // Assess
    assert.ok(first.ok && second.ok);
    const a = first.result as { invocations: number; loadedAt: number };
    const b = second.result as { invocations: number; loadedAt: number };
    assert.equal([a.invocations, b.invocations], [1, 2]);
    assert.is(b.loadedAt, a.loadedAt);
    assert.equal(fn.stats(), {
      environments: 1,
      busy: 0,
      idle: 1,
      invocations: 2,
      coldStarts: 1,
      errors: 0,
      throttles: 0,
    });
    assert.equal(messagesOf(records, 'req-1'), [
      'START RequestId: <id> Version: $LATEST',
      'END RequestId: <id>',
      'REPORT RequestId: <id>\tDuration: <n> ms\tBilled Duration: <n> ms\tMemory Size: 128 MB\tMax Memory Used: <n> MB\tInit Duration: <n> ms',
    ]);
    assert.equal(messagesOf(records, 'req-2'), [
      'START RequestId: <id> Version: $LATEST',
      'END RequestId: <id>',
      'REPORT RequestId: <id>\tDuration: <n> ms\tBilled Duration: <n> ms\tMemory Size: 128 MB\tMax Memory Used: <n> MB',
    ]);
  });
});

test("init's log lines come before START and carry no request id", async () => {
  const { fn, records } = fixtureFunction('actions', { functionName: 'init-logs' });
  await using(fn, async () => {
    await fn.invoke({}, { requestId: 'req-init' });
    const [init, start] = records;
    assert.equal(
      { ...init, timestamp: 0, logStream: '' },
      {
        logGroup: '/aws/lambda/init-logs',
        logStream: '',
        timestamp: 0,
        message: `${new Date(init!.timestamp).toISOString()}\tundefined\tINFO\tinit init-logs`,
        functionName: 'init-logs',
        requestId: undefined,
      },
    );
    assert.is(start?.message, 'START RequestId: req-init Version: $LATEST');
  });
});

test('REPORT figures: billed duration is the duration rounded up to 1 ms, memory size as configured', async () => {
  const { fn, records } = fixtureFunction('actions', { memorySize: 512 });
  await using(fn, async () => {
    await fn.invoke({ action: 'wait', ms: 20 }, { requestId: 'req-report' });
    const report = records.find((r) => r.message.startsWith('REPORT'))!.message;
    const figures = Object.fromEntries(
      report
        .split('\t')
        .slice(1)
        .map((field) => field.split(': ') as [string, string]),
    );
    const duration = parseFloat(figures['Duration']!);
    assert.ok(duration >= 19, `duration ${duration}`);
    assert.is(figures['Billed Duration'], `${Math.ceil(duration)} ms`);
    assert.is(figures['Memory Size'], '512 MB');
    assert.match(figures['Max Memory Used']!, /^\d+ MB$/);
    assert.match(figures['Init Duration']!, /^\d+\.\d\d ms$/);
  });
});

test('prewarm runs init ahead of the first invocation', async () => {
  const { fn } = fixtureFunction('actions');
  await using(fn, async () => {
    await fn.prewarm(2);
    assert.equal([fn.stats().environments, fn.stats().idle], [2, 2]);
    const outcome = await fn.invoke({});
    assert.equal(outcome.ok && (outcome.result as { invocations: number }).invocations, 1);
    assert.is(fn.stats().environments, 2);
  });
});

test.run();
