// Shared builders for the engine tests: an engine on a test clock, and small
// helpers that unwrap Results (a failed unwrap fails the test with the error).

import {
  createEngine,
  type QueueEngine,
  type ReceivedMessage,
  type Result,
  type SendInput,
} from '../../../local/sqs/engine/index.js';
import { createTestClock, type TestClock } from '../time/clock.js';

export const T0 = Date.UTC(2026, 0, 1);
export const ARN = 'arn:aws:sqs:us-east-1:000000000000:';

export interface Fixture {
  engine: QueueEngine;
  clock: TestClock;
}

export async function setup(): Promise<Fixture> {
  const clock = createTestClock(T0);
  return { engine: await createEngine({ clock }), clock };
}

export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

export function failure(code: string, message: string): Result<never> {
  return { ok: false, error: { code, message } } as Result<never>;
}

export async function send(engine: QueueEngine, queue: string, body: string, extra: Partial<SendInput> = {}) {
  return unwrap(await engine.sendMessage(queue, { body, senderId: 'AIDTEST', ...extra }));
}

export async function receive(
  engine: QueueEngine,
  queue: string,
  max = 10,
  extra: { visibilityTimeout?: number; receiveRequestAttemptId?: string } = {},
): Promise<ReceivedMessage[]> {
  return unwrap(
    await engine.receiveMessage(queue, { maxNumberOfMessages: max, waitTimeSeconds: 0, ...extra }),
  );
}

export function bodies(messages: ReceivedMessage[]): string[] {
  return messages.map((m) => m.body);
}

export function counts(engine: QueueEngine, queue: string): Record<string, string> {
  return unwrap(
    engine.getQueueAttributes(queue, [
      'ApproximateNumberOfMessages',
      'ApproximateNumberOfMessagesNotVisible',
      'ApproximateNumberOfMessagesDelayed',
    ]),
  );
}

export function countsOf(visible: number, notVisible: number, delayed: number): Record<string, string> {
  return {
    ApproximateNumberOfMessages: String(visible),
    ApproximateNumberOfMessagesNotVisible: String(notVisible),
    ApproximateNumberOfMessagesDelayed: String(delayed),
  };
}
