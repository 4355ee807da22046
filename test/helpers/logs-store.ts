import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function logsTempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'ferry-logs-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Events at the given timestamps, each message naming its timestamp. */
export function eventsAt(...timestamps: number[]): { timestamp: number; message: string }[] {
  return timestamps.map((timestamp) => ({ timestamp, message: `event at ${timestamp}` }));
}
