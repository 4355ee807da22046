// The store behind the engine: a write-behind log of what changed. The engine
// keeps all live state in memory and tells the store each change as it makes
// it; `flush()` resolves once every change told so far is durable. A durable
// store commits all changes of one event-loop turn in one transaction (group
// commit), so a burst of sends costs one commit, not one per message.

import type { Message } from '../engine/message.js';
import type { MoveTask } from '../engine/types.js';

export interface QueueRecord {
  name: string;
  /** The settable attributes, defaults included. */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  createdAt: number; // ms
  modifiedAt: number; // ms
}

export interface DedupRecord {
  queue: string;
  key: string;
  messageId: string;
  sequenceNumber: string;
  expiresAt: number;
}

export interface LoadedState {
  queues: QueueRecord[];
  /**
   * In the order they were written (per queue, the order to serve them in).
   * Read once, lazily, so that a deep store is not held twice in memory.
   */
  messages: Iterable<{ queue: string; message: Message }>;
  dedup: DedupRecord[];
  /** Message move tasks, oldest first. */
  moveTasks: MoveTask[];
}

export interface Store {
  /** False for the in-memory store: the engine then skips waiting on flush(). */
  readonly durable: boolean;
  load(): LoadedState;
  putQueue(queue: QueueRecord): void;
  /** Removes the queue and all its messages and dedup entries. */
  deleteQueue(name: string): void;
  /** Stores a new message (or a moved copy) and sets its `rowid`. */
  insertMessage(queue: string, m: Message): void;
  /** Persists the receive/visibility state of a message. */
  updateMessage(m: Message): void;
  deleteMessage(m: Message): void;
  purgeQueue(name: string): void;
  putDedup(record: DedupRecord): void;
  /** Inserts or updates a move task (by its handle). */
  putMoveTask(task: MoveTask): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}
