import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileFilter } from '../../../local/event-source/filter.js';
import { EventSourceError, type SqsRecord } from '../../../local/event-source/index.js';

function record(body: string, type?: string, receiveCount = '1'): SqsRecord {
  return {
    messageId: 'm',
    receiptHandle: 'r',
    body,
    attributes: { ApproximateReceiveCount: receiveCount },
    messageAttributes: type
      ? { type: { stringValue: type, stringListValues: [], binaryListValues: [], dataType: 'String' } }
      : {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn',
    awsRegion: 'us-east-1',
  };
}

const order = record(
  '{"type":"order.created","data":{"amount":120,"tags":["eu","vip"],"email":"A@Example.com"}}',
  'order',
);
const refund = record('{"type":"refund","data":{"amount":5}}', 'refund', '3');
const plain = record('hello world');
const records = [order, refund, plain];

const passing = (...patterns: unknown[]) => {
  const filter = compileFilter({ Filters: patterns.map((p) => ({ Pattern: JSON.stringify(p) })) });
  assert.ok(filter);
  return records.map((r) => filter(r));
};

test('filter: no criteria lets everything through', () => {
  assert.is(compileFilter(undefined), undefined);
  assert.is(compileFilter({ Filters: [] }), undefined);
});

test('filter: the pattern operators, over the JSON body, attributes and message attributes', () => {
  const table: [unknown, boolean[]][] = [
    [{ body: { type: ['order.created'] } }, [true, false, false]],
    [{ body: { type: [{ prefix: 'order.' }] } }, [true, false, false]],
    [{ body: { type: [{ suffix: 'fund' }] } }, [false, true, false]],
    [{ body: { type: [{ 'anything-but': ['refund'] }] } }, [true, false, false]],
    [{ body: { type: [{ 'anything-but': { prefix: 'order' } }] } }, [false, true, false]],
    [{ body: { data: { amount: [{ numeric: ['>', 100] }] } } }, [true, false, false]],
    [{ body: { data: { amount: [{ numeric: ['>=', 5, '<', 100] }] } } }, [false, true, false]],
    [{ body: { data: { tags: ['vip'] } } }, [true, false, false]],
    [{ body: { data: { email: [{ 'equals-ignore-case': 'a@example.COM' }] } } }, [true, false, false]],
    [{ body: { data: { email: [{ exists: true }] } } }, [true, false, false]],
    [{ body: { data: { email: [{ exists: false }] } } }, [false, true, false]],
    [{ body: { type: [{ wildcard: 'order.*' }] } }, [true, false, false]],
    [{ body: ['hello world'] }, [false, false, true]],
    [{ body: [{ prefix: 'hello' }] }, [false, false, true]],
    [{ attributes: { ApproximateReceiveCount: ['3'] } }, [false, true, false]],
    [{ messageAttributes: { type: { stringValue: ['order'] } } }, [true, false, false]],
    [{ $or: [{ body: { type: ['refund'] } }, { body: ['hello world'] }] }, [false, true, true]],
  ];
  for (const [pattern, expected] of table) assert.equal([pattern, passing(pattern)], [pattern, expected]);
});

test('filter: several filters are OR-ed, the fields of one pattern AND-ed', () => {
  assert.equal(passing({ body: { type: ['refund'] } }, { body: ['hello world'] }), [false, true, true]);
  assert.equal(
    passing({ body: { type: ['order.created'] }, attributes: { ApproximateReceiveCount: ['3'] } }),
    [false, false, false],
  );
});

test('filter: a pattern that is not JSON, or names an unknown operator, is refused', () => {
  assert.throws(
    () => compileFilter({ Filters: [{ Pattern: '{body' }] }),
    (e: Error) =>
      e instanceof EventSourceError &&
      e.code === 'InvalidFilter' &&
      /Filters\[0\]\.Pattern is not JSON/.test(e.message),
  );
  assert.throws(
    () => compileFilter({ Filters: [{ Pattern: '{"body":[{"regex":"x"}]}' }] }),
    (e: Error) =>
      e instanceof EventSourceError &&
      e.code === 'InvalidFilter' &&
      /unknown filter operator "regex"/.test(e.message),
  );
});

test.run();
