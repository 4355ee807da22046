// invokeOnce in this process (worker threads, in-process servers): the fixture template's Worker
// run once, standalone and against a runtime that serves the template, and the missing function.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LogRecord } from '../../../local/lambda/index.js';
import { invokeOnce, InvokeError } from '../../../local/runtime/index.js';
import { freePort } from '../../helpers/infra/moto.js';
import { FIXTURE_TEMPLATE, startTestRuntime } from '../../helpers/runtime/runtime.js';

const event = { body: 'hello' };

test('standalone: the function runs once, its lines and result as ferry up gives them', async () => {
  // Prepare: nobody serves this port.
  const logs: LogRecord[] = [];
  const ports = { sqs: await freePort() };
  // Act
  const result = await invokeOnce({
    templatePath: FIXTURE_TEMPLATE,
    ports,
    function: 'Worker',
    event,
    onLog: (r) => logs.push(r),
  });
  // Assess
  assert.equal(
    { ...result, against: { ...result.against, endpoint: '<endpoint>' } },
    {
      functionName: 'worker',
      outcome: { ok: true, result: { statusCode: 200, body: '{"invocations":1}' } },
      against: { kind: 'standalone', endpoint: '<endpoint>' },
      queued: {},
    },
  );
  assert.equal(
    logs.map((r) => [r.logGroup, /\b(START|EVENT|DONE|END|REPORT)\b/.exec(r.message)?.[1]]),
    [
      ['/aws/lambda/worker', 'START'],
      ['/aws/lambda/worker', `EVENT`],
      ['/aws/lambda/worker', 'DONE'],
      ['/aws/lambda/worker', 'END'],
      ['/aws/lambda/worker', 'REPORT'],
    ],
  );
  assert.ok(logs[1]!.message.endsWith(`EVENT ${JSON.stringify(event)}`), logs[1]!.message);
  assert.match(logs[4]!.message, /Memory Size: 128 MB/);
});

test('against a runtime that serves the stack: its endpoint', async () => {
  const t = await startTestRuntime(FIXTURE_TEMPLATE);
  try {
    const port = Number(new URL(t.runtime.endpoints.sqs).port);
    const result = await invokeOnce({
      templatePath: FIXTURE_TEMPLATE,
      ports: { sqs: port },
      function: 'worker',
      event,
      onLog: () => undefined,
    });
    assert.equal(result.against, { kind: 'running', endpoint: t.runtime.endpoints.sqs });
    assert.is(result.queued, undefined);
    assert.equal(result.logProblems, []);
  } finally {
    await t.stop();
  }
});

test('the template’s Timeout ends an invocation that runs past it, as Lambda does', async () => {
  const ports = { sqs: await freePort() };
  const result = await invokeOnce({
    templatePath: FIXTURE_TEMPLATE,
    ports,
    function: 'Worker',
    event: { body: 'sleep 3000' },
    onLog: () => undefined,
  });
  const error = result.outcome.ok ? undefined : result.outcome.error;
  assert.equal(
    { ...error, errorMessage: error?.errorMessage.replace(/^RequestId: \S+ /, 'RequestId: <id> ') },
    {
      errorType: 'Sandbox.Timedout',
      errorMessage: 'RequestId: <id> Error: Task timed out after 1.00 seconds',
    },
  );
});

test('a function the template does not have names those it has', async () => {
  const ports = { sqs: await freePort() };
  try {
    await invokeOnce({
      templatePath: FIXTURE_TEMPLATE,
      ports,
      function: 'nope',
      event,
      onLog: () => undefined,
    });
    assert.unreachable('the template has no function nope');
  } catch (error) {
    assert.instance(error, InvokeError);
    assert.is((error as Error).message, 'the template has no function nope; its functions: Worker (worker)');
  }
});

test.run();
