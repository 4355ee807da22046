// Both lanes preload test/helpers/lanes/uvu-hooks.ts: without it, uvu 0.5.6 drops an error thrown
// in a suite's before hook and the run passes with none of the suite's tests run.
import { execFile } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

function uvu(preload: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        ...preload,
        'node_modules/uvu/bin.js',
        'test/fixtures/lanes',
        'before-hook-throws\\.mjs$',
        '--no-color',
      ],
      // The parent run sets FORCE_COLOR=1 for its own output; the child's is read as plain text.
      { env: { ...process.env, FORCE_COLOR: '0' } },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code), out: stdout + stderr }),
    );
  });
}

test('a before hook that throws fails the run and is printed', async () => {
  const plain = await uvu([]);
  assert.is(plain.code, 0, 'uvu alone passes it: what the preload is for');
  const lane = await uvu(['--import', 'tsx', '--import', './test/helpers/lanes/uvu-hooks.ts']);
  assert.is(lane.code, 1);
  assert.match(lane.out, 'FAIL  hooked  "(before hook)"');
  assert.match(lane.out, 'the server did not start');
});

test.run();
