import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEngine } from '../../../../local/sqs/engine/index.js';
import { createTestClock } from '../../../helpers/time/clock.js';
import { unwrap } from '../../../helpers/sqs/engine.js';
import { durable } from '../../../helpers/config/data-dir.js';

let dataDir = '';
test.before(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'ferry-sqs-crash-'));
});
test.after(() => rmSync(dataDir, { recursive: true, force: true }));

test('kill -9 mid-load: every acknowledged send is kept, no acknowledged delete comes back', async () => {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('../../../helpers/sqs/crash-child.ts', import.meta.url)),
      dataDir,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const sent = new Set<string>();
  const deleted = new Set<string>();
  const deleting = new Set<string>();
  let buffered = '';
  try {
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code, signal) =>
        signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code}`)),
      );
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) {
          if (line.startsWith('sent ')) sent.add(line.slice(5));
          if (line.startsWith('deleting ')) deleting.add(line.slice(9));
          if (line.startsWith('deleted ')) deleted.add(line.slice(8));
        }
        if (sent.size >= 3_000 && child.exitCode === null && !child.killed) child.kill('SIGKILL');
      });
    });
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  // Two hours on, the one message the child had in flight is visible again.
  const engine = await createEngine({
    data: durable(dataDir),
    clock: createTestClock(Date.now() + 7_200_000),
  });
  const remaining = new Set<string>();
  for (;;) {
    const batch = unwrap(
      await engine.receiveMessage('load', { maxNumberOfMessages: 10, visibilityTimeout: 3600 }),
    );
    if (batch.length === 0) break;
    for (const m of batch) remaining.add(m.messageId);
  }
  await engine.close();
  // A delete that was under way when the process died may or may not have landed.
  const lost = [...sent].filter((id) => !deleting.has(id) && !remaining.has(id));
  const resurrected = [...deleted].filter((id) => remaining.has(id));
  assert.equal({ lost, resurrected }, { lost: [], resurrected: [] });
  assert.ok(sent.size >= 3_000 && deleted.size > 0);
});

test.run();
