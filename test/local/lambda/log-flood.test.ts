// #15.11: a function's log cannot starve the runtime: a flood of writes slows the writer, not the
// runtime's loop, and a line longer than a CloudWatch Logs event is split at its size.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fixtureFunction, using } from '../../helpers/lambda/fixtures.js';

/** CloudWatch Logs' largest event: 256 KiB, 26 bytes of which are overhead. */
const EVENT_BYTES = 256 * 1024 - 26;
const MiB = 1024 * 1024;
/** Eight times the 1 MiB the writer may run ahead of its reader. */
const FLOOD_MIB = 8;
/** What the test's log sink costs per line: a slow reader, so that the writer must wait for it. */
const SINK_MS = 0.2;

const cases = [
  { how: 'a raw write', console: false, char: 'x' },
  { how: 'console.log', console: true, char: 'x' },
  { how: 'a raw write of 2-byte characters', console: false, char: 'é' },
];

for (const { how, console, char } of cases) {
  test(`#15.11: a 1 MiB line (${how}) becomes ceil(bytes / 262,118) events, none cut inside a character`, async () => {
    // Prepare
    const { fn, records } = fixtureFunction('actions');
    await using(fn, async () => {
      const size = MiB / Buffer.byteLength(char);

      // Act: before, the whole line was one event.
      await fn.invoke({ action: 'line', size, char, console }, { requestId: 'req-line' });

      // Assess
      const lines = records.filter(
        (r) =>
          r.requestId === 'req-line' && (r.message.startsWith(char) || r.message.includes(`\tINFO\t${char}`)),
      );
      const messages = lines.map((r) => r.message);
      const joined = messages.join('');
      const text = console ? joined.replace(/^.*?\tINFO\t/, '') : joined;
      assert.is(lines.length, Math.ceil(Buffer.byteLength(joined) / EVENT_BYTES));
      assert.ok(messages.every((m) => Buffer.byteLength(m) <= EVENT_BYTES));
      assert.is(text, char.repeat(size));
    });
  });
}

test(`#15.11: ${FLOOD_MIB} MiB of stdout does not hold the runtime loop; every line arrives`, async () => {
  // Prepare
  let lines = 0;
  let report = '';
  const { fn } = fixtureFunction('actions', {
    timeout: 120,
    onLog: (record) => {
      const until = performance.now() + SINK_MS;
      while (performance.now() < until);
      if (record.message.startsWith('f')) lines++;
      else if (record.message.startsWith('REPORT')) report = record.message;
    },
  });
  await using(fn, async () => {
    const lag = monitorEventLoopDelay({ resolution: 10 });

    // Act
    lag.enable();
    const outcome = await fn.invoke({ action: 'flood', mb: FLOOD_MIB });
    lag.disable();

    // Assess: the writer waited for the reader: it cannot end before all but the last MiB of
    // lines were read (before the change it ended in a fraction of that, its lines all queued).
    assert.equal(outcome, { ok: true, result: { written: FLOOD_MIB } });
    assert.is(lines, FLOOD_MIB * 1024);
    const durationMs = Number(/\tDuration: ([\d.]+) ms/.exec(report)?.[1]);
    const readMs = (FLOOD_MIB - 1) * 1024 * SINK_MS;
    assert.ok(
      durationMs >= readMs,
      `the handler ended after ${durationMs} ms, before ${readMs} ms of reading`,
    );
    // The loop's worst delay, reported; bounded loosely (a batch is at most 1 MiB of lines).
    const worstMs = lag.max / 1e6;
    process.stdout.write(`    worst loop delay while flooding: ${worstMs.toFixed(0)} ms\n`);
    assert.ok(worstMs < 2000, `the loop stalled ${worstMs.toFixed(0)} ms`);
  });
});

test.run();
