import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TerminalOutput } from '../../../local/cli/terminal.js';

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

test.run();
