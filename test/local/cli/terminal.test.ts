import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { utcTime } from '../../../local/cli/log-line.js';
import { TerminalOutput } from '../../../local/cli/terminal.js';
import type { LogRecord } from '../../../local/lambda/index.js';

const at = (functionName: string, message: string): LogRecord => ({
  functionName,
  message,
  logGroup: `/aws/lambda/${functionName}`,
  logStream: 's',
  timestamp: 1796684795968,
  requestId: 'r',
});

test('on a terminal the status line stays under the log lines, redrawn in place', () => {
  const written: string[] = [];
  const out = new TerminalOutput((text) => written.push(text), true);
  out.setStatus('accepted 1');
  out.flush();
  out.log({
    functionName: 'fn',
    message: 'hello',
    logGroup: 'g',
    logStream: 's',
    timestamp: 0,
    requestId: undefined,
  });
  out.log({
    functionName: 'fn',
    message: 'again',
    logGroup: 'g',
    logStream: 's',
    timestamp: 0,
    requestId: undefined,
  });
  out.flush();
  out.setStatus('accepted 2');
  out.flush();
  assert.equal(written, [
    '\r\u001b[2Kaccepted 1',
    '\r\u001b[2Kfn | hello\nfn | again\naccepted 1',
    '\r\u001b[2Kaccepted 2',
  ]);
});

test('off a terminal only the log lines are written, prefixed by function, several in one write', () => {
  const written: string[] = [];
  const out = new TerminalOutput((text) => written.push(text), false);
  out.setStatus('accepted 1');
  out.log({
    functionName: 'producer',
    message: 'a',
    logGroup: 'g',
    logStream: 's',
    timestamp: 0,
    requestId: 'r',
  });
  out.log({ functionName: 'c', message: 'b', logGroup: 'g', logStream: 's', timestamp: 0, requestId: 'r' });
  out.flush();
  out.flush();
  assert.equal(written, ['producer | a\nc        | b\n']);
});

test('lines logged while held wait under the ready text', () => {
  const written: string[] = [];
  const out = new TerminalOutput((text) => written.push(text), false, true);
  out.line('alarm A: INSUFFICIENT_DATA -> OK');
  out.flush();
  assert.equal(written, []);
  out.ready('ferry up: ready');
  assert.equal(written, ['ferry up: ready\nalarm A: INSUFFICIENT_DATA -> OK\n']);
});

test('pretty: held records are written at ready, named without the stack prefix, START and END left out', () => {
  const written: string[] = [];
  const out = new TerminalOutput((text) => written.push(text), false, true, {
    format: 'pretty',
    time: utcTime,
  });
  out.log(at('ferry-producer', 'START RequestId: r Version: $LATEST'));
  out.log(at('ferry-producer', '{"level":"info","correlationId":"abcdef0123","msg":"message accepted"}'));
  out.log(at('ferry-producer', 'END RequestId: r'));
  out.log(at('ferry-consumer', 'plain text'));
  out.log(at('other', 'x'));
  out.stackName('ferry');
  out.ready('ready');
  assert.equal(written, [
    [
      'ready',
      '23:06:35.968 producer INFO  abcdef01 message accepted',
      '23:06:35.968 consumer                plain text',
      '23:06:35.968 other                   x',
      '',
    ].join('\n'),
  ]);
});

test('json keeps the raw lines and full names, START and END included', () => {
  const written: string[] = [];
  const out = new TerminalOutput((text) => written.push(text), false, false, { format: 'json' });
  out.stackName('ferry');
  out.log(at('ferry-producer', 'START RequestId: r Version: $LATEST'));
  out.log(at('ferry-producer', '{"msg":"m","_aws":{}}'));
  out.flush();
  assert.equal(written, [
    'ferry-producer | START RequestId: r Version: $LATEST\nferry-producer | {"msg":"m","_aws":{}}\n',
  ]);
});

test.run();
