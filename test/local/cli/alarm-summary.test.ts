import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AlarmLines } from '../../../local/cli/alarm-summary.js';
import { TerminalOutput } from '../../../local/cli/terminal.js';
import { until } from '../../helpers/time/until.js';

const change = (alarmName: string, newState: string, oldState = 'INSUFFICIENT_DATA', reason = 'r') => ({
  alarmName,
  oldState,
  newState,
  reason,
});

/** An AlarmLines printing through a held TerminalOutput, as `ferry up` wires them. */
function wired(color = false) {
  const written: string[] = [];
  const out = new TerminalOutput((text) => written.push(text), false, true);
  const alarms = new AlarmLines((line) => out.line(line), color);
  return { written, out, alarms };
}

test('the first evaluation of every alarm becomes one line under the ready text', async () => {
  const { written, out, alarms } = wired();
  for (const name of ['A', 'B', 'C', 'D', 'E', 'F']) alarms.change(change(name, 'OK'));
  out.ready('ready');
  assert.equal(written, ['ready\n']);
  await until('the second write', () => written.length === 2);
  assert.equal(written, ['ready\n', 'alarms: 6 OK\n']);
});

test('an alarm that starts in ALARM is named with its reason; later changes get a line each', async () => {
  const { written, out, alarms } = wired();
  out.ready();
  alarms.change(change('ferry-ConsumerErrorsAlarm', 'OK'));
  alarms.change(
    change('ferry-DlqMessagesVisibleAlarm', 'ALARM', 'INSUFFICIENT_DATA', '1 datapoint [2.0] > 0.0'),
  );
  alarms.change(change('ferry-Api5xxAlarm', 'OK'));
  await until('the summary', () => written.length === 1);
  alarms.change(change('ferry-Api5xxAlarm', 'ALARM', 'OK', 'Threshold Crossed'));
  // A template change re-created this one: it starts again, but the start-up summary is done.
  alarms.change(change('ferry-NewAlarm', 'OK'));
  await until('the second write', () => written.length === 2);
  assert.equal(written, [
    'alarms: 2 OK, 1 ALARM (ferry-DlqMessagesVisibleAlarm: 1 datapoint [2.0] > 0.0)\n',
    [
      'alarm ferry-Api5xxAlarm: OK -> ALARM: Threshold Crossed',
      'alarm ferry-NewAlarm: INSUFFICIENT_DATA -> OK: r',
      '',
    ].join('\n'),
  ]);
});

test('a change in the same turn as the first pass but not from INSUFFICIENT_DATA closes the summary first', () => {
  const lines: string[] = [];
  const alarms = new AlarmLines((line) => lines.push(line), true);
  alarms.change(change('A', 'ALARM'));
  alarms.change(change('A', 'OK', 'ALARM', 'back'));
  assert.equal(lines, ['\u001b[31malarms: 1 ALARM (A: r)\u001b[39m', 'alarm A: ALARM -> OK: back']);
});

test.run();
