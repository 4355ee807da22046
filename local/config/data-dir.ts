// Where the local stores keep their files. A durable store is a directory opened once per
// process: created, then locked (ferry.lock) before any part writes a file in it, and released
// after the last part closed. The parts take the opened DataDir, never a path of their own.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lockDataDir } from './lock.js';

export type StoreSpec = { kind: 'memory' } | { kind: 'durable'; dir: string };

export type DataDir =
  | { readonly kind: 'memory'; release(): void }
  | {
      readonly kind: 'durable';
      /** Absolute. */
      readonly dir: string;
      /** A file of the store: `logs.db`, `sqs.db`. */
      file(name: string): string;
      /** Gives the directory up (the lock file goes); once every store in it is closed. */
      release(): void;
    };

export function openDataDir(spec: StoreSpec): DataDir {
  if (spec.kind === 'memory') return { kind: 'memory', release: () => undefined };
  const dir = resolve(spec.dir);
  mkdirSync(dir, { recursive: true });
  const lock = lockDataDir(dir);
  return { kind: 'durable', dir, file: (name) => join(dir, name), release: () => lock.release() };
}

/** How a store is described to a user: "in memory", "durable in /path". */
export function describeStore(spec: StoreSpec): string {
  return spec.kind === 'memory' ? 'in memory' : `durable in ${resolve(spec.dir)}`;
}
