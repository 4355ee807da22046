import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { QueueEngine } from '../../../../local/sqs/engine/index.js';
import * as sq from '../../../helpers/sqs/engine.js';
import type { TestClock } from '../../../helpers/time/clock.js';

/** src -> dlq after one receive; `n` messages are put into the DLQ. */
async function dlqWith(engine: QueueEngine, clock: TestClock, n: number, source = 'src'): Promise<void> {
  if (!engine.queueExists('dlq')) sq.unwrap(await engine.createQueue('dlq', {}, {}));
  const redrive = JSON.stringify({ deadLetterTargetArn: `${sq.ARN}dlq`, maxReceiveCount: 1 });
  sq.unwrap(await engine.createQueue(source, { VisibilityTimeout: '1', RedrivePolicy: redrive }, {}));
  for (let i = 0; i < n; i++) await sq.send(engine, source, `${source}-${i}`);
  await sq.receive(engine, source, 10);
  clock.advance(1_000);
  await sq.receive(engine, source, 10);
}

test('without a destination, messages go back to their source queues; progress is listed', async () => {
  const { engine, clock } = await sq.setup();
  await dlqWith(engine, clock, 2, 'src');
  await dlqWith(engine, clock, 1, 'other');
  assert.equal(sq.counts(engine, 'dlq'), sq.countsOf(3, 0, 0));
  const { taskHandle } = sq.unwrap(await engine.startMessageMoveTask({ sourceArn: `${sq.ARN}dlq` }));
  assert.equal(sq.unwrap(engine.listMessageMoveTasks(`${sq.ARN}dlq`, 10)), [
    {
      taskHandle,
      status: 'RUNNING',
      sourceArn: `${sq.ARN}dlq`,
      approximateNumberOfMessagesMoved: 0,
      approximateNumberOfMessagesToMove: 3,
      startedTimestamp: sq.T0 + 2_000,
    },
  ]);
  clock.advance(0);
  assert.equal(sq.unwrap(engine.listMessageMoveTasks(`${sq.ARN}dlq`, 10))[0]?.status, 'COMPLETED');
  assert.equal(
    sq.unwrap(engine.listMessageMoveTasks(`${sq.ARN}dlq`, 10))[0]?.approximateNumberOfMessagesMoved,
    3,
  );
  assert.equal(
    await engine.cancelMessageMoveTask(taskHandle),
    sq.failure('InvalidParameterValue', 'Only active tasks can be cancelled.'),
  );
  assert.equal(sq.bodies(await sq.receive(engine, 'src')).sort(), ['src-0', 'src-1']);
  const [back] = await sq.receive(engine, 'other');
  assert.equal([back?.body, back?.attributes.DeadLetterQueueSourceArn], ['other-0', undefined]);
});

test('a rate limits moves per second; cancel stops the task and reports the count', async () => {
  const { engine, clock } = await sq.setup();
  sq.unwrap(await engine.createQueue('dest', {}, {}));
  await dlqWith(engine, clock, 10);
  const { taskHandle } = sq.unwrap(
    await engine.startMessageMoveTask({
      sourceArn: `${sq.ARN}dlq`,
      destinationArn: `${sq.ARN}dest`,
      maxNumberOfMessagesPerSecond: 3,
    }),
  );
  clock.advance(0);
  assert.equal(sq.counts(engine, 'dest'), sq.countsOf(3, 0, 0));
  clock.advance(1_000);
  assert.equal(sq.counts(engine, 'dest'), sq.countsOf(6, 0, 0));
  assert.equal(sq.unwrap(await engine.cancelMessageMoveTask(taskHandle)), {
    approximateNumberOfMessagesMoved: 6,
  });
  clock.advance(5_000);
  assert.equal(sq.counts(engine, 'dest'), sq.countsOf(6, 0, 0));
  const [task] = sq.unwrap(engine.listMessageMoveTasks(`${sq.ARN}dlq`, 10));
  assert.equal(
    { ...task, taskHandle: '' },
    {
      taskHandle: '',
      status: 'CANCELLED',
      sourceArn: `${sq.ARN}dlq`,
      destinationArn: `${sq.ARN}dest`,
      maxNumberOfMessagesPerSecond: 3,
      approximateNumberOfMessagesMoved: 6,
      approximateNumberOfMessagesToMove: 10,
      startedTimestamp: sq.T0 + 1_000,
    },
  );
});

test('start checks: source exists and is a DLQ, destination exists, one running task per source', async () => {
  const { engine, clock } = await sq.setup();
  sq.unwrap(await engine.createQueue('lonely', {}, {}));
  assert.equal(
    await engine.startMessageMoveTask({ sourceArn: `${sq.ARN}nope` }),
    sq.failure(
      'ResourceNotFound',
      "The resource that you specified for the SourceArn parameter doesn't exist.",
    ),
  );
  assert.equal(
    await engine.startMessageMoveTask({ sourceArn: `${sq.ARN}lonely` }),
    sq.failure('InvalidParameterValue', 'Source queue must be configured as a Dead Letter Queue.'),
  );
  await dlqWith(engine, clock, 2);
  assert.equal(
    await engine.startMessageMoveTask({ sourceArn: `${sq.ARN}dlq`, destinationArn: `${sq.ARN}nope` }),
    sq.failure(
      'ResourceNotFound',
      "The resource that you specified for the DestinationArn parameter doesn't exist.",
    ),
  );
  sq.unwrap(
    await engine.startMessageMoveTask({ sourceArn: `${sq.ARN}dlq`, maxNumberOfMessagesPerSecond: 1 }),
  );
  assert.equal(
    await engine.startMessageMoveTask({ sourceArn: `${sq.ARN}dlq` }),
    sq.failure(
      'InvalidParameterValue',
      'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
    ),
  );
  assert.equal(
    await engine.cancelMessageMoveTask('not-a-handle'),
    sq.failure('InvalidParameterValue', 'Value for parameter TaskHandle is invalid.'),
  );
});

test('deleting the destination while running fails the task with NonExistentQueue', async () => {
  const { engine, clock } = await sq.setup();
  sq.unwrap(await engine.createQueue('dest', {}, {}));
  await dlqWith(engine, clock, 4);
  sq.unwrap(
    await engine.startMessageMoveTask({
      sourceArn: `${sq.ARN}dlq`,
      destinationArn: `${sq.ARN}dest`,
      maxNumberOfMessagesPerSecond: 1,
    }),
  );
  clock.advance(0);
  sq.unwrap(await engine.deleteQueue('dest'));
  clock.advance(3_000);
  const [task] = sq.unwrap(engine.listMessageMoveTasks(`${sq.ARN}dlq`, 10));
  assert.equal(
    [task?.status, task?.failureReason, task?.approximateNumberOfMessagesMoved],
    ['FAILED', 'AWS.SimpleQueueService.NonExistentQueue', 1],
  );
  assert.equal(sq.counts(engine, 'dlq'), sq.countsOf(3, 0, 0));
});

test.run();
