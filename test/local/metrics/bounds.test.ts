import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { GetMetricDataCommand, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { metric, startApi, stopApi, T0, type ApiCtx } from '../../helpers/metrics/api.js';

const bounds = suite<ApiCtx>('CloudWatch API: work bounded by what is returned');
bounds.before.each(startApi);
bounds.after.each(stopApi);

const YEAR = 365 * 86400_000;
const NOW = T0 + 600_000;
/** Every second from `from` (inclusive) to `to` (exclusive), newest first, as the SDK parses them. */
const secondsDescending = (from: number, to: number): Date[] =>
  Array.from({ length: (to - from) / 1000 }, (_, i) => new Date(to - 1000 - i * 1000));

bounds(
  '#15.2: a constant over ten years at Period 1 answers only the seconds CloudWatch keeps',
  async ({ cw }) => {
    // Before: a grid of 630 million periods was built before MaxDatapoints (3.5 GB, a fatal V8 error).
    const out = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(NOW - 10 * YEAR),
        EndTime: new Date(NOW + 10 * YEAR),
        MetricDataQueries: [{ Id: 'one', Expression: '1', Period: 1 }],
      }),
    );
    // Periods under 60 s are kept 3 hours; nothing is accepted more than 2 hours ahead.
    const timestamps = secondsDescending(NOW - 3 * 3600_000, NOW + 2 * 3600_000);
    assert.equal(out.MetricDataResults, [
      {
        Id: 'one',
        Label: 'one',
        Timestamps: timestamps,
        Values: timestamps.map(() => 1),
        StatusCode: 'Complete',
      },
    ]);
    assert.is(out.NextToken, undefined);
  },
);

bounds('#15.2: FILL over ten years at Period 60 draws only the periods CloudWatch keeps', async ({ cw }) => {
  const out = await cw.send(
    new GetMetricDataCommand({
      StartTime: new Date(NOW - 10 * YEAR),
      EndTime: new Date(NOW + 10 * YEAR),
      ScanBy: 'TimestampAscending',
      MaxDatapoints: 5,
      MetricDataQueries: [
        {
          Id: 'm',
          MetricStat: { Metric: metric('MessagesProcessed'), Period: 60, Stat: 'Sum' },
          ReturnData: false,
        },
        { Id: 'filled', Expression: 'FILL(m, 0)' },
      ],
    }),
  );
  // One-minute periods are kept 15 days: the first page starts there, not ten years back.
  const from = NOW - 15 * 86400_000;
  assert.equal(out.MetricDataResults, [
    {
      Id: 'filled',
      Label: 'filled',
      Timestamps: [0, 1, 2, 3, 4].map((i) => new Date(from + i * 60_000)),
      Values: [0, 0, 0, 0, 0],
      StatusCode: 'PartialData',
    },
  ]);
});

bounds('#15.2: GetMetricStatistics refuses more than 1,440 datapoints before any work', async ({ cw }) => {
  type Failure = Error & { $metadata?: { httpStatusCode?: number } };
  const error = await cw
    .send(
      new GetMetricStatisticsCommand({
        ...metric('MessagesProcessed'),
        StartTime: new Date(NOW - 10 * YEAR),
        EndTime: new Date(NOW),
        Period: 1,
        Statistics: ['Sum'],
      }),
    )
    .then(
      (): Failure => {
        throw new Error('GetMetricStatistics answered');
      },
      (e: Failure) => e,
    );
  assert.equal(
    { name: error.name, status: error.$metadata?.httpStatusCode, message: error.message },
    {
      name: 'InvalidParameterCombinationException',
      status: 400,
      message:
        'You have requested up to 315360000 datapoints, which exceeds the limit of 1440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.',
    },
  );
});

bounds.run();
