// The ceiling the SDK sets: `environments` worker threads (as many as the producer has
// environments), each making SendMessage calls one at a time against the runtime's own SQS, on
// a queue no mapping reads: no gateway, no consumer.
import { Worker } from 'node:worker_threads';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';

const WORKER = new URL('./ceiling-worker.mjs', import.meta.url);

export async function sdkCeiling(
  endpoint: string,
  environments: number,
  seconds: number,
  body: string,
): Promise<number> {
  const sqs = new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
  });
  const { QueueUrl: queueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'bench-sdk-ceiling' }));
  sqs.destroy();
  const from = Date.now() + 1000;
  const until = from + seconds * 1000;
  const counts = await Promise.all(
    Array.from(
      { length: environments },
      () =>
        new Promise<number>((resolve, reject) => {
          const worker = new Worker(WORKER, {
            workerData: { endpoint, queueUrl, body, from, until },
            execArgv: [],
          });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  return counts.reduce((a, b) => a + b, 0) / seconds;
}
