// The ceiling the SDK sets: `environments` worker threads (as many as the producer has
// environments), each making SendMessage calls one at a time against the runtime's own SQS, on
// a queue no mapping reads: no gateway, no consumer. The window opens once every thread has made
// calls for `warmupSeconds`.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';

const WORKER = new URL('./ceiling-worker.mjs', import.meta.url);

export async function sdkCeiling(
  endpoint: string,
  environments: number,
  seconds: number,
  body: string,
  warmupSeconds = 0,
): Promise<number> {
  const sqs = new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
  });
  const { QueueUrl: queueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'bench-sdk-ceiling' }));
  sqs.destroy();
  const workers = Array.from(
    { length: environments },
    () => new Worker(WORKER, { workerData: { endpoint, queueUrl, body, warmupSeconds }, execArgv: [] }),
  );
  await Promise.all(workers.map((w) => once(w, 'message')));
  const until = Date.now() + seconds * 1000;
  const done = workers.map((w) => once(w, 'message').then(([calls]) => calls as number));
  for (const w of workers) w.postMessage({ until });
  const total = (await Promise.all(done)).reduce((a, b) => a + b, 0);
  await Promise.all(workers.map((w) => w.terminate()));
  return total / seconds;
}
