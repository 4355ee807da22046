// A function whose code changed on disk (watch mode rebuilt its bundle): the invocation under way
// finishes on the old code, the next one is a cold start on the new.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createFunction } from '../../../local/lambda/index.js';

/** A handler answering `version`, after `delay` ms when the event asks for it. */
const handler = (version: string) =>
  `export const handler = async (event) => {\n` +
  `  if (event.slow) await new Promise((resolve) => setTimeout(resolve, 300));\n` +
  `  return '${version}';\n};\n`;

test('refresh: a running invocation ends on the old code, the next cold-starts on the new', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-refresh-'));
  const file = join(dir, 'index.mjs');
  writeFileSync(file, handler('v1'));
  const fn = createFunction({
    functionName: 'refreshed',
    codeDir: dir,
    handlerFile: file,
    exportName: 'handler',
    handler: 'index.handler',
    maxConcurrency: 2,
  });
  try {
    await fn.prewarm(2);
    const warm = await fn.invoke({});
    const running = fn.invoke({ slow: true });
    const coldBefore = fn.stats().coldStarts;
    writeFileSync(file, handler('v2'));
    fn.refresh();
    const after = await fn.invoke({});
    const again = await fn.invoke({});
    assert.equal(
      [warm, await running, after, again].map((o) => (o.ok ? o.result : o.error.errorMessage)),
      ['v1', 'v1', 'v2', 'v2'],
    );
    // One cold start for the new code; the call after it reuses that environment.
    assert.is(fn.stats().coldStarts - coldBefore, 1);
  } finally {
    await fn.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
