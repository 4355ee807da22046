// One "producer environment" for the SDK ceiling: SendMessage calls one after another, as one
// Lambda environment makes them (one invocation at a time), with the body the producer sends.
import { parentPort, workerData } from 'node:worker_threads';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

// Only calls that complete inside [from, until] count: start-up and warm-up are left out.
const { endpoint, queueUrl, body, from, until } = workerData;
const sqs = new SQSClient({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
});
const attributes = {
  type: { DataType: 'String', StringValue: 'order.created' },
  correlationId: { DataType: 'String', StringValue: '00000000-0000-4000-8000-000000000000' },
};
let calls = 0;
while (Date.now() < until) {
  await sqs.send(
    new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body, MessageAttributes: attributes }),
  );
  const now = Date.now();
  if (now >= from && now <= until) calls++;
}
sqs.destroy();
parentPort.postMessage(calls);
