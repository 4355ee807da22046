import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTestClock } from '../../../helpers/time/clock.js';

test('advance fires due timers in time order, at their own time, including ones they schedule', () => {
  const clock = createTestClock(1_000);
  const fired: [string, number][] = [];
  clock.at(1_300, () => fired.push(['c', clock.now()]));
  clock.at(1_100, () => {
    fired.push(['a', clock.now()]);
    clock.at(1_200, () => fired.push(['nested', clock.now()]));
  });
  clock.at(1_100, () => fired.push(['b', clock.now()]));
  const cancel = clock.at(1_150, () => fired.push(['cancelled', clock.now()]));
  cancel();
  clock.advance(250);
  assert.equal(fired, [
    ['a', 1_100],
    ['b', 1_100],
    ['nested', 1_200],
  ]);
  assert.is(clock.now(), 1_250);
  assert.is(clock.pending, 1);
  clock.advance(50);
  assert.equal(fired.at(-1), ['c', 1_300]);
  assert.is(clock.pending, 0);
});

test('set moves to a time, firing the timers due by then, and never goes back', () => {
  const clock = createTestClock(1_000);
  const fired: number[] = [];
  clock.at(1_500, () => fired.push(clock.now()));
  clock.set(2_000);
  assert.equal({ fired, now: clock.now() }, { fired: [1_500], now: 2_000 });
  assert.throws(() => clock.set(1_999), /^the test clock does not go back: at 2000, asked for 1999$/);
  assert.is(clock.now(), 2_000);
});

test.run();
