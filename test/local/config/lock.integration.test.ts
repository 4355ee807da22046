import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openDataDir } from '../../../local/config/index.js';
import { LOCK_FILE, lockDataDir } from '../../../local/config/lock.js';

// The data directory's lock across processes: `ferry sqs` and `ferry up` refuse a held one, and a
// lock left by a process that died is taken over.

const FERRY = 'local/bin/ferry.js';
const tempDir = () => mkdtempSync(join(tmpdir(), 'ferry-lock-'));

function run(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [FERRY, ...args], { timeout: 20_000 }, (error, _stdout, stderr) =>
      resolve({ code: error === null ? 0 : Number(error.code), stderr }),
    );
  });
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

test('ferry sqs refuses a data directory that another process holds, and names it', async () => {
  const dir = tempDir();
  const lock = lockDataDir(dir);
  try {
    const r = await run(['sqs', '--port', '0', '--data', dir]);
    assert.is(r.code, 1);
    assert.match(
      r.stderr,
      `ferry sqs: cannot start: ${dir} is in use by another process (pid ${process.pid})`,
    );
    assert.match(r.stderr, 'another --data (or --memory)');
  } finally {
    lock.release();
  }
  assert.not.ok(existsSync(join(dir, LOCK_FILE)));
});

test('ferry up refuses it too, before serving anything', async () => {
  const dir = tempDir();
  const lock = lockDataDir(dir);
  try {
    const r = await run(['up', '--api-port', '0', '--sqs-port', '0', '--console-port', '0', '--data', dir]);
    assert.is(r.code, 1);
    assert.match(
      r.stderr,
      `ferry up: cannot start: ${dir} is in use by another process (pid ${process.pid})`,
    );
  } finally {
    lock.release();
  }
});

test('a lock left by a dead process, or by a reused pid, is taken over', async () => {
  const dir = tempDir();
  const file = join(dir, LOCK_FILE);
  writeFileSync(file, `${deadPid()} 12345\n`);
  const data = openDataDir({ kind: 'durable', dir });
  assert.is(readFileSync(file, 'utf8').split(' ')[0], String(process.pid));
  data.release();
  assert.not.ok(existsSync(file));
  // The parent process is alive, but not since the start time the file records: its pid was reused.
  writeFileSync(file, `${process.ppid} 1\n`);
  const again = openDataDir({ kind: 'durable', dir });
  assert.is(readFileSync(file, 'utf8').split(' ')[0], String(process.pid));
  again.release();
});

test.run();
