import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ARN,
  bodies,
  counts,
  countsOf,
  failure,
  receive,
  send,
  setup,
  T0,
  unwrap,
} from '../../../helpers/sqs/engine.js';

const policy = (dlq: string, maxReceiveCount: number | string) =>
  JSON.stringify({ deadLetterTargetArn: `${ARN}${dlq}`, maxReceiveCount });

test('after maxReceiveCount receives a message moves to the DLQ, keeping id, body, attributes and count', async () => {
  const { engine, clock } = await setup();
  unwrap(await engine.createQueue('dlq', {}, {}));
  unwrap(await engine.createQueue('src', { VisibilityTimeout: '1', RedrivePolicy: policy('dlq', 2) }, {}));
  const attrs = { kind: { DataType: 'String', StringValue: 'order' } };
  const sent = await send(engine, 'src', 'poison', { messageAttributes: attrs });
  for (let i = 0; i < 2; i++) {
    assert.equal(bodies(await receive(engine, 'src')), ['poison']);
    clock.advance(1_000);
  }
  assert.equal(await receive(engine, 'src'), [], 'the third receive moves it instead');
  assert.equal(counts(engine, 'src'), countsOf(0, 0, 0));
  const [moved] = await receive(engine, 'dlq');
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
        ApproximateFirstReceiveTimestamp: String(T0),
        SentTimestamp: String(T0),
        SenderId: 'AIDTEST',
        DeadLetterQueueSourceArn: `${ARN}src`,
      },
    },
  );
  assert.equal(unwrap(engine.listDeadLetterSourceQueues('dlq')), ['src']);
});

test('a FIFO source redrives to a FIFO DLQ and the group moves on', async () => {
  const { engine, clock } = await setup();
  unwrap(await engine.createQueue('dlq.fifo', { FifoQueue: 'true' }, {}));
  unwrap(
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
  await send(engine, 'src.fifo', 'first', { messageGroupId: 'g' });
  await send(engine, 'src.fifo', 'second', { messageGroupId: 'g' });
  assert.equal(bodies(await receive(engine, 'src.fifo', 1)), ['first']);
  clock.advance(1_000);
  assert.equal(bodies(await receive(engine, 'src.fifo', 1)), ['second']);
  assert.equal(bodies(await receive(engine, 'dlq.fifo', 1)), ['first']);
});

test('retention in a DLQ counts from the send on standard queues, from the move on FIFO queues', async () => {
  const { engine, clock } = await setup();
  for (const fifo of [false, true]) {
    const suffix = fifo ? '.fifo' : '';
    const kind: Record<string, string> = fifo ? { FifoQueue: 'true', ContentBasedDeduplication: 'true' } : {};
    unwrap(await engine.createQueue(`dlq${suffix}`, { ...kind, MessageRetentionPeriod: '60' }, {}));
    const redrive = { VisibilityTimeout: '30', RedrivePolicy: policy(`dlq${suffix}`, 1) };
    unwrap(await engine.createQueue(`src${suffix}`, { ...kind, ...redrive }, {}));
    await send(engine, `src${suffix}`, 'x', fifo ? { messageGroupId: 'g' } : {});
  }
  await receive(engine, 'src');
  await receive(engine, 'src.fifo');
  clock.advance(30_000);
  assert.equal(await receive(engine, 'src'), []);
  assert.equal(await receive(engine, 'src.fifo'), []);
  assert.equal(
    [engine.oldestMessageTimestamp?.('dlq'), engine.oldestMessageTimestamp?.('dlq.fifo')],
    [T0 + 30_000, T0 + 30_000],
  );
  clock.advance(30_000);
  assert.equal([counts(engine, 'dlq'), counts(engine, 'dlq.fifo')], [countsOf(0, 0, 0), countsOf(1, 0, 0)]);
  clock.advance(30_000);
  assert.equal(counts(engine, 'dlq.fifo'), countsOf(0, 0, 0));
});

test('RedrivePolicy validation: shape, count range, target exists and is the same kind', async () => {
  const { engine } = await setup();
  unwrap(await engine.createQueue('dlq', {}, {}));
  unwrap(await engine.createQueue('fdlq.fifo', { FifoQueue: 'true' }, {}));
  const bad = async (value: string, reason: string) =>
    assert.equal(
      await engine.createQueue('src', { RedrivePolicy: value }, {}),
      failure(
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
  unwrap(await engine.createQueue('src', { RedrivePolicy: policy('dlq', '5') }, {}));
  unwrap(await engine.createQueue('src', { RedrivePolicy: policy('dlq', 5) }, {}));
  assert.equal(unwrap(engine.getQueueAttributes('src', ['RedrivePolicy'])), {
    RedrivePolicy: policy('dlq', 5),
  });
});

test('RedriveAllowPolicy: denyAll refuses, byQueue admits the listed sources only', async () => {
  const { engine } = await setup();
  unwrap(await engine.createQueue('closed', { RedriveAllowPolicy: '{"redrivePermission":"denyAll"}' }, {}));
  const byQueue = JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [`${ARN}allowed`] });
  unwrap(await engine.createQueue('picky', { RedriveAllowPolicy: byQueue }, {}));
  const denied = (src: string, dlq: string) =>
    failure(
      'InvalidParameterValue',
      `Value ${policy(dlq, 3)} for parameter RedrivePolicy is invalid. Reason: Queue ${ARN}${src} does not have permission to use ${ARN}${dlq} as its dead-letter queue.`,
    );
  assert.equal(
    await engine.createQueue('other', { RedrivePolicy: policy('closed', 3) }, {}),
    denied('other', 'closed'),
  );
  assert.equal(
    await engine.createQueue('other', { RedrivePolicy: policy('picky', 3) }, {}),
    denied('other', 'picky'),
  );
  unwrap(await engine.createQueue('allowed', { RedrivePolicy: policy('picky', 3) }, {}));
  const tooMany = JSON.stringify({
    redrivePermission: 'byQueue',
    sourceQueueArns: Array.from({ length: 11 }, (_, i) => `${ARN}q${i}`),
  });
  assert.equal(
    await engine.setQueueAttributes('picky', { RedriveAllowPolicy: tooMany }),
    failure(
      'InvalidParameterValue',
      `Value ${tooMany} for parameter RedriveAllowPolicy is invalid. Reason: Amazon SQS can't create the redrive allow policy. The maximum number of source queue ARNs you can specify is 10.`,
    ),
  );
});

test('RedriveAllowPolicy shape errors use the SQS texts', async () => {
  const { engine } = await setup();
  const cannot = "Amazon SQS can't create the redrive allow policy.";
  const cases: [string, string, string][] = [
    [
      '{"redrivePermission":"byQueue"}',
      'InvalidParameterValue',
      `Value {"redrivePermission":"byQueue"} for parameter RedriveAllowPolicy is invalid. Reason: ${cannot} When you specify the byQueue permission type, you must also specify one or more sourceQueueArns values.`,
    ],
    [
      `{"redrivePermission":"allowAll","sourceQueueArns":["${ARN}a"]}`,
      'InvalidParameterValue',
      `Value {"redrivePermission":"allowAll","sourceQueueArns":["${ARN}a"]} for parameter RedriveAllowPolicy is invalid. Reason: ${cannot} To specify one or more source queue ARNs, you must set redrivePermission to byQueue.`,
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
      failure(code, message),
      value,
    );
  }
  assert.equal(
    await engine.createQueue('src', { RedrivePolicy: 'nope' }, {}),
    failure(
      'InvalidParameterValue',
      'Value nope for parameter RedrivePolicy is invalid. Reason: Redrive policy is not a valid JSON map.',
    ),
  );
});

test.run();
