import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startEventSourceMapping, type SqsEvent } from '../../../local/event-source/index.js';
import { until } from '../../helpers/time/until.js';
import { startTestSqs } from '../../helpers/sqs/server.js';

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/event-source/sqs-event.json', import.meta.url), 'utf8'),
) as SqsEvent;

/** Replaces what differs on every run (ids, handles, clocks, sender) with the fixture's placeholders. */
function normalise(event: SqsEvent): SqsEvent {
  const copy = structuredClone(event);
  for (const record of copy.Records) {
    record.messageId = '<message-id>';
    record.receiptHandle = '<receipt-handle>';
    record.attributes['SentTimestamp'] = '<sent>';
    record.attributes['ApproximateFirstReceiveTimestamp'] = '<first-receive>';
    record.attributes['SenderId'] = '<sender-id>';
  }
  return copy;
}

test('event: the SQS event matches the captured shape, every field and Lambda casing', async () => {
  const server = await startTestSqs();
  const { queueUrl, queueArn } = await server.createQueue('shape');
  await server.send(queueUrl, [
    {
      MessageBody: '{"type":"order.created","data":{"orderId":"o-1"}}',
      MessageAttributes: {
        type: { DataType: 'String', StringValue: 'order.created' },
        attempt: { DataType: 'Number', StringValue: '3' },
        signature: { DataType: 'Binary', BinaryValue: Buffer.from('sig') },
      },
    },
    { MessageBody: 'plain text' },
  ]);
  const events: SqsEvent[] = [];
  const mapping = startEventSourceMapping({
    sqs: server.sqs,
    queueUrl,
    queueArn,
    region: 'us-east-1',
    maximumBatchingWindowInSeconds: 1,
    batchSize: 2,
    invoke: async (event) => {
      events.push(event);
      return { ok: true, result: null };
    },
  });
  try {
    await until('an event', () => events.length > 0);
    const [event] = events as [SqsEvent];
    assert.equal(normalise(event), fixture);
    for (const record of event.Records) {
      assert.equal(Object.keys(record), Object.keys(fixture.Records[event.Records.indexOf(record)] ?? {}));
      assert.match(record.attributes['SentTimestamp'] ?? '', /^\d{13}$/);
      assert.ok(record.messageId !== '' && record.receiptHandle !== '');
    }
  } finally {
    await mapping.stop();
    await server.close();
  }
});

test.run();
