import {
  getAtt,
  numberAtDefault,
  numberAtMost,
  ref,
  resource,
  resourcesOfType,
  roleStatements,
} from './template.js';
import type { Template } from './template.js';

/**
 * The rules template.yaml must keep. Each throws an Error that says what broke; the test runs
 * every one on the real template, and on a copy edited the wrong way.
 */

function same(actual: unknown, expected: unknown, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

function props(template: Template, id: string, type: string): Record<string, unknown> {
  return resource(template, id, type).Properties ?? {};
}

function mapping(template: Template): Record<string, unknown> {
  const all = resourcesOfType(template, 'AWS::Lambda::EventSourceMapping');
  if (all.length !== 1) throw new Error(`expected one event source mapping, found ${all.length}`);
  return all[0]![1].Properties ?? {};
}

/** https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html#events-sqs-queueconfig */
export function visibilityCoversRetries(t: Template): void {
  const queue = props(t, 'MessagesQueue', 'AWS::SQS::Queue');
  const consumer = props(t, 'ConsumerFunction', 'AWS::Lambda::Function');
  const visibility = numberAtDefault(t, queue.VisibilityTimeout, 'the queue VisibilityTimeout');
  const timeout = numberAtDefault(t, consumer.Timeout, 'the consumer Timeout');
  const window = numberAtDefault(t, mapping(t).MaximumBatchingWindowInSeconds ?? 0, 'the batching window');
  if (visibility < 6 * timeout + window) {
    throw new Error(`visibility ${visibility}s < 6 x consumer timeout ${timeout}s + window ${window}s`);
  }
}

export function mappingReportsBatchItemFailures(t: Template): void {
  const esm = mapping(t);
  same(esm.FunctionResponseTypes, ['ReportBatchItemFailures'], 'FunctionResponseTypes');
  same(esm.EventSourceArn, getAtt('MessagesQueue', 'Arn'), 'the mapping source');
  same(esm.FunctionName, ref('ConsumerFunction'), 'the mapping target');
  for (const key of ['BatchSize', 'MaximumBatchingWindowInSeconds']) {
    if (typeof (esm[key] as { Ref?: unknown } | undefined)?.Ref !== 'string')
      throw new Error(`${key} is not a parameter`);
  }
  const scaling = esm.ScalingConfig as { MaximumConcurrency?: { Ref?: unknown } } | undefined;
  if (typeof scaling?.MaximumConcurrency?.Ref !== 'string')
    throw new Error('MaximumConcurrency is not a parameter');
}

/** A message keeps its enqueue time in a standard DLQ, so the DLQ must keep messages longer. */
export function dlqOutlivesQueue(t: Template): void {
  const queue = props(t, 'MessagesQueue', 'AWS::SQS::Queue');
  const dlq = props(t, 'DeadLetterQueue', 'AWS::SQS::Queue');
  const dlqRetention = numberAtDefault(t, dlq.MessageRetentionPeriod, 'the DLQ retention');
  same(dlqRetention, 1209600, 'the DLQ retention');
  const queueRetention = numberAtMost(t, queue.MessageRetentionPeriod, 'the queue retention');
  if (!(dlqRetention > queueRetention)) {
    throw new Error(`the DLQ keeps messages ${dlqRetention}s, the queue up to ${queueRetention}s`);
  }
}

export function redriveBetweenTheQueues(t: Template): void {
  const queue = props(t, 'MessagesQueue', 'AWS::SQS::Queue');
  const dlq = props(t, 'DeadLetterQueue', 'AWS::SQS::Queue');
  same(
    queue.RedrivePolicy,
    { deadLetterTargetArn: getAtt('DeadLetterQueue', 'Arn'), maxReceiveCount: ref('MaxReceiveCount') },
    'RedrivePolicy',
  );
  same(numberAtDefault(t, ref('MaxReceiveCount'), 'MaxReceiveCount'), 5, 'the default MaxReceiveCount');
  const queueName = (queue.QueueName as { 'Fn::Sub': string })['Fn::Sub'];
  same(
    dlq.RedriveAllowPolicy,
    {
      redrivePermission: 'byQueue',
      sourceQueueArns: [
        { 'Fn::Sub': `arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:${queueName}` },
      ],
    },
    'the DLQ RedriveAllowPolicy',
  );
  same([queue.SqsManagedSseEnabled, dlq.SqsManagedSseEnabled], [true, true], 'SSE on both queues');
}

export function alarmOnDlqVisibleMessages(t: Template): void {
  const found = resourcesOfType(t, 'AWS::CloudWatch::Alarm').filter(([, a]) => {
    const p = a.Properties ?? {};
    return (
      p.Namespace === 'AWS/SQS' &&
      p.MetricName === 'ApproximateNumberOfMessagesVisible' &&
      JSON.stringify(p.Dimensions) ===
        JSON.stringify([{ Name: 'QueueName', Value: getAtt('DeadLetterQueue', 'QueueName') }])
    );
  });
  if (found.length !== 1)
    throw new Error(`expected one alarm on the DLQ's visible messages, found ${found.length}`);
  const p = found[0]![1].Properties ?? {};
  same(
    [p.Threshold, p.ComparisonOperator, p.AlarmActions],
    [0, 'GreaterThanThreshold', [ref('AlarmTopic')]],
    'the DLQ alarm',
  );
}

/** Each function: its own role, its own log group named after it, and logs written only there. */
export function functionsOwnRoleAndLogGroup(t: Template): void {
  const functions = resourcesOfType(t, 'AWS::Lambda::Function');
  same(functions.map(([id]) => id).sort(), ['ConsumerFunction', 'ProducerFunction'], 'the functions');
  const roles = new Set<string>();
  const groups = new Set<string>();
  for (const [id, fn] of functions) {
    const p = fn.Properties ?? {};
    const role = (p.Role as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
    const group = (p.LoggingConfig as { LogGroup?: { Ref?: string } } | undefined)?.LogGroup?.Ref;
    if (role?.[1] !== 'Arn') throw new Error(`${id} Role is not the Arn of a role in the template`);
    if (group === undefined) throw new Error(`${id} names no log group of the template`);
    resource(t, role[0], 'AWS::IAM::Role');
    const lg = props(t, group, 'AWS::Logs::LogGroup');
    if (roles.has(role[0]) || groups.has(group)) throw new Error(`${id} shares its role or log group`);
    roles.add(role[0]);
    groups.add(group);
    same(
      lg.LogGroupName,
      { 'Fn::Sub': `/aws/lambda/${(p.FunctionName as { 'Fn::Sub': string })['Fn::Sub']}` },
      `${id} log group name`,
    );
    numberAtDefault(t, lg.RetentionInDays, `${group} RetentionInDays`);
    const logStatements = roleStatements(t, role[0]).filter((s) =>
      s.Action.some((a) => a.startsWith('logs:')),
    );
    same(
      logStatements.map((s) => [s.Action, s.Resource]),
      [[['logs:CreateLogStream', 'logs:PutLogEvents'], getAtt(group, 'Arn')]],
      `${role[0]} log permissions`,
    );
  }
}

const withoutLogs = (t: Template, role: string) =>
  roleStatements(t, role)
    .filter((s) => !s.Action.some((a) => a.startsWith('logs:')))
    .map((s) => ({ Effect: s.Effect, Action: s.Action, Resource: s.Resource }));

export function producerMaySendOnly(t: Template): void {
  same(
    withoutLogs(t, 'ProducerRole'),
    [{ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: getAtt('MessagesQueue', 'Arn') }],
    'the producer permissions',
  );
}

export function consumerPermissions(t: Template): void {
  same(
    withoutLogs(t, 'ConsumerRole'),
    [
      {
        Effect: 'Allow',
        Action: [
          'sqs:ChangeMessageVisibility',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:ReceiveMessage',
        ],
        Resource: getAtt('MessagesQueue', 'Arn'),
      },
      { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: getAtt('DeadLetterQueue', 'Arn') },
    ],
    'the consumer permissions',
  );
}

export function producerRoutes(t: Template): void {
  const routes = resourcesOfType(t, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties ?? {});
  same(
    routes.map((r) => r.RouteKey).sort(),
    ['GET /types', 'POST /messages', 'POST /messages/batch'],
    'the routes',
  );
  for (const r of routes)
    same(r.Target, { 'Fn::Sub': 'integrations/${ProducerIntegration}' }, `${String(r.RouteKey)} target`);
  const integration = props(t, 'ProducerIntegration', 'AWS::ApiGatewayV2::Integration');
  same(
    [integration.IntegrationType, integration.PayloadFormatVersion, integration.IntegrationUri],
    ['AWS_PROXY', '2.0', getAtt('ProducerFunction', 'Arn')],
    'the integration',
  );
}

export const REQUIRED_OUTPUTS = [
  'ApiUrl',
  'ConsumerFunctionName',
  'ConsumerLogGroupName',
  'DashboardUrl',
  'DlqUrl',
  'ProducerFunctionName',
  'ProducerLogGroupName',
  'QueueUrl',
];

export function outputsPresent(t: Template): void {
  const missing = REQUIRED_OUTPUTS.filter((name) => t.Outputs?.[name]?.Value === undefined);
  if (missing.length > 0) throw new Error(`missing outputs: ${missing.join(', ')}`);
}

export function functionEnvironment(t: Template): void {
  const env = (id: string) =>
    (props(t, id, 'AWS::Lambda::Function').Environment as { Variables: Record<string, unknown> }).Variables;
  const queue = props(t, 'MessagesQueue', 'AWS::SQS::Queue');
  same(
    env('ProducerFunction'),
    {
      QUEUE_URL: ref('MessagesQueue'),
      MAX_MESSAGE_BYTES: queue.MaximumMessageSize,
      LOG_LEVEL: ref('LogLevel'),
      POWERTOOLS_SERVICE_NAME: 'ferry-producer',
      POWERTOOLS_METRICS_NAMESPACE: 'Ferry',
      NODE_OPTIONS: '--enable-source-maps',
    },
    'the producer environment',
  );
  same(
    env('ConsumerFunction'),
    {
      DLQ_URL: ref('DeadLetterQueue'),
      LOG_LEVEL: ref('LogLevel'),
      POWERTOOLS_SERVICE_NAME: 'ferry-consumer',
      POWERTOOLS_METRICS_NAMESPACE: 'Ferry',
      NODE_OPTIONS: '--enable-source-maps',
    },
    'the consumer environment',
  );
  for (const [id, dir] of [
    ['ProducerFunction', 'producer'],
    ['ConsumerFunction', 'consumer'],
  ] as const) {
    const p = props(t, id, 'AWS::Lambda::Function');
    same([p.Code, p.Handler, p.Architectures], [`../dist/${dir}`, 'index.handler', ['arm64']], `${id} code`);
    if (!['nodejs22.x', 'nodejs24.x'].includes(String(p.Runtime)))
      throw new Error(`${id} runtime ${String(p.Runtime)}`);
  }
}

export const INVARIANTS = {
  visibilityCoversRetries,
  mappingReportsBatchItemFailures,
  dlqOutlivesQueue,
  redriveBetweenTheQueues,
  alarmOnDlqVisibleMessages,
  functionsOwnRoleAndLogGroup,
  producerMaySendOnly,
  consumerPermissions,
  producerRoutes,
  outputsPresent,
  functionEnvironment,
};
