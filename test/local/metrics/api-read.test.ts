import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
} from '@aws-sdk/client-cloudwatch';
import { consumer } from '../../helpers/metrics/api.js';
import { metric, startApi, stopApi, T0, type ApiCtx } from '../../helpers/metrics/api.js';

const api = suite<ApiCtx>('CloudWatch API reads, through @aws-sdk/client-cloudwatch');
api.before.each(startApi);
api.after.each(stopApi);

api('GetMetricData: MetricStat and an expression, newest first by default', async ({ cw }) => {
  const out = await cw.send(
    new GetMetricDataCommand({
      StartTime: new Date(T0),
      EndTime: new Date(T0 + 300_000),
      MetricDataQueries: [
        { Id: 'processed', MetricStat: { Metric: metric('MessagesProcessed'), Period: 60, Stat: 'Sum' } },
        { Id: 'doubled', Expression: 'processed * 2', Label: 'twice' },
        {
          Id: 'p',
          MetricStat: { Metric: metric('ProcessingTime'), Period: 300, Stat: 'p99' },
          ReturnData: true,
        },
        {
          Id: 'hidden',
          MetricStat: { Metric: metric('ProcessingTime'), Period: 60, Stat: 'Maximum' },
          ReturnData: false,
        },
      ],
    }),
  );
  const at = (m: number) => new Date(T0 + m * 60_000);
  assert.equal(out.MetricDataResults, [
    {
      Id: 'processed',
      Label: 'MessagesProcessed',
      Timestamps: [at(3), at(1), at(0)],
      Values: [2, 5, 3],
      StatusCode: 'Complete',
    },
    {
      Id: 'doubled',
      Label: 'twice',
      Timestamps: [at(3), at(1), at(0)],
      Values: [4, 10, 6],
      StatusCode: 'Complete',
    },
    { Id: 'p', Label: 'ProcessingTime', Timestamps: [at(0)], Values: [99], StatusCode: 'Complete' },
  ]);
  assert.equal(out.Messages, []);
});

api('GetMetricData: ascending scan and pagination by MaxDatapoints', async ({ cw }) => {
  const input = {
    StartTime: new Date(T0),
    EndTime: new Date(T0 + 300_000),
    ScanBy: 'TimestampAscending' as const,
    MaxDatapoints: 2,
    MetricDataQueries: [
      { Id: 'm', MetricStat: { Metric: metric('MessagesProcessed'), Period: 60, Stat: 'Sum' } },
    ],
  };
  const first = await cw.send(new GetMetricDataCommand(input));
  const second = await cw.send(new GetMetricDataCommand({ ...input, NextToken: first.NextToken }));
  assert.equal(
    [first, second].map((p) => [
      p.MetricDataResults![0]!.Values,
      p.MetricDataResults![0]!.StatusCode,
      p.NextToken === undefined,
    ]),
    [
      [[3, 5], 'PartialData', false],
      [[2], 'Complete', true],
    ],
  );
  const bad = await cw
    .send(new GetMetricDataCommand({ ...input, MaxDatapoints: 3, NextToken: first.NextToken }))
    .catch((e: Error) => e);
  assert.equal(
    [(bad as Error).name, (bad as Error).message],
    ['InvalidNextToken', 'The service returned an invalid or expired NextToken.'],
  );
});

api('GetMetricStatistics: standard and extended statistics per period', async ({ cw }) => {
  const out = await cw.send(
    new GetMetricStatisticsCommand({
      ...metric('ProcessingTime'),
      StartTime: new Date(T0),
      EndTime: new Date(T0 + 120_000),
      Period: 60,
      Statistics: ['Average', 'SampleCount', 'Maximum'],
    }),
  );
  assert.equal(out.Datapoints, [
    { Timestamp: new Date(T0), Average: 50.5, SampleCount: 100, Maximum: 100, Unit: 'Milliseconds' },
  ]);
  const ext = await cw.send(
    new GetMetricStatisticsCommand({
      ...metric('ProcessingTime'),
      StartTime: new Date(T0),
      EndTime: new Date(T0 + 120_000),
      Period: 60,
      ExtendedStatistics: ['p50', 'p90'],
    }),
  );
  assert.equal(ext.Datapoints, [
    { Timestamp: new Date(T0), ExtendedStatistics: { p50: 50, p90: 90 }, Unit: 'Milliseconds' },
  ]);
});

api('ListMetrics: filters by namespace, name and dimension', async ({ cw, store }) => {
  store.put('AWS/SQS', 'ApproximateNumberOfMessagesVisible', [{ Name: 'QueueName', Value: 'q' }], 0);
  const all = await cw.send(new ListMetricsCommand({ Namespace: 'Ferry' }));
  assert.equal(all.Metrics, [
    { Namespace: 'Ferry', MetricName: 'MessagesProcessed', Dimensions: consumer },
    { Namespace: 'Ferry', MetricName: 'ProcessingTime', Dimensions: consumer },
  ]);
  const byDim = await cw.send(new ListMetricsCommand({ Dimensions: [{ Name: 'QueueName' }] }));
  assert.equal(byDim.Metrics, [
    {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: 'q' }],
    },
  ]);
});

api.run();
