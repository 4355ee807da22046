// What a handler writes (console, process.stdout, fs.writeSync on fd 1 as pino does) is captured
// per invocation, between START and END, and handed to the sink as whole records.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixtureFunction, messagesOf, using } from '../../helpers/lambda/fixtures.js';

test('console lines in the text format, raw writes line by line, all between START and END', async () => {
  const { fn, records } = fixtureFunction('actions', { functionName: 'logger' });
  await using(fn, async () => {
    await fn.invoke({ action: 'log' }, { requestId: 'req-log' });
    assert.equal(messagesOf(records, 'req-log'), [
      'START RequestId: <id> Version: $LATEST',
      '<time>\t<id>\tINFO\thello { n: 1 }',
      '<time>\t<id>\tERROR\toops',
      'raw one',
      'raw two',
      '{"level":30,"msg":"pino-style"}',
      'END RequestId: <id>',
      'REPORT RequestId: <id>\tDuration: <n> ms\tBilled Duration: <n> ms\tMemory Size: 128 MB\tMax Memory Used: <n> MB\tInit Duration: <n> ms',
    ]);
  });
});

test('a record names the function, its log group and stream, the request and the time', async () => {
  const { fn, records } = fixtureFunction('actions', { functionName: 'logger', logGroup: '/ferry/logger' });
  await using(fn, async () => {
    const before = Date.now();
    await fn.invoke({ action: 'log' }, { requestId: 'req-rec' });
    const raw = records.find((r) => r.message === 'raw one')!;
    assert.ok(raw.timestamp >= before && raw.timestamp <= Date.now());
    assert.equal(raw, {
      logGroup: '/ferry/logger',
      logStream: records[0]!.logStream,
      timestamp: raw.timestamp,
      message: 'raw one',
      functionName: 'logger',
      requestId: 'req-rec',
    });
  });
});

test.run();
