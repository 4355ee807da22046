// createEngine: the queue engine, in memory or backed by SQLite in an opened data directory.

import { DEFAULTS } from '../../config/index.js';
import type { EngineOptions, QueueEngine } from './types.js';
import type { Store } from '../store/types.js';
import { systemClock } from './clock.js';
import { Engine } from './engine.js';
import { MoveTasks } from './move-tasks.js';
import { Registry } from './registry.js';
import { createMemoryStore } from '../store/memory.js';
import { restore } from './restore.js';

export type { QueueEngine, ReceivedMessage, Result, SendInput } from './types.js';

export async function createEngine(options: EngineOptions = {}): Promise<QueueEngine> {
  const clock = options.clock ?? systemClock;
  let store: Store;
  if (options.data?.kind === 'durable') {
    const { createSqliteStore } = await import('../store/sqlite.js');
    store = createSqliteStore(options.data, () => clock.now());
  } else {
    store = createMemoryStore();
  }
  const reg = new Registry(
    clock,
    store,
    options.region ?? DEFAULTS.region,
    options.accountId ?? DEFAULTS.accountId,
  );
  const loaded = store.load();
  restore(reg, loaded);
  const tasks = new MoveTasks(reg);
  tasks.restore(loaded.moveTasks);
  const engine = new Engine(reg, tasks);
  if (options.observer !== undefined) engine.observe(options.observer);
  return engine;
}
