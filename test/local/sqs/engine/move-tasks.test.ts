import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { QueueEngine } from '../../../../local/sqs/engine/index.js';
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
import type { TestClock } from '../../../helpers/time/clock.js';

/** src -> dlq after one receive; `n` messages are put into the DLQ. */
async function dlqWith(engine: QueueEngine, clock: TestClock, n: number, source = 'src'): Promise<void> {
  if (!engine.queueExists('dlq')) unwrap(await engine.createQueue('dlq', {}, {}));
  const redrive = JSON.stringify({ deadLetterTargetArn: `${ARN}dlq`, maxReceiveCount: 1 });
  unwrap(await engine.createQueue(source, { VisibilityTimeout: '1', RedrivePolicy: redrive }, {}));
  for (let i = 0; i < n; i++) await send(engine, source, `${source}-${i}`);
  await receive(engine, source, 10);
  clock.advance(1_000);
  await receive(engine, source, 10);
}

test('without a destination, messages go back to their source queues; progress is listed', async () => {
  const { engine, clock } = await setup();
  await dlqWith(engine, clock, 2, 'src');
  await dlqWith(engine, clock, 1, 'other');
  assert.equal(counts(engine, 'dlq'), countsOf(3, 0, 0));
  const { taskHandle } = unwrap(await engine.startMessageMoveTask({ sourceArn: `${ARN}dlq` }));
  assert.equal(unwrap(engine.listMessageMoveTasks(`${ARN}dlq`, 10)), [
    {
      taskHandle,
      status: 'RUNNING',
      sourceArn: `${ARN}dlq`,
      approximateNumberOfMessagesMoved: 0,
      approximateNumberOfMessagesToMove: 3,
      startedTimestamp: T0 + 2_000,
    },
  ]);
  clock.advance(0);
  assert.equal(unwrap(engine.listMessageMoveTasks(`${ARN}dlq`, 10))[0]?.status, 'COMPLETED');
  assert.equal(unwrap(engine.listMessageMoveTasks(`${ARN}dlq`, 10))[0]?.approximateNumberOfMessagesMoved, 3);
  assert.equal(
    await engine.cancelMessageMoveTask(taskHandle),
    failure('InvalidParameterValue', 'Only active tasks can be cancelled.'),
  );
  assert.equal(bodies(await receive(engine, 'src')).sort(), ['src-0', 'src-1']);
  const [back] = await receive(engine, 'other');
  assert.equal([back?.body, back?.attributes.DeadLetterQueueSourceArn], ['other-0', undefined]);
});

test('a rate limits moves per second; cancel stops the task and reports the count', async () => {
  const { engine, clock } = await setup();
  unwrap(await engine.createQueue('dest', {}, {}));
  await dlqWith(engine, clock, 10);
  const { taskHandle } = unwrap(
    await engine.startMessageMoveTask({
      sourceArn: `${ARN}dlq`,
      destinationArn: `${ARN}dest`,
      maxNumberOfMessagesPerSecond: 3,
    }),
  );
  clock.advance(0);
  assert.equal(counts(engine, 'dest'), countsOf(3, 0, 0));
  clock.advance(1_000);
  assert.equal(counts(engine, 'dest'), countsOf(6, 0, 0));
  assert.equal(unwrap(await engine.cancelMessageMoveTask(taskHandle)), {
    approximateNumberOfMessagesMoved: 6,
  });
  clock.advance(5_000);
  assert.equal(counts(engine, 'dest'), countsOf(6, 0, 0));
  const [task] = unwrap(engine.listMessageMoveTasks(`${ARN}dlq`, 10));
  assert.equal(
    { ...task, taskHandle: '' },
    {
      taskHandle: '',
      status: 'CANCELLED',
      sourceArn: `${ARN}dlq`,
      destinationArn: `${ARN}dest`,
      maxNumberOfMessagesPerSecond: 3,
      approximateNumberOfMessagesMoved: 6,
      approximateNumberOfMessagesToMove: 10,
      startedTimestamp: T0 + 1_000,
    },
  );
});

test('start checks: source exists and is a DLQ, destination exists, one running task per source', async () => {
  const { engine, clock } = await setup();
  unwrap(await engine.createQueue('lonely', {}, {}));
  assert.equal(
    await engine.startMessageMoveTask({ sourceArn: `${ARN}nope` }),
    failure('ResourceNotFound', "The resource that you specified for the SourceArn parameter doesn't exist."),
  );
  assert.equal(
    await engine.startMessageMoveTask({ sourceArn: `${ARN}lonely` }),
    failure('InvalidParameterValue', 'Source queue must be configured as a Dead Letter Queue.'),
  );
  await dlqWith(engine, clock, 2);
  assert.equal(
    await engine.startMessageMoveTask({ sourceArn: `${ARN}dlq`, destinationArn: `${ARN}nope` }),
    failure(
      'ResourceNotFound',
      "The resource that you specified for the DestinationArn parameter doesn't exist.",
    ),
  );
  unwrap(await engine.startMessageMoveTask({ sourceArn: `${ARN}dlq`, maxNumberOfMessagesPerSecond: 1 }));
  assert.equal(
    await engine.startMessageMoveTask({ sourceArn: `${ARN}dlq` }),
    failure(
      'InvalidParameterValue',
      'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
    ),
  );
  assert.equal(
    await engine.cancelMessageMoveTask('not-a-handle'),
    failure('InvalidParameterValue', 'Value for parameter TaskHandle is invalid.'),
  );
});

test('deleting the destination while running fails the task with NonExistentQueue', async () => {
  const { engine, clock } = await setup();
  unwrap(await engine.createQueue('dest', {}, {}));
  await dlqWith(engine, clock, 4);
  unwrap(
    await engine.startMessageMoveTask({
      sourceArn: `${ARN}dlq`,
      destinationArn: `${ARN}dest`,
      maxNumberOfMessagesPerSecond: 1,
    }),
  );
  clock.advance(0);
  unwrap(await engine.deleteQueue('dest'));
  clock.advance(3_000);
  const [task] = unwrap(engine.listMessageMoveTasks(`${ARN}dlq`, 10));
  assert.equal(
    [task?.status, task?.failureReason, task?.approximateNumberOfMessagesMoved],
    ['FAILED', 'AWS.SimpleQueueService.NonExistentQueue', 1],
  );
  assert.equal(counts(engine, 'dlq'), countsOf(3, 0, 0));
});

test.run();
