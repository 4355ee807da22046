import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { alarmFromProperties, createCloudWatchHandler } from '../../../local/metrics/index.js';
import { metric, startApi, stopApi, T0, type ApiCtx } from '../../helpers/metrics/api.js';

const api = suite<ApiCtx>('CloudWatch API writes, alarms and errors, through @aws-sdk/client-cloudwatch');
api.before.each(startApi);
api.after.each(stopApi);

api('PutMetricData: values, value lists with counts, statistic sets; then read back', async ({ cw }) => {
  await cw.send(
    new PutMetricDataCommand({
      Namespace: 'Custom',
      MetricData: [
        { MetricName: 'M', Value: 4, Unit: 'Count', Timestamp: new Date(T0 + 1000) },
        { MetricName: 'M', Values: [1, 2], Counts: [2, 1], Unit: 'Count', Timestamp: new Date(T0 + 2000) },
        {
          MetricName: 'M',
          StatisticValues: { SampleCount: 2, Sum: 20, Minimum: 5, Maximum: 15 },
          Unit: 'Count',
          Timestamp: new Date(T0 + 3000),
        },
      ],
    }),
  );
  const out = await cw.send(
    new GetMetricStatisticsCommand({
      Namespace: 'Custom',
      MetricName: 'M',
      StartTime: new Date(T0),
      EndTime: new Date(T0 + 60_000),
      Period: 60,
      Statistics: ['SampleCount', 'Sum', 'Minimum', 'Maximum'],
    }),
  );
  assert.equal(out.Datapoints, [
    { Timestamp: new Date(T0), SampleCount: 6, Sum: 28, Minimum: 1, Maximum: 15, Unit: 'Count' },
  ]);
});

api('PutMetricData with one bad datum stores none of them', async ({ cw, store }) => {
  const error = await cw
    .send(
      new PutMetricDataCommand({
        Namespace: 'Partial',
        MetricData: [
          { MetricName: 'Good', Value: 1 },
          { MetricName: 'Bad', Values: [1, 2], Counts: [1] },
        ],
      }),
    )
    .catch((e: Error) => [e.name, e.message]);
  assert.equal(error, [
    'InvalidParameterCombinationException',
    'The parameters MetricData.member.2.Values and MetricData.member.2.Counts must be of the same size.',
  ]);
  assert.equal(
    store.list().filter((s) => s.namespace === 'Partial'),
    [],
  );
});

api('DescribeAlarms: by names and by state, in the MetricAlarm shape', async ({ cw, alarms, clock }) => {
  const base = {
    Namespace: 'AWS/SQS',
    MetricName: 'ApproximateNumberOfMessagesVisible',
    Statistic: 'Maximum',
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: 0,
    ComparisonOperator: 'GreaterThanThreshold',
  };
  alarms.add(
    alarmFromProperties(
      { alarmName: 'dlq', alarmArn: 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:dlq' },
      {
        ...base,
        Dimensions: [{ Name: 'QueueName', Value: 'dlq' }],
        TreatMissingData: 'notBreaching',
        AlarmActions: ['arn:aws:sns:us-east-1:000000000000:topic'],
      },
    ),
  );
  alarms.add(
    alarmFromProperties(
      { alarmName: 'age', alarmArn: 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:age' },
      { ...base, MetricName: 'ApproximateAgeOfOldestMessage' },
    ),
  );
  alarms.tick(clock.now());
  const ok = await cw.send(new DescribeAlarmsCommand({ StateValue: 'OK' }));
  const t = new Date(clock.now());
  assert.equal(ok.MetricAlarms, [
    {
      AlarmName: 'dlq',
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:dlq',
      AlarmConfigurationUpdatedTimestamp: t,
      ActionsEnabled: true,
      OKActions: [],
      AlarmActions: ['arn:aws:sns:us-east-1:000000000000:topic'],
      InsufficientDataActions: [],
      StateValue: 'OK',
      StateReason:
        'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching].',
      StateReasonData: ok.MetricAlarms![0]!.StateReasonData!,
      StateUpdatedTimestamp: t,
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Statistic: 'Maximum',
      Dimensions: [{ Name: 'QueueName', Value: 'dlq' }],
      Period: 60,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      StateTransitionedTimestamp: t,
    },
  ]);
  const named = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['age', 'nope'] }));
  assert.equal(
    named.MetricAlarms!.map((a) => [a.AlarmName, a.StateValue]),
    [['age', 'INSUFFICIENT_DATA']],
  );
  const composite = await cw.send(new DescribeAlarmsCommand({ AlarmTypes: ['CompositeAlarm'] }));
  assert.equal([composite.MetricAlarms, composite.CompositeAlarms], [[], []]);
});

api('bad input answers with CloudWatch error codes', async ({ cw }) => {
  const q = { Id: 'm', MetricStat: { Metric: metric('MessagesProcessed'), Period: 60, Stat: 'Sum' } };
  const calls = [
    cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(T0 + 60_000),
        EndTime: new Date(T0),
        MetricDataQueries: [q],
      }),
    ),
    cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(T0),
        EndTime: new Date(T0 + 60_000),
        MetricDataQueries: [{ ...q, Id: 'Bad' }],
      }),
    ),
    cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(T0),
        EndTime: new Date(T0 + 60_000),
        MetricDataQueries: [q, { Id: 'e', Expression: 'm + nope' }],
      }),
    ),
    cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(T0),
        EndTime: new Date(T0 + 60_000),
        MetricDataQueries: [{ ...q, MetricStat: { ...q.MetricStat, Period: 45 } }],
      }),
    ),
    cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'Ferry',
        MetricName: 'M',
        StartTime: new Date(T0),
        EndTime: new Date(T0 + 60_000),
        Period: 60,
      }),
    ),
    cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'Ferry',
        MetricName: 'M',
        StartTime: new Date(T0),
        EndTime: new Date(T0 + 86_400_000 * 2),
        Period: 60,
        Statistics: ['Sum'],
      }),
    ),
    cw.send(new PutMetricDataCommand({ Namespace: 'AWS/SQS', MetricData: [{ MetricName: 'M', Value: 1 }] })),
    cw.send(
      new PutMetricDataCommand({
        Namespace: 'Custom',
        MetricData: [
          { MetricName: 'M', Value: 1, StatisticValues: { SampleCount: 1, Sum: 1, Minimum: 1, Maximum: 1 } },
        ],
      }),
    ),
    cw.send(new DescribeAlarmsCommand({ StateValue: 'RED' as 'OK' })),
  ];
  const errors = await Promise.all(
    calls.map((p) =>
      p.then(
        () => 'ok',
        (e: Error & { Code?: string }) => [e.name, e.message],
      ),
    ),
  );
  assert.equal(errors, [
    ['InvalidParameterValueException', 'The parameter StartTime must be less than the parameter EndTime.'],
    [
      'InvalidParameterValueException',
      'The value Bad for parameter MetricDataQueries.member.1.Id is invalid: it must start with a lowercase letter and contain only letters, numbers and underscores.',
    ],
    ['InvalidParameterValueException', 'Unrecognized metric id "nope" in expression: m + nope'],
    [
      'InvalidParameterValueException',
      'The parameter MetricDataQueries.member.1.MetricStat.Period must be 1, 5, 10, 20, 30, or any multiple of 60.',
    ],
    [
      'InvalidParameterCombinationException',
      'Must specify either Statistics or ExtendedStatistics, but not both.',
    ],
    [
      'InvalidParameterCombinationException',
      'You have requested up to 2880 datapoints, which exceeds the limit of 1440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.',
    ],
    [
      'InvalidParameterValueException',
      'The value AWS/SQS for parameter Namespace is invalid: the AWS/ namespaces are reserved.',
    ],
    [
      'InvalidParameterCombinationException',
      'The parameters MetricData.member.1.Value, MetricData.member.1.StatisticValues and MetricData.member.1.Values are mutually exclusive and one of them is required.',
    ],
    [
      'InvalidParameterValueException',
      'The value RED for parameter StateValue is invalid: expected one of OK, ALARM, INSUFFICIENT_DATA.',
    ],
  ]);
});

api('an unknown action and a body that is not JSON', async ({ store }) => {
  const handler = createCloudWatchHandler({ store });
  const unknown = await handler({
    method: 'POST',
    url: '/',
    headers: { 'x-amz-target': 'GraniteServiceVersion20100801.PutDashboard' },
    body: Buffer.from('{}'),
  });
  const broken = await handler({
    method: 'POST',
    url: '/',
    headers: { 'x-amz-target': 'GraniteServiceVersion20100801.ListMetrics' },
    body: Buffer.from('{'),
  });
  assert.equal(
    [unknown, broken],
    [
      {
        status: 400,
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amzn-query-error': 'InvalidAction;Sender',
        },
        body: JSON.stringify({
          __type: 'com.amazonaws.cloudwatch#InvalidAction',
          message: 'The action PutDashboard is not valid for this endpoint.',
        }),
      },
      {
        status: 400,
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amzn-query-error': 'SerializationException;Sender',
        },
        body: JSON.stringify({
          __type: 'com.amazonaws.cloudwatch#SerializationException',
          message: 'The request body is not valid JSON.',
        }),
      },
    ],
  );
});

api(
  '#15 fuzz: a query-protocol GET is refused in the query protocol, as a form POST is',
  async ({ store }) => {
    const handler = createCloudWatchHandler({ store });
    const answers = await Promise.all(
      [
        { method: 'GET', url: '/?Action=ListMetrics&Version=2010-08-01', headers: {}, body: Buffer.alloc(0) },
        {
          method: 'POST',
          url: '/',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: Buffer.from('Action=ListMetrics&Version=2010-08-01'),
        },
      ].map(handler),
    );
    const [get, post] = answers.map((a) => ({ ...a, body: String(a.body) }));
    assert.equal(get, post);
    assert.equal(
      { status: get!.status, headers: get!.headers },
      { status: 400, headers: { 'content-type': 'text/xml' } },
    );
    assert.match(get!.body, /^<ErrorResponse [^>]+><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code>/);
  },
);

api.run();
