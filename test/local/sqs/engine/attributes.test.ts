import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ARN, failure, setup, T0, unwrap } from '../../../helpers/sqs/engine.js';

const STANDARD_ALL = {
  QueueArn: `${ARN}plain`,
  ApproximateNumberOfMessages: '0',
  ApproximateNumberOfMessagesNotVisible: '0',
  ApproximateNumberOfMessagesDelayed: '0',
  CreatedTimestamp: String(T0 / 1000),
  LastModifiedTimestamp: String(T0 / 1000),
  VisibilityTimeout: '30',
  MaximumMessageSize: '1048576',
  MessageRetentionPeriod: '345600',
  DelaySeconds: '0',
  ReceiveMessageWaitTimeSeconds: '0',
  SqsManagedSseEnabled: 'true',
};

test('All on a new standard queue is exactly the SQS set, as strings', async () => {
  const { engine } = await setup();
  unwrap(await engine.createQueue('plain', {}, {}));
  assert.equal(unwrap(engine.getQueueAttributes('plain', ['All'])), STANDARD_ALL);
});

test('All on a FIFO queue adds the four FIFO attributes', async () => {
  const { engine } = await setup();
  unwrap(await engine.createQueue('jobs.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' }, {}));
  assert.equal(unwrap(engine.getQueueAttributes('jobs.fifo', ['All'])), {
    ...STANDARD_ALL,
    QueueArn: `${ARN}jobs.fifo`,
    FifoQueue: 'true',
    ContentBasedDeduplication: 'true',
    DeduplicationScope: 'queue',
    FifoThroughputLimit: 'perQueue',
  });
});

test('optional attributes appear once set; a KMS key turns SSE-SQS off', async () => {
  const { engine, clock } = await setup();
  unwrap(await engine.createQueue('dlq', {}, {}));
  unwrap(await engine.createQueue('plain', {}, {}));
  clock.advance(5000);
  const redrive = JSON.stringify({ deadLetterTargetArn: `${ARN}dlq`, maxReceiveCount: 3 });
  unwrap(
    await engine.setQueueAttributes('plain', { RedrivePolicy: redrive, KmsMasterKeyId: 'alias/aws/sqs' }),
  );
  assert.equal(unwrap(engine.getQueueAttributes('plain', ['All'])), {
    ...STANDARD_ALL,
    LastModifiedTimestamp: String(T0 / 1000 + 5),
    RedrivePolicy: redrive,
    KmsMasterKeyId: 'alias/aws/sqs',
    KmsDataKeyReusePeriodSeconds: '300',
    SqsManagedSseEnabled: 'false',
  });
  unwrap(await engine.setQueueAttributes('plain', { RedrivePolicy: '', SqsManagedSseEnabled: 'true' }));
  assert.equal(unwrap(engine.getQueueAttributes('plain', ['All'])), {
    ...STANDARD_ALL,
    LastModifiedTimestamp: String(T0 / 1000 + 5),
  });
});

test('selected names return only those; unknown names and FIFO names on standard queues fail', async () => {
  const { engine } = await setup();
  unwrap(await engine.createQueue('plain', { VisibilityTimeout: '45' }, {}));
  assert.equal(unwrap(engine.getQueueAttributes('plain', ['VisibilityTimeout', 'Policy'])), {
    VisibilityTimeout: '45',
  });
  assert.equal(
    engine.getQueueAttributes('plain', ['Bogus']),
    failure('InvalidAttributeName', 'Unknown Attribute Bogus.'),
  );
  assert.equal(
    engine.getQueueAttributes('plain', ['FifoQueue']),
    failure('InvalidAttributeName', 'Unknown Attribute FifoQueue.'),
  );
});

test('attribute values out of range fail with InvalidAttributeValue naming the attribute', async () => {
  const { engine } = await setup();
  const cases: [string, string][] = [
    ['VisibilityTimeout', '43201'],
    ['VisibilityTimeout', '-1'],
    ['DelaySeconds', '901'],
    ['MaximumMessageSize', '1023'],
    ['MaximumMessageSize', '1048577'],
    ['MessageRetentionPeriod', '59'],
    ['MessageRetentionPeriod', '1209601'],
    ['ReceiveMessageWaitTimeSeconds', '21'],
    ['KmsDataKeyReusePeriodSeconds', '59'],
    ['VisibilityTimeout', '1.5'],
    ['SqsManagedSseEnabled', 'yes'],
    ['Policy', 'not json'],
  ];
  for (const [name, value] of cases) {
    assert.equal(
      await engine.createQueue('q', { [name]: value }, {}),
      failure('InvalidAttributeValue', `Invalid value for the parameter ${name}.`),
      `${name}=${value}`,
    );
  }
  assert.equal(
    await engine.createQueue('q', { Nope: '1' }, {}),
    failure('InvalidAttributeName', 'Unknown Attribute Nope.'),
  );
  assert.equal(
    await engine.createQueue('q', { ContentBasedDeduplication: 'true' }, {}),
    failure('InvalidAttributeName', 'Unknown Attribute ContentBasedDeduplication.'),
  );
  assert.equal(engine.listQueues(), []);
});

test('FIFO attribute rules: values, perMessageGroupId needs messageGroup scope, type cannot change', async () => {
  const { engine } = await setup();
  const fifo = { FifoQueue: 'true' };
  assert.equal(
    await engine.createQueue('a.fifo', { ...fifo, DeduplicationScope: 'group' }, {}),
    failure('InvalidAttributeValue', 'Invalid value for the parameter DeduplicationScope.'),
  );
  assert.equal(
    await engine.createQueue('a.fifo', { ...fifo, FifoThroughputLimit: 'perMessageGroupId' }, {}),
    failure(
      'InvalidAttributeValue',
      'The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup',
    ),
  );
  unwrap(
    await engine.createQueue(
      'a.fifo',
      { ...fifo, FifoThroughputLimit: 'perMessageGroupId', DeduplicationScope: 'messageGroup' },
      {},
    ),
  );
  assert.equal(
    await engine.setQueueAttributes('a.fifo', { FifoQueue: 'false' }),
    failure(
      'InvalidAttributeValue',
      'Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.',
    ),
  );
});

test('queue names: 1-80 of alnum - _, .fifo only with FifoQueue=true', async () => {
  const { engine } = await setup();
  const standardText = 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length';
  const fifoText =
    'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.';
  assert.equal(await engine.createQueue('', {}, {}), failure('InvalidParameterValue', standardText));
  assert.equal(
    await engine.createQueue('a'.repeat(81), {}, {}),
    failure('InvalidParameterValue', standardText),
  );
  assert.equal(await engine.createQueue('has space', {}, {}), failure('InvalidParameterValue', standardText));
  assert.equal(await engine.createQueue('x.fifo', {}, {}), failure('InvalidParameterValue', standardText));
  assert.equal(
    await engine.createQueue('x', { FifoQueue: 'true' }, {}),
    failure('InvalidParameterValue', fifoText),
  );
  assert.equal(
    await engine.createQueue(`${'a'.repeat(76)}.fifo`, { FifoQueue: 'true' }, {}),
    failure('InvalidParameterValue', fifoText),
  );
  unwrap(await engine.createQueue('a'.repeat(80), {}, {}));
  unwrap(await engine.createQueue(`${'b'.repeat(75)}.fifo`, { FifoQueue: 'true' }, {}));
  unwrap(await engine.createQueue('ok_name-1', { FifoQueue: 'false' }, {}));
  assert.equal(engine.listQueues().length, 3);
});

test('CreateQueue again: same attributes succeed, a different value fails QueueNameExists', async () => {
  const { engine } = await setup();
  unwrap(await engine.createQueue('q', { DelaySeconds: '5' }, {}));
  unwrap(await engine.createQueue('q', { DelaySeconds: '5' }, {}));
  unwrap(await engine.createQueue('q', {}, {}));
  assert.equal(
    await engine.createQueue('q', { DelaySeconds: '6' }, {}),
    failure(
      'QueueNameExists',
      'A queue already exists with the same name and a different value for attribute DelaySeconds',
    ),
  );
  assert.equal(engine.listQueues(), ['q']);
});

test('DeleteQueue, then CreateQueue of that name within 60 s fails QueueDeletedRecently', async () => {
  const { engine, clock } = await setup();
  unwrap(await engine.createQueue('q', {}, {}));
  unwrap(await engine.deleteQueue('q'));
  assert.is(engine.queueExists('q'), false);
  clock.advance(59_999);
  assert.equal(
    await engine.createQueue('q', {}, {}),
    failure(
      'QueueDeletedRecently',
      'You must wait 60 seconds after deleting a queue before you can create another queue with the same name.',
    ),
  );
  clock.advance(1);
  unwrap(await engine.createQueue('q', {}, {}));
  assert.is(engine.queueExists('q'), true);
});

test('ListQueues keeps creation order and filters by prefix', async () => {
  const { engine } = await setup();
  for (const name of ['beta', 'alpha', 'alpine']) unwrap(await engine.createQueue(name, {}, {}));
  assert.equal(engine.listQueues(), ['beta', 'alpha', 'alpine']);
  assert.equal(engine.listQueues('alp'), ['alpha', 'alpine']);
});

test('both kinds of SSE at once fail', async () => {
  const { engine } = await setup();
  assert.equal(
    await engine.createQueue('q', { KmsMasterKeyId: 'k', SqsManagedSseEnabled: 'true' }, {}),
    failure(
      'InvalidAttributeName',
      'You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.',
    ),
  );
});

test.run();
