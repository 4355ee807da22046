import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { Op, Window } from './loop.js';
import { cpuMark, describe, loopWindow, toWindow } from './loop.js';
import type { RunningServer } from './servers.js';
import { MESSAGE_BODY, SqsWire } from './wire.js';

// (2) The batched round trip: each worker loops SendMessageBatch(10) -> ReceiveMessage(10) ->
// DeleteMessageBatch(what it received). The figure is messages deleted per second, i.e. messages
// that made the whole trip. Workers share one queue, as consumers of one queue do.

export interface LoopOptions {
  workers: number;
  warmupSeconds: number;
  seconds: number;
  runs: number;
}

const ENTRIES = Array.from({ length: 10 }, (_, i) => ({ Id: `m${i}`, MessageBody: MESSAGE_BODY }));

function undiciTrip(wire: SqsWire, queueUrl: string): Op {
  // The fixed request bodies are serialised once: the client's CPU is the other half of this box.
  const sendBody = JSON.stringify({ QueueUrl: queueUrl, Entries: ENTRIES });
  const receiveBody = JSON.stringify({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 });
  return async () => {
    const sent = await wire.call<{ Failed?: unknown[] }>('SendMessageBatch', sendBody);
    const got = await wire.call<{ Messages?: { ReceiptHandle: string }[] }>('ReceiveMessage', receiveBody);
    const messages = got.Messages ?? [];
    if (messages.length === 0) return { done: 0, failed: sent.Failed?.length ?? 0 };
    const del = await wire.call<{ Successful?: unknown[]; Failed?: unknown[] }>('DeleteMessageBatch', {
      QueueUrl: queueUrl,
      Entries: messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })),
    });
    return {
      done: del.Successful?.length ?? 0,
      failed: (sent.Failed?.length ?? 0) + (del.Failed?.length ?? 0),
    };
  };
}

function sdkTrip(client: SQSClient, queueUrl: string): Op {
  return async () => {
    const sent = await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: ENTRIES }));
    const got = await client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    const messages = got.Messages ?? [];
    if (messages.length === 0) return { done: 0, failed: sent.Failed?.length ?? 0 };
    const del = await client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
    return {
      done: del.Successful?.length ?? 0,
      failed: (sent.Failed?.length ?? 0) + (del.Failed?.length ?? 0),
    };
  };
}

export async function undiciRoundTrip(
  server: RunningServer,
  o: LoopOptions,
  progress: (line: string) => void,
): Promise<Window[]> {
  const wire = new SqsWire(server.endpoint, o.workers);
  try {
    const queueUrl = await wire.createQueue('bench-roundtrip');
    return await measure(server, o, undiciTrip(wire, queueUrl), 'batched round trip (undici)', progress);
  } finally {
    await wire.close();
  }
}

export async function sdkRoundTrip(
  server: RunningServer,
  o: LoopOptions,
  progress: (line: string) => void,
): Promise<Window[]> {
  const client = new SQSClient({
    endpoint: server.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
  });
  try {
    const wire = new SqsWire(server.endpoint, 1);
    const queueUrl = await wire.createQueue('bench-sdk');
    await wire.close();
    return await measure(server, o, sdkTrip(client, queueUrl), 'SDK reference round trip', progress);
  } finally {
    client.destroy();
  }
}

/** Warm-up, then `runs` windows of `seconds`, every worker looping until its window closes. */
async function measure(
  server: RunningServer,
  o: LoopOptions,
  trip: Op,
  label: string,
  progress: (line: string) => void,
): Promise<Window[]> {
  await loopWindow(trip, o.workers, o.warmupSeconds);
  const windows: Window[] = [];
  for (let i = 0; i < o.runs; i++) {
    const mark = cpuMark(server.cpuSeconds);
    const r = await loopWindow(trip, o.workers, o.seconds);
    windows.push(toWindow(r, mark, server.cpuSeconds()));
    progress(describe(label, 'msgs/s', i, o.runs, windows[i]!));
  }
  return windows;
}
