import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toRecord } from '../../../local/event-source/event.js';
import { settle } from '../../../local/event-source/outcome.js';
import type { SqsRecord } from '../../../local/event-source/index.js';

const ARN = 'arn:aws:sqs:eu-west-1:123456789012:orders.fifo';
const record = (id: string, group = 'g'): SqsRecord =>
  toRecord(
    {
      MessageId: id,
      ReceiptHandle: `rh-${id}`,
      Body: id,
      MD5OfBody: 'md5',
      Attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1',
        SenderId: 's',
        ApproximateFirstReceiveTimestamp: '2',
        MessageGroupId: group,
        MessageDeduplicationId: `d-${id}`,
        SequenceNumber: '1800',
      },
    },
    ARN,
    'eu-west-1',
  );
const [a, b, c] = [record('a'), record('b'), record('c')];
const batch = [a, b, c] as SqsRecord[];
const ids = (records: SqsRecord[]) => records.map((r) => r.messageId);
const ok = (result: unknown) => ({ ok: true as const, result });
const outcome = (result: unknown, report = true, fifo = false) => {
  const s = settle(batch, ok(result), report, fifo);
  return { done: ids(s.done), failed: ids(s.failed), reason: s.reason };
};

test('toRecord: FIFO attributes are kept, in the order Lambda writes them', () => {
  assert.equal(Object.keys(record('x').attributes), [
    'ApproximateReceiveCount',
    'SentTimestamp',
    'SequenceNumber',
    'MessageGroupId',
    'SenderId',
    'MessageDeduplicationId',
    'ApproximateFirstReceiveTimestamp',
  ]);
  assert.is(record('x').md5OfMessageAttributes, undefined);
});

test('settle: without ReportBatchItemFailures a success deletes the batch, whatever it answered', () => {
  assert.equal(outcome({ batchItemFailures: [{ itemIdentifier: 'b' }] }, false), {
    done: ['a', 'b', 'c'],
    failed: [],
    reason: undefined,
  });
});

test('settle: empty, null or absent failures mean the whole batch succeeded', () => {
  for (const result of [null, undefined, {}, { batchItemFailures: [] }, { batchItemFailures: null }]) {
    assert.equal(outcome(result), { done: ['a', 'b', 'c'], failed: [], reason: undefined });
  }
});

test('settle: reported records stay, the rest are deleted', () => {
  assert.equal(outcome({ batchItemFailures: [{ itemIdentifier: 'b' }] }), {
    done: ['a', 'c'],
    failed: ['b'],
    reason: 'reported in batchItemFailures',
  });
});

test('settle: an empty, missing or unknown itemIdentifier fails the whole batch', () => {
  const cases: [unknown, string][] = [
    [{ batchItemFailures: [{ itemIdentifier: '' }] }, 'an itemIdentifier is empty or missing'],
    [{ batchItemFailures: [{ id: 'b' }] }, 'an itemIdentifier is empty or missing'],
    [{ batchItemFailures: [null] }, 'an itemIdentifier is empty or missing'],
    [
      { batchItemFailures: [{ itemIdentifier: 'b' }, { itemIdentifier: 'zz' }] },
      'itemIdentifier "zz" is not a messageId of the batch',
    ],
    [{ batchItemFailures: 'b' }, 'batchItemFailures is not a list'],
    ['done', 'the function response is not an object with batchItemFailures'],
  ];
  for (const [result, reason] of cases) {
    assert.equal(outcome(result), { done: [], failed: ['a', 'b', 'c'], reason });
  }
});

test('settle: a function error leaves the whole batch', () => {
  const s = settle(
    batch,
    { ok: false, error: { errorType: 'Runtime.ExitError', errorMessage: 'exited' } },
    true,
    false,
  );
  assert.equal(
    { done: ids(s.done), failed: ids(s.failed), reason: s.reason },
    {
      done: [],
      failed: ['a', 'b', 'c'],
      reason: 'Runtime.ExitError: exited',
    },
  );
});

test('settle: on a FIFO queue, records after a failed one in its group are kept too', () => {
  const mixed = [record('a', 'g1'), record('b', 'g1'), record('c', 'g2'), record('d', 'g1')];
  const s = settle(mixed, ok({ batchItemFailures: [{ itemIdentifier: 'b' }] }), true, true);
  assert.equal(
    [ids(s.done), ids(s.failed)],
    [
      ['a', 'c'],
      ['b', 'd'],
    ],
  );
});

test.run();
