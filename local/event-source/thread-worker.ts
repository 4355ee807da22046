// Inside the mappings' thread: one SDK client, one mapping per configuration, invocations sent to
// the main thread and answered from it. See thread.ts.
import { SQSClient } from '@aws-sdk/client-sqs';
import { parentPort } from 'node:worker_threads';
import { startEventSourceMapping } from './mapping.js';
import type { FromThread, ThreadData, ToThread } from './thread-protocol.js';
import type { EventSourceMapping } from './types.js';
import type { InvokeOutcome } from '../lambda/index.js';

const port = parentPort!;
const post = (message: FromThread) => port.postMessage(message);
const pending = new Map<
  number,
  { resolve: (outcome: InvokeOutcome) => void; reject: (error: Error) => void }
>();
let nextId = 0;
let sqs: SQSClient | undefined;
let mappings: EventSourceMapping[] = [];

function start(data: ThreadData): void {
  const client = (sqs = new SQSClient({
    endpoint: data.endpoint,
    region: data.region,
    credentials: data.credentials,
    // The SDK would hash every received body and attribute set to check SQS's MD5s (a fifth of a
    // receive's CPU here). The records carry SQS's md5OfBody to the function as Lambda's do.
    md5: false,
  }));
  mappings = data.mappings.map((config, mapping) =>
    startEventSourceMapping({
      ...config,
      sqs: client,
      invoke: (event) =>
        new Promise<InvokeOutcome>((resolve, reject) => {
          const id = nextId++;
          pending.set(id, { resolve, reject });
          post({ type: 'invoke', mapping, id, event });
        }),
      onBatch: (report) => post({ type: 'batch', mapping, report }),
      onError: (error, action) =>
        post({
          type: 'error',
          mapping,
          action,
          error: {
            name: error instanceof Error ? error.name : 'Error',
            message: error instanceof Error ? error.message : JSON.stringify(error),
          },
        }),
    }),
  );
  post({ type: 'ready' });
}

port.on('message', (message: ToThread) => {
  if (message.type === 'start') start(message.data);
  else if (message.type === 'result') {
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if ('error' in message) waiting?.reject(new Error(message.error));
    else waiting?.resolve(message.outcome);
  } else {
    void Promise.all(mappings.map((m) => m.stop())).then(() => {
      sqs?.destroy();
      port.close();
    });
  }
});

post({ type: 'loaded' });
