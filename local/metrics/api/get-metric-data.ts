import type { MetricQuery } from '../alarms/definition.js';
import { QueryError } from '../errors.js';
import { runQueries } from '../query.js';
import type { MetricStore } from '../store.js';
import { CloudWatchError, fromQuery, invalid, missing } from './errors.js';
import {
  decodeToken,
  dimensions,
  encodeToken,
  int,
  list,
  period,
  seconds,
  statistic,
  str,
  time,
  type Input,
} from './params.js';

const ID = /^[a-z][a-zA-Z0-9_]*$/;

/** https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html */
export function getMetricData(store: MetricStore, input: Input): unknown {
  const raw = list(input, 'MetricDataQueries');
  if (raw === undefined) throw missing('MetricDataQueries');
  if (raw.length === 0 || raw.length > 500)
    throw invalid('MetricDataQueries must have from 1 to 500 members.');
  const queries = raw.map((q, i) => parseQuery((q ?? {}) as Input, i + 1));
  const ids = new Set<string>();
  for (const q of queries) {
    if (ids.has(q.Id))
      throw invalid(`The value ${q.Id} for parameter MetricDataQueries.member.Id is not unique.`);
    ids.add(q.Id);
  }
  const start = time(input, 'StartTime');
  const end = time(input, 'EndTime');
  if (start >= end) throw invalid('The parameter StartTime must be less than the parameter EndTime.');
  const scanBy = str(input, 'ScanBy') ?? 'TimestampDescending';
  if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
    throw invalid(
      `The value ${scanBy} for parameter ScanBy is invalid: expected TimestampDescending or TimestampAscending.`,
    );
  }
  const max = int(input, 'MaxDatapoints', false, 1, 100800) ?? 100800;
  const fingerprint = JSON.stringify([raw, input.StartTime, input.EndTime, scanBy, max]);
  const offset = decodeToken(str(input, 'NextToken'), fingerprint);

  let results;
  try {
    results = runQueries(store, queries, start, end).filter((r) => r.returnData);
  } catch (e) {
    if (e instanceof QueryError) throw fromQuery(e);
    throw e;
  }
  // Pages count datapoints across results in order: `offset` datapoints were sent before.
  let skip = offset;
  let room = max;
  let more = false;
  const out = results.map((r) => {
    const order = r.timestamps.map((_, i) => i);
    if (scanBy === 'TimestampDescending') order.reverse();
    const from = Math.min(skip, order.length);
    skip -= from;
    const take = Math.min(room, order.length - from);
    room -= take;
    if (from + take < order.length) more = true;
    const picked = order.slice(from, from + take);
    return {
      Id: r.id,
      Label: r.label,
      Timestamps: picked.map((i) => seconds(r.timestamps[i]!)),
      Values: picked.map((i) => r.values[i]!),
      StatusCode: from + take < order.length ? 'PartialData' : 'Complete',
    };
  });
  const body: Record<string, unknown> = { MetricDataResults: out, Messages: [] };
  if (more) body.NextToken = encodeToken(offset + max, fingerprint);
  return body;
}

function parseQuery(q: Input, n: number): MetricQuery {
  const at = `MetricDataQueries.member.${n}`;
  const id = str(q, 'Id');
  if (id === undefined) throw missing(`${at}.Id`);
  if (!ID.test(id)) {
    throw invalid(
      `The value ${id} for parameter ${at}.Id is invalid: it must start with a lowercase letter and contain only letters, numbers and underscores.`,
    );
  }
  const out: MetricQuery = { Id: id };
  const expression = str(q, 'Expression');
  const stat = q.MetricStat as Input | undefined;
  if ((expression === undefined) === (stat === undefined || stat === null)) {
    throw new CloudWatchError(
      'InvalidParameterCombination',
      `Exactly one of MetricStat and Expression must be given in ${at} (Id ${id}).`,
    );
  }
  if (expression !== undefined) out.Expression = expression;
  const label = str(q, 'Label');
  if (label !== undefined) out.Label = label;
  if (q.ReturnData === false) out.ReturnData = false;
  if (q.Period !== undefined) out.Period = period(q.Period, `${at}.Period`);
  if (stat !== undefined && stat !== null) {
    const metric = (stat.Metric ?? {}) as Input;
    out.MetricStat = {
      Metric: {
        Namespace: str(metric, 'Namespace') ?? throwMissing(`${at}.MetricStat.Metric.Namespace`),
        MetricName: str(metric, 'MetricName') ?? throwMissing(`${at}.MetricStat.Metric.MetricName`),
        Dimensions: dimensions(metric.Dimensions, `${at}.MetricStat.Metric.Dimensions`),
      },
      Period: period(stat.Period, `${at}.MetricStat.Period`),
      Stat: statistic(stat.Stat, `${at}.MetricStat.Stat`),
    };
    const unit = str(stat, 'Unit');
    if (unit !== undefined) out.MetricStat.Unit = unit;
  }
  return out;
}

function throwMissing(parameter: string): never {
  throw missing(parameter);
}
