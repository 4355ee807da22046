import type { MoveTask } from '../../engine/types.js';
import type { Action } from '../context.js';
import { unwrap } from '../context.js';
import { inRange, required } from '../validate.js';

export const listMessageMoveTasks: Action = {
  name: 'ListMessageMoveTasks',
  run(ctx, params) {
    const sourceArn = required(params.string('SourceArn'), 'SourceArn');
    const max = params.int('MaxResults');
    inRange(max, 'MaxResults', 1, 10, 'Must be between 1 and 10, if provided.');
    const tasks = unwrap(ctx.engine.listMessageMoveTasks(sourceArn, max ?? 1));
    return { Results: tasks.map(toWire) };
  },
};

function toWire(t: MoveTask): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Status: t.status,
    SourceArn: t.sourceArn,
    ApproximateNumberOfMessagesMoved: t.approximateNumberOfMessagesMoved,
    StartedTimestamp: t.startedTimestamp,
  };
  // SQS shows the handle only while a task can still be cancelled.
  if (t.status === 'RUNNING') out.TaskHandle = t.taskHandle;
  if (t.destinationArn !== undefined) out.DestinationArn = t.destinationArn;
  if (t.maxNumberOfMessagesPerSecond !== undefined)
    out.MaxNumberOfMessagesPerSecond = t.maxNumberOfMessagesPerSecond;
  if (t.approximateNumberOfMessagesToMove !== undefined) {
    out.ApproximateNumberOfMessagesToMove = t.approximateNumberOfMessagesToMove;
  }
  if (t.failureReason !== undefined) out.FailureReason = t.failureReason;
  return out;
}
