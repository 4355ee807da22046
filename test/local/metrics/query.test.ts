import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LocalError } from '../../../local/errors.js';
import { QueryError } from '../../../local/metrics/errors.js';
import { runQueries } from '../../../local/metrics/query.js';
import { MetricStore } from '../../../local/metrics/store.js';

const T0 = Date.UTC(2026, 10, 27, 3, 0, 0);
const M = 60_000;

function seeded() {
  const store = new MetricStore({ now: () => T0 + 10 * M });
  const put = (name: string, service: string, reason: string | undefined, minute: number, v: number) =>
    store.put(
      'Ferry',
      name,
      [
        { Name: 'Service', Value: service },
        ...(reason === undefined ? [] : [{ Name: 'Reason', Value: reason }]),
      ],
      v,
      T0 + minute * M,
    );
  put('MessagesRejected', 'ferry-producer', undefined, 0, 3);
  put('MessagesRejected', 'ferry-producer', 'invalid-data', 0, 2);
  put('MessagesRejected', 'ferry-producer', 'unknown-type', 0, 1);
  put('MessagesRejected', 'ferry-producer', 'unknown-type', 1, 4);
  put('MessagesFailed', 'ferry-consumer', 'transient', 1, 5);
  return store;
}

const stat = (name: string, dims: Record<string, string>, s = 'Sum') => ({
  Metric: {
    Namespace: 'Ferry',
    MetricName: name,
    Dimensions: Object.entries(dims).map(([Name, Value]) => ({ Name, Value })),
  },
  Period: 60,
  Stat: s,
});

test('SEARCH answers every series of the schema matching the terms, labelled by dimension values', () => {
  const out = runQueries(
    seeded(),
    [{ Id: 'r', Expression: `SEARCH('{Ferry,Service,Reason} MetricName="MessagesRejected"', 'Sum', 60)` }],
    T0,
    T0 + 5 * M,
  );
  assert.equal(out, [
    { id: 'r', returnData: true, label: 'invalid-data ferry-producer', timestamps: [T0], values: [2] },
    {
      id: 'r',
      returnData: true,
      label: 'unknown-type ferry-producer',
      timestamps: [T0, T0 + M],
      values: [1, 4],
    },
  ]);
});

test('SUM over a SEARCH, arithmetic on lists and series, FILL, and a constant', () => {
  const out = runQueries(
    seeded(),
    [
      {
        Id: 'total',
        Expression: `SUM(SEARCH('{Ferry,Service,Reason} MetricName="MessagesRejected"', 'Sum', 60))`,
      },
      { Id: 'all', MetricStat: stat('MessagesRejected', { Service: 'ferry-producer' }), ReturnData: false },
      { Id: 'filled', Expression: 'FILL(all, 0) * 10', Period: 60 },
      { Id: 'limit', Expression: '2 + 3', Period: 60 },
    ],
    T0,
    T0 + 3 * M,
  );
  assert.equal(
    out.map((r) => [r.id, r.returnData, r.timestamps.map((t) => (t - T0) / M), r.values]),
    [
      ['total', true, [0, 1], [3, 4]],
      ['all', false, [0], [3]],
      ['filled', true, [0, 1, 2], [30, 0, 0]],
      ['limit', true, [0, 1, 2], [5, 5, 5]],
    ],
  );
});

test('expression errors name what is wrong', () => {
  const errors = ['m +', 'nope * 2', 'm @ 2', 'LOG(m)', 'a', `SEARCH('x', 60)`].map((expression) => {
    try {
      runQueries(
        seeded(),
        [
          { Id: 'm', MetricStat: stat('MessagesFailed', { Service: 'ferry-consumer', Reason: 'transient' }) },
          { Id: 'a', Expression: expression },
        ],
        T0,
        T0 + M,
      );
      return 'ok';
    } catch (e) {
      return [(e as QueryError).name, (e as QueryError).code, (e as QueryError).message];
    }
  });
  assert.equal(errors, [
    ['QueryError', 'InvalidExpression', 'Unexpected end of expression: m +'],
    ['QueryError', 'UnknownMetricId', 'Unrecognized metric id "nope" in expression: nope * 2'],
    ['QueryError', 'InvalidExpression', 'Unexpected character at position 3 in expression: m @ 2'],
    ['QueryError', 'InvalidExpression', 'Unsupported function LOG in expression: LOG(m)'],
    ['QueryError', 'CircularReference', 'Circular reference to metric id a.'],
    [
      'QueryError',
      'InvalidExpression',
      `SEARCH takes a search string, a statistic and a period: SEARCH('x', 60)`,
    ],
  ]);
  assert.ok(new QueryError('InvalidExpression', 'x') instanceof LocalError);
});

test.run();
