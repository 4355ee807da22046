// The messages between the runtime's main thread (thread.ts) and the mappings' thread
// (thread-worker.ts). `mapping` is an index into ThreadData.mappings.
import type { MappingConfig } from './settings.js';
import type { InvokeOutcome } from '../lambda/index.js';
import type { BatchReport, SqsEvent } from './types.js';

export interface ThreadData {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  mappings: MappingConfig[];
}

export type FromThread =
  | { type: 'loaded' }
  | { type: 'ready' }
  | { type: 'invoke'; mapping: number; id: number; event: SqsEvent }
  | { type: 'batch'; mapping: number; report: BatchReport }
  | { type: 'error'; mapping: number; action: string; error: { name: string; message: string } };

export type ToThread =
  | { type: 'start'; data: ThreadData }
  | { type: 'result'; id: number; outcome: InvokeOutcome }
  | { type: 'result'; id: number; error: string }
  | { type: 'stop' };
