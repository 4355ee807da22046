import { resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Console, parseUpFlags } from '../../../local/cli/up.js';

test('defaults: the template, the three ports, a durable store in .ferry/', () => {
  assert.equal(parseUpFlags([]), {
    templatePath: resolve('cloudformation/template.yaml'),
    host: '127.0.0.1',
    apiPort: 3000,
    sqsPort: 9324,
    consolePort: 9325,
    dataDir: resolve('.ferry'),
  });
});

test('every flag, with --parameter-overrides taking the words up to the next flag', () => {
  assert.equal(
    parseUpFlags([
      '--template',
      't.yaml',
      '--parameter-overrides',
      'A=1',
      'B=x=y',
      '--host',
      '0.0.0.0',
      '--api-port',
      '0',
      '--sqs-port',
      '0',
      '--console-port',
      '0',
      '--memory',
      '--concurrency',
      '4',
      '--parameter-overrides',
      'C=',
    ]),
    {
      templatePath: resolve('t.yaml'),
      host: '0.0.0.0',
      apiPort: 0,
      sqsPort: 0,
      consolePort: 0,
      memory: true,
      functionConcurrency: 4,
      parameterOverrides: ['A=1', 'B=x=y', 'C='],
    },
  );
});

test('mistakes are named', () => {
  assert.is(
    parseUpFlags(['--api-port', '70000']),
    "--api-port must be an integer from 0 to 65535, got '70000'",
  );
  assert.is(parseUpFlags(['--sqs-port', 'x']), "--sqs-port must be an integer from 0 to 65535, got 'x'");
  assert.is(parseUpFlags(['--concurrency', '0']), "--concurrency must be a positive integer, got '0'");
  assert.is(parseUpFlags(['--memory', '--data', 'd']), '--data and --memory cannot be used together');
  assert.is(
    parseUpFlags(['--parameter-overrides', 'Oops']),
    "--parameter-overrides: 'Oops' is not Key=Value",
  );
  assert.match(String(parseUpFlags(['--colour'])), /Unknown option '--colour'/);
  assert.equal(parseUpFlags(['-h']), { help: true });
});

test('on a terminal the status line stays under the log lines, redrawn in place', () => {
  const written: string[] = [];
  const out = new Console((text) => written.push(text), true);
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
  const out = new Console((text) => written.push(text), false);
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
  const out = new Console((text) => written.push(text), false, true);
  out.line('alarm A: INSUFFICIENT_DATA -> OK');
  out.flush();
  assert.equal(written, []);
  out.ready('ferry up: ready');
  assert.equal(written, ['ferry up: ready\nalarm A: INSUFFICIENT_DATA -> OK\n']);
});

test.run();
