import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatLogLine, localTime, utcTime } from '../../../local/cli/log-line.js';
import type { LogRecord } from '../../../local/lambda/index.js';

// 2026-12-07T23:06:35.968Z
const AT = 1796684795968;
const REQUEST = '5e489ece-3a78-4472-97de-eb6f8bed0cf4';

function record(message: string, functionName = 'ferry-producer'): LogRecord {
  return {
    logGroup: `/aws/lambda/${functionName}`,
    logStream: 's',
    timestamp: AT,
    message,
    functionName,
    requestId: REQUEST,
  };
}

const plain = (message: string, name = 'producer') =>
  formatLogLine(record(message), { name, color: false, time: utcTime });
const colored = (message: string) =>
  formatLogLine(record(message), { name: 'consumer', color: true, time: utcTime });

// The lines as services/ writes them (pino + EMF), cut from a real `ferry up`.
const EMF =
  '"_aws":{"Timestamp":1796684795968,"CloudWatchMetrics":[{"Namespace":"Ferry","Dimensions":[["Service"]],"Metrics":[{"Name":"MessagesAccepted","Unit":"Count"}]}]},"Service":"ferry-producer","MessagesAccepted":1';
const ACCEPTED = `{"level":"info","time":"2026-12-07T23:06:35.968Z","service":"ferry-producer","awsRequestId":"${REQUEST}","correlationId":"b6159b70-8a9e-4286-8f41-793b31870a7b","messageId":"0f3a9c1e-1111-2222-3333-444455556666","type":"order.created","outcome":"accepted","bytes":231,${EMF},"msg":"message accepted"}`;
const REJECTED = `{"level":"warn","time":"2026-12-07T23:06:35.968Z","service":"ferry-producer","awsRequestId":"${REQUEST}","correlationId":"cc0a0bc7-2d50-43b5-8f47-e676e39465f1","messageId":null,"type":"nope","outcome":"rejected","reason":"invalid-envelope","status":422,"detail":"the envelope does not match schemas/envelope.schema.json","violations":[{"path":"/data","message":"is required"}],${EMF},"msg":"message rejected"}`;
const FAILED = `{"level":"warn","time":"2026-12-07T23:06:35.968Z","service":"ferry-consumer","correlationId":"b6159b70-8a9e","messageId":"9d8c7b6a-0000","receiveCount":2,"outcome":"failed","type":"order.created","reason":"transient","error":"connect ECONNREFUSED 127.0.0.1:1",${EMF},"msg":"message failed; left on the queue to retry"}`;
const DEAD = `{"level":"error","time":"2026-12-07T23:06:35.968Z","service":"ferry-consumer","correlationId":"b6159b70-8a9e","messageId":"9d8c7b6a-0000","receiveCount":1,"outcome":"dead-lettered","type":null,"failureReason":"poison-message",${EMF},"msg":"message sent to the dead-letter queue"}`;

test('a pino outcome line: time, function, level, short correlation id, message, the fields that matter; no EMF', () => {
  assert.is(
    plain(ACCEPTED),
    '23:06:35.968 producer INFO  b6159b70 message accepted  outcome=accepted type=order.created messageId=0f3a9c1e',
  );
  assert.is(
    plain(REJECTED),
    '23:06:35.968 producer WARN  cc0a0bc7 message rejected  outcome=rejected type=nope reason=invalid-envelope status=422',
  );
  assert.is(
    plain(FAILED, 'consumer'),
    '23:06:35.968 consumer WARN  b6159b70 message failed; left on the queue to retry  outcome=failed type=order.created messageId=9d8c7b6a reason=transient error="connect ECONNREFUSED 127.0.0.1:1" receiveCount=2',
  );
  assert.is(
    plain(DEAD, 'consumer'),
    '23:06:35.968 consumer ERROR b6159b70 message sent to the dead-letter queue  outcome=dead-lettered messageId=9d8c7b6a reason=poison-message',
  );
});

test('colour: red for errors, failed and dead-lettered outcomes; yellow for warnings; none for info', () => {
  assert.is(
    colored(DEAD),
    '\u001b[31m23:06:35.968 consumer ERROR b6159b70 message sent to the dead-letter queue  outcome=dead-lettered messageId=9d8c7b6a reason=poison-message\u001b[39m',
  );
  assert.ok(colored(FAILED)!.startsWith('\u001b[31m23:06:35.968 consumer WARN '));
  assert.ok(colored(REJECTED)!.startsWith('\u001b[33m23:06:35.968 consumer WARN '));
  assert.is(colored(ACCEPTED)!.startsWith('23:06'), true);
});

test("Lambda's START and END lines are left out; REPORT is condensed, with the init duration of a cold start", () => {
  assert.is(plain(`START RequestId: ${REQUEST} Version: $LATEST`), undefined);
  assert.is(plain(`END RequestId: ${REQUEST}`), undefined);
  assert.is(
    plain(
      `REPORT RequestId: ${REQUEST}\tDuration: 4.76 ms\tBilled Duration: 5 ms\tMemory Size: 256 MB\tMax Memory Used: 15 MB\tInit Duration: 230.34 ms`,
    ),
    '23:06:35.968 producer                REPORT 4.76 ms (billed 5 ms) 15/256 MB init 230.34 ms',
  );
  assert.is(
    plain(
      `REPORT RequestId: ${REQUEST}\tDuration: 0.92 ms\tBilled Duration: 1 ms\tMemory Size: 256 MB\tMax Memory Used: 15 MB`,
    ),
    '23:06:35.968 producer                REPORT 0.92 ms (billed 1 ms) 15/256 MB',
  );
  assert.is(
    colored(
      `REPORT RequestId: ${REQUEST}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 256 MB\tMax Memory Used: 15 MB\tStatus: timeout`,
    ),
    '\u001b[31m23:06:35.968 consumer                REPORT 3000.00 ms (billed 3000 ms) 15/256 MB status timeout\u001b[39m',
  );
});

test("a handler's console.log text keeps its text under the same prefix; an invoke error is shortened", () => {
  assert.is(
    plain(`2026-12-07T23:06:35.968Z\t${REQUEST}\tINFO\thello { a: 1 }`),
    '23:06:35.968 producer INFO           hello { a: 1 }',
  );
  assert.is(
    plain(
      `2026-12-07T23:06:35.968Z\t${REQUEST}\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"x is not a function","stack":["TypeError: x"]}`,
    ),
    '23:06:35.968 producer ERROR          Invoke Error TypeError: x is not a function',
  );
  assert.is(
    plain('raw text from process.stdout'),
    '23:06:35.968 producer                raw text from process.stdout',
  );
  assert.is(plain('{not json'), '23:06:35.968 producer                {not json');
});

test('numeric pino levels and a `message` key are read too', () => {
  assert.is(
    plain('{"level":50,"message":"boom","correlationId":"12345678abc"}'),
    '23:06:35.968 producer ERROR 12345678 boom',
  );
});

test('times: HH:MM:SS.mmm, in UTC or the local time zone', () => {
  assert.is(utcTime(AT), '23:06:35.968');
  const d = new Date(AT);
  assert.is(
    localTime(AT),
    `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}:35.968`,
  );
});

test.run();
