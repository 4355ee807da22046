// One process per data directory. Two processes on one store would each keep their own picture of
// the queues in memory and overwrite each other's rows: a message one of them acknowledged could be
// gone after a restart. The lock is a file naming its holder (pid and, on Linux, the process's
// start time, so a reused pid is not taken for the holder). A holder that died without releasing
// it (kill -9) leaves a stale file, which the next process replaces. Within one process the lock is
// shared, counted, and released by the last holder.
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from './errors.js';

export const LOCK_FILE = 'ferry.lock';

export interface DataDirLock {
  release(): void;
}

/** Another live process holds the directory. */
export function dataDirInUse(dir: string, pid: number): ConfigError {
  return new ConfigError(
    'DataDirInUse',
    `${dir} is in use by another process (pid ${pid}); one ferry up or ferry sqs per data directory. ` +
      `Stop that process, or give this one another --data (or --memory).`,
  );
}

const held = new Map<string, number>();

/** The start time of a process in clock ticks since boot (/proc/<pid>/stat field 22), or '' without /proc. */
function startTime(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

function alive(pid: number, started: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = startTime(pid);
  return started === '' || now === '' || now === started;
}

function holder(path: string): { pid: number; started: string } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const [pid, started = ''] = text.trim().split(' ');
  return { pid: Number(pid), started };
}

/** Takes the data directory (which must exist) for this process; throws DataDirInUseError if another has it. */
export function lockDataDir(dir: string): DataDirLock {
  const path = resolve(join(dir, LOCK_FILE));
  const count = held.get(path) ?? 0;
  if (count === 0) acquire(dir, path);
  held.set(path, count + 1);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      const left = (held.get(path) ?? 1) - 1;
      if (left > 0) return void held.set(path, left);
      held.delete(path);
      if (holder(path)?.pid === process.pid) unlinkSync(path);
    },
  };
}

function acquire(dir: string, path: string): void {
  const me = `${process.pid} ${startTime(process.pid)}`.trim();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, `${me}\n`, { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const other = holder(path);
    if (other === undefined) continue; // released meanwhile
    // A file naming this process is one it left behind (a store not closed); a valid pid that is
    // alive, with the start time it recorded, is another process holding the directory.
    if (
      other.pid !== process.pid &&
      Number.isInteger(other.pid) &&
      other.pid > 0 &&
      alive(other.pid, other.started)
    )
      throw dataDirInUse(dir, other.pid);
    try {
      unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new ConfigError(
    'DataDirLocked',
    `${dir}: could not take ${LOCK_FILE} (other processes kept taking it)`,
  );
}
