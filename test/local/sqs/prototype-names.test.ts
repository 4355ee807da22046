import { createHash } from 'node:crypto';
import { CreateQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startEventSourceMapping, type SqsEvent } from '../../../local/event-source/index.js';
import { durable, tempDir } from '../../helpers/config/data-dir.js';
import { jsonClient, jsonPost, queryPost, startTestServer } from '../../helpers/sqs/server.js';
import { until } from '../../helpers/time/until.js';

// #15.12: `__proto__` is a valid SQS message attribute name. Alone it was silently dropped (200,
// no MD5); with another attribute, SendMessage answered 500 (a `for...in` over a plain object
// walked the attribute value that `out['__proto__'] = value` had made the prototype). Every
// name below must travel as an ordinary name: send, receive, MD5, the store, the event.

const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

/** The attributes as SQS would be sent them, each name an own key (JSON.parse keeps `__proto__`). */
function attributesOf(names: string[]): Record<string, { DataType: string; StringValue: string }> {
  const pairs = names.map((n, i) => `${JSON.stringify(n)}:{"DataType":"String","StringValue":"v${i}"}`);
  return JSON.parse(`{${pairs.join(',')}}`) as Record<string, { DataType: string; StringValue: string }>;
}

/** MD5 of message attributes as SQS documents it, written out here independently of local/sqs. */
function md5(attributes: Record<string, { DataType: string; StringValue: string }>): string {
  const hash = createHash('md5');
  const field = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length).update(bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const a = attributes[name]!;
    field(name);
    field(a.DataType);
    hash.update(Buffer.from([1]));
    field(a.StringValue);
  }
  return hash.digest('hex');
}

const cases = [...NAMES.map((n) => [n]), [...NAMES, 'ordinary']];

test('#15.12: prototype names as message attributes, JSON protocol: send, MD5, receive', async () => {
  const server = await startTestServer();
  const client = jsonClient(server.endpoint);
  try {
    for (const [i, names] of cases.entries()) {
      const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: `proto-json-${i}` }));
      const attributes = attributesOf(names);
      const sent = await jsonPost(server.endpoint, 'SendMessage', {
        QueueUrl,
        MessageBody: 'b',
        MessageAttributes: attributes,
      });
      assert.equal(
        [sent.status, JSON.parse(sent.body).MD5OfMessageAttributes],
        [200, md5(attributes)],
        names.join(),
      );
      const got = await jsonPost(server.endpoint, 'ReceiveMessage', {
        QueueUrl,
        MessageAttributeNames: ['All'],
        VisibilityTimeout: 0,
      });
      const [m] = JSON.parse(got.body).Messages as {
        MessageAttributes: object;
        MD5OfMessageAttributes: string;
      }[];
      assert.equal(
        [Object.entries(m!.MessageAttributes), m!.MD5OfMessageAttributes],
        [Object.entries(attributes), md5(attributes)],
      );
      // The SDK reads every other name back; `__proto__` it keeps as a key without a value (its own limit).
      const sdk = await client.send(
        new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['All'], VisibilityTimeout: 0 }),
      );
      const read = Object.entries(sdk.Messages?.[0]?.MessageAttributes ?? {}).filter(
        ([k]) => k !== '__proto__',
      );
      assert.equal(
        read,
        Object.entries(attributes)
          .filter(([k]) => k !== '__proto__')
          .map(([k, v]) => [k, { ...v }]),
      );
      const named = await jsonPost(server.endpoint, 'ReceiveMessage', {
        QueueUrl,
        MessageAttributeNames: [names[0]],
        VisibilityTimeout: 0,
      });
      const picked = JSON.parse(named.body).Messages[0].MessageAttributes as object;
      assert.equal([named.status, Object.keys(picked)], [200, [names[0]]]);
    }
  } finally {
    await server.close();
  }
});

test('#15.12: prototype names as message attributes, query protocol: send, MD5, receive', async () => {
  const server = await startTestServer();
  try {
    for (const [q, names] of cases.entries()) {
      const created = await queryPost(server.endpoint, {
        Action: 'CreateQueue',
        QueueName: `proto-query-${q}`,
      });
      const url = /<QueueUrl>([^<]+)<\/QueueUrl>/.exec(created.body)![1]!;
      const form: Record<string, string> = { Action: 'SendMessage', QueueUrl: url, MessageBody: 'b' };
      names.forEach((n, i) => {
        form[`MessageAttribute.${i + 1}.Name`] = n;
        form[`MessageAttribute.${i + 1}.Value.DataType`] = 'String';
        form[`MessageAttribute.${i + 1}.Value.StringValue`] = `v${i}`;
      });
      const sent = await queryPost(server.endpoint, form);
      const digest = /<MD5OfMessageAttributes>([0-9a-f]+)</.exec(sent.body)?.[1];
      assert.equal([sent.status, digest], [200, md5(attributesOf(names))], names.join());
      const got = await queryPost(server.endpoint, {
        Action: 'ReceiveMessage',
        QueueUrl: url,
        'MessageAttributeName.1': 'All',
        VisibilityTimeout: '0',
      });
      const received = [
        ...got.body.matchAll(
          /<Name>([^<]+)<\/Name><Value><DataType>String<\/DataType><StringValue>([^<]*)</g,
        ),
      ];
      assert.equal(received.map((m) => [m[1], m[2]]).sort(), names.map((n, i) => [n, `v${i}`]).sort());
    }
  } finally {
    await server.close();
  }
});

test('#15.12: prototype names survive the durable store and reach the event source mapping', async () => {
  const dir = tempDir('ferry-proto-');
  const attributes = attributesOf([...NAMES, 'ordinary']);
  let data = durable(dir.path);
  let server = await startTestServer({ data });
  try {
    const { QueueUrl } = await jsonClient(server.endpoint).send(
      new CreateQueueCommand({ QueueName: 'proto' }),
    );
    const sent = await jsonPost(server.endpoint, 'SendMessage', {
      QueueUrl,
      MessageBody: 'b',
      MessageAttributes: attributes,
    });
    assert.is(sent.status, 200);
    await server.close();
    data.release();
    data = durable(dir.path);
    server = await startTestServer({ data });
    const client = jsonClient(server.endpoint);
    const queueUrl = QueueUrl!.replace(/^http:\/\/[^/]+/, server.endpoint);
    const events: SqsEvent[] = [];
    const mapping = startEventSourceMapping({
      sqs: client,
      queueUrl,
      queueArn: 'arn:aws:sqs:us-east-1:000000000000:proto',
      region: 'us-east-1',
      maximumBatchingWindowInSeconds: 0,
      batchSize: 1,
      invoke: async (event) => {
        events.push(event);
        return { ok: true, result: null };
      },
    });
    try {
      await until('an event', () => events.length > 0);
    } finally {
      await mapping.stop();
    }
    const record = events[0]!.Records[0]!;
    // Every name but `__proto__`, which the SDK the mapping polls with cannot read back (see above).
    const expected = Object.keys(attributes).filter((k) => k !== '__proto__');
    assert.equal(
      [Object.keys(record.messageAttributes), record.md5OfMessageAttributes],
      [expected, md5(attributes)],
    );
    assert.equal(record.messageAttributes['constructor'], {
      stringValue: 'v1',
      stringListValues: [],
      binaryListValues: [],
      dataType: 'String',
    });
  } finally {
    await server.close();
    data.release();
    dir.remove();
  }
});

test.run();
