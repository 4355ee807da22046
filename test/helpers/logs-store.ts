import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A clock the test moves by hand. */
export function manualClock(start = 1_700_000_000_000): { now: () => number; set(t: number): void } {
  let t = start;
  return { now: () => t, set: (value) => (t = value) };
}

export function logsTempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'ferry-logs-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Events at the given timestamps, each message naming its timestamp. */
export function eventsAt(...timestamps: number[]): { timestamp: number; message: string }[] {
  return timestamps.map((timestamp) => ({ timestamp, message: `event at ${timestamp}` }));
}
