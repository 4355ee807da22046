import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataDir, type DataDir } from '../../../local/config/index.js';

/** The data directory `dir`, opened (created and locked) as ferry up and ferry sqs open theirs. */
export function durable(dir: string): DataDir {
  return openDataDir({ kind: 'durable', dir });
}

/** A fresh directory under the system's temp directory, and the way to remove it. */
export function tempDir(prefix = 'ferry-sqs-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
