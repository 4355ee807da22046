import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, openDataDir } from '../../../local/config/index.js';
import { LOCK_FILE, lockDataDir } from '../../../local/config/lock.js';

// The data directory's lock within this process (another process holding it, or one that died:
// lock.integration.test.ts).

const tempDir = () => mkdtempSync(join(tmpdir(), 'ferry-lock-'));

test('a live holder with its own start time keeps the directory', () => {
  const dir = tempDir();
  const started = readFileSync(`/proc/${process.ppid}/stat`, 'utf8').split(') ')[1]!.split(' ')[19];
  writeFileSync(join(dir, LOCK_FILE), `${process.ppid} ${started}\n`);
  assert.throws(
    () => lockDataDir(dir),
    (error: unknown) =>
      error instanceof ConfigError &&
      error.code === 'DataDirInUse' &&
      error.message.includes(`(pid ${process.ppid})`),
  );
});

test('within one process the lock is shared and the last release removes it', async () => {
  const dir = tempDir();
  const first = openDataDir({ kind: 'durable', dir });
  const second = openDataDir({ kind: 'durable', dir });
  first.release();
  assert.ok(existsSync(join(dir, LOCK_FILE)));
  second.release();
  assert.not.ok(existsSync(join(dir, LOCK_FILE)));
});

test.run();
