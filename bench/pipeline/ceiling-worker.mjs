// One "producer environment" for the SDK ceiling: SendMessage calls one after another, as one
// Lambda environment makes them (one invocation at a time), with the body the producer sends.
// It reports ready after its warm-up, then counts the calls that complete before `until`.
import { parentPort, workerData } from 'node:worker_threads';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

const { endpoint, queueUrl, body } = workerData;
const sqs = new SQSClient({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
});
const attributes = {
  type: { DataType: 'String', StringValue: 'order.created' },
  correlationId: { DataType: 'String', StringValue: '00000000-0000-4000-8000-000000000000' },
};
const send = () =>
  sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body, MessageAttributes: attributes }));

// Warm-up: calls for `warmupSeconds` (at least one), as long as the pipeline's runs warm up, so
// that both are measured with the SDK's code compiled.
const warmUntil = Date.now() + (workerData.warmupSeconds ?? 0) * 1000;
do await send();
while (Date.now() < warmUntil);
parentPort.postMessage('ready');
parentPort.once('message', async ({ until }) => {
  let calls = 0;
  while (Date.now() < until) {
    await send();
    if (Date.now() <= until) calls++;
  }
  sqs.destroy();
  parentPort.postMessage(calls);
});
