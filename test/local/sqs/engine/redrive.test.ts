import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sq from '../../../helpers/sqs/engine.js';

const policy = (dlq: string, maxReceiveCount: number | string) =>
  JSON.stringify({ deadLetterTargetArn: `${sq.ARN}${dlq}`, maxReceiveCount });

test('after maxReceiveCount receives a message moves to the DLQ, keeping id, body, attributes and count', async () => {
  const { engine, clock } = await sq.setup();
  sq.unwrap(await engine.createQueue('dlq', {}, {}));
  sq.unwrap(await engine.createQueue('src', { VisibilityTimeout: '1', RedrivePolicy: policy('dlq', 2) }, {}));
  const attrs = { kind: { DataType: 'String', StringValue: 'order' } };
  const sent = await sq.send(engine, 'src', 'poison', { messageAttributes: attrs });
  for (let i = 0; i < 2; i++) {
    assert.equal(sq.bodies(await sq.receive(engine, 'src')), ['poison']);
    clock.advance(1_000);
  }
  assert.equal(await sq.receive(engine, 'src'), [], 'the third receive moves it instead');
  assert.equal(sq.counts(engine, 'src'), sq.countsOf(0, 0, 0));
  const [moved] = await sq.receive(engine, 'dlq');
  assert.equal(
    { ...moved, receiptHandle: '' },
    {
      messageId: sent.messageId,
      receiptHandle: '',
      body: 'poison',
      messageAttributes: attrs,
      messageSystemAttributes: {},
      attributes: {
        ApproximateReceiveCount: '3',
        ApproximateFirstReceiveTimestamp: String(sq.T0),
        SentTimestamp: String(sq.T0),
        SenderId: 'AIDTEST',
        DeadLetterQueueSourceArn: `${sq.ARN}src`,
      },
    },
  );
  assert.equal(sq.unwrap(engine.listDeadLetterSourceQueues('dlq')), ['src']);
});

test('a FIFO source redrives to a FIFO DLQ and the group moves on', async () => {
  const { engine, clock } = await sq.setup();
  sq.unwrap(await engine.createQueue('dlq.fifo', { FifoQueue: 'true' }, {}));
  sq.unwrap(
    await engine.createQueue(
      'src.fifo',
      {
        FifoQueue: 'true',
        ContentBasedDeduplication: 'true',
        VisibilityTimeout: '1',
        RedrivePolicy: policy('dlq.fifo', 1),
      },
      {},
    ),
  );
  await sq.send(engine, 'src.fifo', 'first', { messageGroupId: 'g' });
  await sq.send(engine, 'src.fifo', 'second', { messageGroupId: 'g' });
  assert.equal(sq.bodies(await sq.receive(engine, 'src.fifo', 1)), ['first']);
  clock.advance(1_000);
  assert.equal(sq.bodies(await sq.receive(engine, 'src.fifo', 1)), ['second']);
  assert.equal(sq.bodies(await sq.receive(engine, 'dlq.fifo', 1)), ['first']);
});

test('retention in a DLQ counts from the send on standard queues, from the move on FIFO queues', async () => {
  const { engine, clock } = await sq.setup();
  for (const fifo of [false, true]) {
    const suffix = fifo ? '.fifo' : '';
    const kind: Record<string, string> = fifo ? { FifoQueue: 'true', ContentBasedDeduplication: 'true' } : {};
    sq.unwrap(await engine.createQueue(`dlq${suffix}`, { ...kind, MessageRetentionPeriod: '60' }, {}));
    const redrive = { VisibilityTimeout: '30', RedrivePolicy: policy(`dlq${suffix}`, 1) };
    sq.unwrap(await engine.createQueue(`src${suffix}`, { ...kind, ...redrive }, {}));
    await sq.send(engine, `src${suffix}`, 'x', fifo ? { messageGroupId: 'g' } : {});
  }
  await sq.receive(engine, 'src');
  await sq.receive(engine, 'src.fifo');
  clock.advance(30_000);
  assert.equal(await sq.receive(engine, 'src'), []);
  assert.equal(await sq.receive(engine, 'src.fifo'), []);
  assert.equal(
    [engine.oldestMessageTimestamp?.('dlq'), engine.oldestMessageTimestamp?.('dlq.fifo')],
    [sq.T0 + 30_000, sq.T0 + 30_000],
  );
  clock.advance(30_000);
  assert.equal(
    [sq.counts(engine, 'dlq'), sq.counts(engine, 'dlq.fifo')],
    [sq.countsOf(0, 0, 0), sq.countsOf(1, 0, 0)],
  );
  clock.advance(30_000);
  assert.equal(sq.counts(engine, 'dlq.fifo'), sq.countsOf(0, 0, 0));
});

test('RedrivePolicy validation: shape, count range, target exists and is the same kind', async () => {
  const { engine } = await sq.setup();
  sq.unwrap(await engine.createQueue('dlq', {}, {}));
  sq.unwrap(await engine.createQueue('fdlq.fifo', { FifoQueue: 'true' }, {}));
  const bad = async (value: string, reason: string) =>
    assert.equal(
      await engine.createQueue('src', { RedrivePolicy: value }, {}),
      sq.failure(
        'InvalidParameterValue',
        `Value ${value} for parameter RedrivePolicy is invalid. Reason: ${reason}`,
      ),
      value,
    );
  await bad(
    policy('dlq', 0),
    'Invalid value for maxReceiveCount: 0, valid values are from 1 to 1000 both inclusive.',
  );
  await bad(
    policy('dlq', 1001),
    'Invalid value for maxReceiveCount: 1001, valid values are from 1 to 1000 both inclusive.',
  );
  await bad(
    '{"maxReceiveCount":1}',
    'Redrive policy does not contain mandatory attribute: deadLetterTargetArn.',
  );
  await bad('{"deadLetterTargetArn":"dummy","maxReceiveCount":42}', 'Invalid value for deadLetterTargetArn.');
  await bad(policy('missing', 3), 'Dead letter target does not exist.');
  await bad(policy('fdlq.fifo', 3), 'Dead-letter queue must be same type of queue as the source..');
  sq.unwrap(await engine.createQueue('src', { RedrivePolicy: policy('dlq', '5') }, {}));
  sq.unwrap(await engine.createQueue('src', { RedrivePolicy: policy('dlq', 5) }, {}));
  assert.equal(sq.unwrap(engine.getQueueAttributes('src', ['RedrivePolicy'])), {
    RedrivePolicy: policy('dlq', 5),
  });
});

test('RedriveAllowPolicy: denyAll refuses, byQueue admits the listed sources only', async () => {
  const { engine } = await sq.setup();
  sq.unwrap(
    await engine.createQueue('closed', { RedriveAllowPolicy: '{"redrivePermission":"denyAll"}' }, {}),
  );
  const byQueue = JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [`${sq.ARN}allowed`] });
  sq.unwrap(await engine.createQueue('picky', { RedriveAllowPolicy: byQueue }, {}));
  const denied = (src: string, dlq: string) =>
    sq.failure(
      'InvalidParameterValue',
      `Value ${policy(dlq, 3)} for parameter RedrivePolicy is invalid. Reason: Queue ${sq.ARN}${src} does not have permission to use ${sq.ARN}${dlq} as its dead-letter queue.`,
    );
  assert.equal(
    await engine.createQueue('other', { RedrivePolicy: policy('closed', 3) }, {}),
    denied('other', 'closed'),
  );
  assert.equal(
    await engine.createQueue('other', { RedrivePolicy: policy('picky', 3) }, {}),
    denied('other', 'picky'),
  );
  sq.unwrap(await engine.createQueue('allowed', { RedrivePolicy: policy('picky', 3) }, {}));
  const tooMany = JSON.stringify({
    redrivePermission: 'byQueue',
    sourceQueueArns: Array.from({ length: 11 }, (_, i) => `${sq.ARN}q${i}`),
  });
  assert.equal(
    await engine.setQueueAttributes('picky', { RedriveAllowPolicy: tooMany }),
    sq.failure(
      'InvalidParameterValue',
      `Value ${tooMany} for parameter RedriveAllowPolicy is invalid. Reason: Amazon SQS can't create the redrive allow policy. The maximum number of source queue ARNs you can specify is 10.`,
    ),
  );
});

test('RedriveAllowPolicy shape errors use the SQS texts', async () => {
  const { engine } = await sq.setup();
  const cannot = "Amazon SQS can't create the redrive allow policy.";
  const cases: [string, string, string][] = [
    [
      '{"redrivePermission":"byQueue"}',
      'InvalidParameterValue',
      `Value {"redrivePermission":"byQueue"} for parameter RedriveAllowPolicy is invalid. Reason: ${cannot} When you specify the byQueue permission type, you must also specify one or more sourceQueueArns values.`,
    ],
    [
      `{"redrivePermission":"allowAll","sourceQueueArns":["${sq.ARN}a"]}`,
      'InvalidParameterValue',
      `Value {"redrivePermission":"allowAll","sourceQueueArns":["${sq.ARN}a"]} for parameter RedriveAllowPolicy is invalid. Reason: ${cannot} To specify one or more source queue ARNs, you must set redrivePermission to byQueue.`,
    ],
    [
      '{"redrivePermission":"some"}',
      'InvalidAttributeValue',
      "Invalid value for the parameter RedriveAllowPolicy. Reason: Amazon SQS can't create the redrive allow policy, as it’s in an unsupported format.",
    ],
  ];
  for (const [value, code, message] of cases) {
    assert.equal(
      await engine.createQueue('dlq', { RedriveAllowPolicy: value }, {}),
      sq.failure(code, message),
      value,
    );
  }
  assert.equal(
    await engine.createQueue('src', { RedrivePolicy: 'nope' }, {}),
    sq.failure(
      'InvalidParameterValue',
      'Value nope for parameter RedrivePolicy is invalid. Reason: Redrive policy is not a valid JSON map.',
    ),
  );
});

test.run();
