import type { LoadedState, Store } from './types.js';

const DONE = Promise.resolve();

/** No persistence: the engine's in-memory state is the whole truth. */
export function createMemoryStore(): Store {
  const nothing = (): void => {};
  return {
    durable: false,
    load: (): LoadedState => ({ queues: [], messages: [], dedup: [], moveTasks: [] }),
    putQueue: nothing,
    deleteQueue: nothing,
    insertMessage: nothing,
    updateMessage: nothing,
    deleteMessage: nothing,
    purgeQueue: nothing,
    putDedup: nothing,
    putMoveTask: nothing,
    flush: () => DONE,
    close: () => DONE,
  };
}
