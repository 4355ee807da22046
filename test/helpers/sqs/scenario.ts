import { createHash } from 'node:crypto';
import * as assert from 'uvu/assert';

// Every SQS action through a real SDK client, the same scenario for both wire protocols.
// `call('SendMessage', input)` sends `new SendMessageCommand(input)` with the client under test.

export type Call = (action: string, input: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** Builds `call` for an SDK package (the current one or sqs-query-client). */
export function caller(sdk: Record<string, unknown>, client: { send(c: unknown): Promise<unknown> }): Call {
  return async (action, input) => {
    const Command = sdk[`${action}Command`] as new (i: unknown) => unknown;
    const out = (await client.send(new Command(input))) as Record<string, unknown>;
    delete out.$metadata;
    return out;
  };
}

/** Errors the SDK raised, reduced to what a caller checks. */
export async function failure(
  p: Promise<unknown>,
): Promise<{ name: string; status: number | undefined; code: string | undefined; message: string }> {
  try {
    await p;
  } catch (error) {
    const e = error as {
      name: string;
      message: string;
      $metadata?: { httpStatusCode?: number };
      Error?: { Code?: string; Message?: string };
    };
    // The query-era SDK leaves `message` at 'UnknownError' on shapes without a message member;
    // the text SQS sent is in Error.Message there.
    const message = e.message === 'UnknownError' ? (e.Error?.Message ?? e.message) : e.message;
    return { name: e.name, status: e.$metadata?.httpStatusCode, code: e.Error?.Code, message };
  }
  throw new Error('expected the call to fail');
}

export async function queueLifecycle(call: Call, endpoint: string, prefix: string): Promise<void> {
  const url = (name: string): string => `${endpoint}/000000000000/${name}`;
  const created = await call('CreateQueue', {
    QueueName: `${prefix}-main`,
    Attributes: { VisibilityTimeout: '45', DelaySeconds: '0' },
    tags: { team: 'ferry' },
  });
  assert.equal(created, { QueueUrl: url(`${prefix}-main`) });
  await call('CreateQueue', { QueueName: `${prefix}-other` });
  await call('CreateQueue', { QueueName: `${prefix}-third` });

  assert.equal(await call('GetQueueUrl', { QueueName: `${prefix}-main` }), {
    QueueUrl: url(`${prefix}-main`),
  });

  const all = await call('ListQueues', { QueueNamePrefix: prefix });
  assert.equal(all, { QueueUrls: [url(`${prefix}-main`), url(`${prefix}-other`), url(`${prefix}-third`)] });
  const page1 = await call('ListQueues', { QueueNamePrefix: prefix, MaxResults: 2 });
  assert.equal(page1.QueueUrls, [url(`${prefix}-main`), url(`${prefix}-other`)]);
  assert.type(page1.NextToken, 'string');
  const page2 = await call('ListQueues', {
    QueueNamePrefix: prefix,
    MaxResults: 2,
    NextToken: page1.NextToken,
  });
  assert.equal(page2, { QueueUrls: [url(`${prefix}-third`)] });

  await call('SetQueueAttributes', {
    QueueUrl: url(`${prefix}-main`),
    Attributes: { VisibilityTimeout: '60' },
  });
  const attrs = await call('GetQueueAttributes', {
    QueueUrl: url(`${prefix}-main`),
    AttributeNames: ['VisibilityTimeout', 'QueueArn', 'ApproximateNumberOfMessages'],
  });
  assert.equal(attrs, {
    Attributes: {
      VisibilityTimeout: '60',
      QueueArn: `arn:aws:sqs:us-east-1:000000000000:${prefix}-main`,
      ApproximateNumberOfMessages: '0',
    },
  });

  await call('TagQueue', { QueueUrl: url(`${prefix}-main`), Tags: { env: 'test', tier: 'gold' } });
  assert.equal(await call('ListQueueTags', { QueueUrl: url(`${prefix}-main`) }), {
    Tags: { team: 'ferry', env: 'test', tier: 'gold' },
  });
  await call('UntagQueue', { QueueUrl: url(`${prefix}-main`), TagKeys: ['team', 'tier'] });
  assert.equal(await call('ListQueueTags', { QueueUrl: url(`${prefix}-main`) }), { Tags: { env: 'test' } });

  await call('AddPermission', {
    QueueUrl: url(`${prefix}-main`),
    Label: 'p1',
    AWSAccountIds: ['111122223333'],
    Actions: ['SendMessage'],
  });
  const policy = await call('GetQueueAttributes', {
    QueueUrl: url(`${prefix}-main`),
    AttributeNames: ['Policy'],
  });
  assert.ok(String((policy.Attributes as Record<string, string>).Policy).includes('"Sid":"p1"'));
  await call('RemovePermission', { QueueUrl: url(`${prefix}-main`), Label: 'p1' });

  await call('DeleteQueue', { QueueUrl: url(`${prefix}-other`) });
  await call('DeleteQueue', { QueueUrl: url(`${prefix}-third`) });
  assert.equal(await call('ListQueues', { QueueNamePrefix: prefix }), { QueueUrls: [url(`${prefix}-main`)] });
}

/** `modern`: the client knows MessageSystemAttributeNames (the query-era SDK predates it). */
export async function messageLifecycle(
  call: Call,
  endpoint: string,
  prefix: string,
  modern: boolean,
): Promise<void> {
  const q = (await call('CreateQueue', { QueueName: `${prefix}-msgs` })).QueueUrl as string;
  assert.is(q, `${endpoint}/000000000000/${prefix}-msgs`);

  const sent = await call('SendMessage', {
    QueueUrl: q,
    MessageBody: 'héllo ✓',
    MessageAttributes: {
      Hello: { DataType: 'String', StringValue: 'There' },
      'Help.Me': { DataType: 'String', StringValue: 'Me' },
      General: { DataType: 'String', StringValue: 'Kenobi' },
      Bin: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 1, 2, 255]) },
      Num: { DataType: 'Number.int', StringValue: '42' },
    },
    MessageSystemAttributes: {
      AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-5759e988-bd862e3fe1be46a994272793' },
    },
  });
  assert.type(sent.MessageId, 'string');
  assert.is(sent.MD5OfMessageBody, createHash('md5').update('héllo ✓', 'utf8').digest('hex'));
  assert.type(sent.MD5OfMessageAttributes, 'string');
  assert.type(sent.MD5OfMessageSystemAttributes, 'string');

  const received = await call('ReceiveMessage', {
    QueueUrl: q,
    MaxNumberOfMessages: 10,
    MessageAttributeNames: ['Hello', 'Help.*'],
    AttributeNames: ['SenderId'],
    MessageSystemAttributeNames: ['AWSTraceHeader'],
  });
  const messages = received.Messages as Record<string, unknown>[];
  assert.is(messages.length, 1);
  const m = messages[0]!;
  assert.equal(
    { ...m, ReceiptHandle: typeof m.ReceiptHandle },
    {
      MessageId: sent.MessageId,
      ReceiptHandle: 'string',
      MD5OfBody: sent.MD5OfMessageBody,
      Body: 'héllo ✓',
      Attributes: modern
        ? { SenderId: 'AKIDFERRYTEST', AWSTraceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793' }
        : { SenderId: 'AKIDFERRYTEST' },
      // Recorded from real SQS for exactly these two attributes.
      MD5OfMessageAttributes: '83fee93c1bcd8b9a5a923ffacdc636c7',
      MessageAttributes: {
        Hello: { DataType: 'String', StringValue: 'There' },
        'Help.Me': { DataType: 'String', StringValue: 'Me' },
      },
    },
  );

  await call('ChangeMessageVisibility', {
    QueueUrl: q,
    ReceiptHandle: m.ReceiptHandle,
    VisibilityTimeout: 0,
  });
  const again = await call('ReceiveMessage', {
    QueueUrl: q,
    MessageAttributeNames: ['All'],
    AttributeNames: ['All'],
  });
  const m2 = (again.Messages as Record<string, unknown>[])[0]!;
  assert.is((m2.Attributes as Record<string, string>).ApproximateReceiveCount, '2');
  assert.equal(
    (m2.MessageAttributes as Record<string, { BinaryValue?: Uint8Array }>).Bin?.BinaryValue,
    new Uint8Array([0, 1, 2, 255]),
  );
  await call('DeleteMessage', { QueueUrl: q, ReceiptHandle: m2.ReceiptHandle });

  const batch = await call('SendMessageBatch', {
    QueueUrl: q,
    Entries: [
      { Id: 'a', MessageBody: 'one' },
      { Id: 'b', MessageBody: 'two', DelaySeconds: 0 },
      { Id: 'bad', MessageBody: 'nul \u0000 inside' },
    ],
  });
  assert.equal(
    (batch.Successful as Record<string, unknown>[]).map((s) => [s.Id, s.MD5OfMessageBody]),
    [
      ['a', 'f97c5d29941bfb1b2fdab0874906ab82'],
      ['b', 'b8a9f715dbb64fd5c56e7783c6820a61'],
    ],
  );
  assert.equal(
    (batch.Failed as Record<string, unknown>[]).map((f) => [f.Id, f.Code, f.SenderFault]),
    [['bad', 'InvalidMessageContents', true]],
  );

  const two = await call('ReceiveMessage', { QueueUrl: q, MaxNumberOfMessages: 10 });
  const handles = (two.Messages as Record<string, unknown>[]).map((x) => x.ReceiptHandle as string);
  assert.is(handles.length, 2);
  const cmv = await call('ChangeMessageVisibilityBatch', {
    QueueUrl: q,
    Entries: [
      { Id: 'x', ReceiptHandle: handles[0], VisibilityTimeout: 120 },
      { Id: 'y', ReceiptHandle: handles[1], VisibilityTimeout: 120 },
    ],
  });
  assert.equal(lists(cmv), { Successful: [{ Id: 'x' }, { Id: 'y' }], Failed: [] });
  const del = await call('DeleteMessageBatch', {
    QueueUrl: q,
    Entries: [
      { Id: 'x', ReceiptHandle: handles[0] },
      { Id: 'y', ReceiptHandle: handles[1] },
    ],
  });
  assert.equal(lists(del), { Successful: [{ Id: 'x' }, { Id: 'y' }], Failed: [] });

  await call('SendMessage', { QueueUrl: q, MessageBody: 'to purge' });
  await call('PurgeQueue', { QueueUrl: q });
  // JSON returns `Messages: []`, the query protocol no element at all.
  const after = await call('ReceiveMessage', { QueueUrl: q });
  assert.equal(after.Messages ?? [], []);
}

/** The query protocol leaves an empty list out; JSON sends []. */
function lists(out: Record<string, unknown>): Record<string, unknown> {
  return { Successful: out.Successful ?? [], Failed: out.Failed ?? [] };
}

export async function redriveLifecycle(call: Call, endpoint: string, prefix: string): Promise<void> {
  const dlq = (await call('CreateQueue', { QueueName: `${prefix}-dlq` })).QueueUrl as string;
  const dlqArn = `arn:aws:sqs:us-east-1:000000000000:${prefix}-dlq`;
  const src = (
    await call('CreateQueue', {
      QueueName: `${prefix}-src`,
      Attributes: {
        VisibilityTimeout: '0',
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }),
      },
    })
  ).QueueUrl as string;
  assert.equal(await call('ListDeadLetterSourceQueues', { QueueUrl: dlq }), { queueUrls: [src] });

  for (const body of ['m1', 'm2', 'm3']) await call('SendMessage', { QueueUrl: src, MessageBody: body });
  await call('ReceiveMessage', { QueueUrl: src, MaxNumberOfMessages: 10 });
  // Received once already: the next receive moves them to the DLQ instead of returning them.
  await call('ReceiveMessage', { QueueUrl: src, MaxNumberOfMessages: 10 });
  const inDlq = await call('GetQueueAttributes', {
    QueueUrl: dlq,
    AttributeNames: ['ApproximateNumberOfMessages'],
  });
  assert.equal(inDlq, { Attributes: { ApproximateNumberOfMessages: '3' } });

  const started = await call('StartMessageMoveTask', { SourceArn: dlqArn, MaxNumberOfMessagesPerSecond: 1 });
  assert.type(started.TaskHandle, 'string');
  const listed = await call('ListMessageMoveTasks', { SourceArn: dlqArn });
  const task = (listed.Results as Record<string, unknown>[])[0]!;
  assert.is(task.SourceArn, dlqArn);
  assert.is(task.MaxNumberOfMessagesPerSecond, 1);
  assert.ok(['RUNNING', 'COMPLETED'].includes(task.Status as string));
  if (task.Status === 'RUNNING') {
    const cancelled = await call('CancelMessageMoveTask', { TaskHandle: started.TaskHandle });
    assert.type(cancelled.ApproximateNumberOfMessagesMoved, 'number');
  }
  assert.ok(endpoint.startsWith('http://'));
}

export async function fifoLifecycle(call: Call, prefix: string): Promise<void> {
  const q = (
    await call('CreateQueue', {
      QueueName: `${prefix}-orders.fifo`,
      Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' },
    })
  ).QueueUrl as string;
  const first = await call('SendMessage', { QueueUrl: q, MessageBody: 'first', MessageGroupId: 'g1' });
  assert.type(first.SequenceNumber, 'string');
  const duplicate = await call('SendMessage', { QueueUrl: q, MessageBody: 'first', MessageGroupId: 'g1' });
  assert.is(duplicate.MessageId, first.MessageId);
  const batch = await call('SendMessageBatch', {
    QueueUrl: q,
    Entries: [{ Id: 'b', MessageBody: 'second', MessageGroupId: 'g1', MessageDeduplicationId: 'd2' }],
  });
  const entry = (batch.Successful as Record<string, unknown>[])[0]!;
  assert.type(entry.SequenceNumber, 'string');
  const got = await call('ReceiveMessage', { QueueUrl: q, MaxNumberOfMessages: 10, AttributeNames: ['All'] });
  const messages = got.Messages as { Body: string; Attributes: Record<string, string> }[];
  assert.equal(
    messages.map((m) => [m.Body, m.Attributes.MessageGroupId, m.Attributes.SequenceNumber]),
    [
      ['first', 'g1', first.SequenceNumber],
      ['second', 'g1', entry.SequenceNumber],
    ],
  );
  const missingGroup = await failure(call('SendMessage', { QueueUrl: q, MessageBody: 'x' }));
  assert.is(missingGroup.status, 400);
}
