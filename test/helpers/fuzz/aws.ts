// Generated requests for the AWS endpoint: SQS on JSON 1.0 and on the query protocol, CloudWatch
// Logs (JSON 1.1) and CloudWatch (JSON 1.0). Near-valid most of the time, so that they get past
// the first checks, and odd the rest.
import fc from 'fast-check';
import type { RawRequest } from './http.js';
import { anyNumber, anyString, bodyOf, nameFrom, nearRecord, oddValue, timestamp } from './values.js';

const SQS_ACTIONS = [
  'SendMessage',
  'SendMessageBatch',
  'ReceiveMessage',
  'DeleteMessage',
  'DeleteMessageBatch',
  'ChangeMessageVisibility',
  'ChangeMessageVisibilityBatch',
  'CreateQueue',
  'GetQueueUrl',
  'GetQueueAttributes',
  'SetQueueAttributes',
  'ListQueues',
  'ListQueueTags',
  'TagQueue',
  'UntagQueue',
  'ListDeadLetterSourceQueues',
  'StartMessageMoveTask',
  'ListMessageMoveTasks',
  'CancelMessageMoveTask',
  'AddPermission',
  'RemovePermission',
  'PurgeQueue',
];
const QUEUE_ATTRIBUTES = [
  'All',
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'RedrivePolicy',
  'FifoQueue',
  'ContentBasedDeduplication',
  'Policy',
];
const DATA_TYPES = ['String', 'Number', 'Binary', 'String.x', 'Number.1', 'Binary.', 'string', ''];

/** The queues a fuzz test creates before it starts, so that near-valid URLs find a queue. */
export const FUZZ_QUEUES = ['fuzz-q', 'fuzz-q.fifo'];

function queueUrl(endpoint: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...FUZZ_QUEUES.map((q) => `${endpoint}/000000000000/${q}`)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('http://evil.example/1/fuzz-q', '/000000000000/fuzz-q', '', 'fuzz-q'),
    },
    { weight: 1, arbitrary: anyString.map((s) => `${endpoint}/000000000000/${s}`) },
  );
}

const messageAttribute = nearRecord({
  DataType: nameFrom(DATA_TYPES),
  StringValue: fc.oneof(anyString, anyNumber.map(String)),
  BinaryValue: fc.base64String({ maxLength: 40 }),
});
const messageAttributes = fc.dictionary(nameFrom(['a', 'type', 'x.y', 'AWS.x', '.a']), messageAttribute, {
  maxKeys: 3,
});
const entry = nearRecord({
  Id: nameFrom(['1', '2', 'a-b']),
  MessageBody: anyString,
  DelaySeconds: anyNumber,
  ReceiptHandle: anyString,
  VisibilityTimeout: anyNumber,
  MessageAttributes: messageAttributes,
  MessageGroupId: anyString,
  MessageDeduplicationId: anyString,
});

function sqsInput(endpoint: string): fc.Arbitrary<Record<string, unknown>> {
  return nearRecord({
    QueueUrl: queueUrl(endpoint),
    QueueName: nameFrom(['fuzz-q', 'fuzz-new', 'fuzz-new.fifo']),
    MessageBody: anyString,
    DelaySeconds: anyNumber,
    MaxNumberOfMessages: anyNumber,
    WaitTimeSeconds: fc.constantFrom(0, 1, -1, 21, '0'),
    VisibilityTimeout: anyNumber,
    ReceiptHandle: anyString,
    Attributes: fc.dictionary(nameFrom(QUEUE_ATTRIBUTES), fc.oneof(anyString, anyNumber.map(String)), {
      maxKeys: 3,
    }),
    AttributeNames: fc.array(nameFrom(QUEUE_ATTRIBUTES), { maxLength: 3 }),
    MessageAttributeNames: fc.array(nameFrom(['All', '.*', 'a', 'a.*']), { maxLength: 3 }),
    MessageAttributes: messageAttributes,
    Entries: fc.array(entry, { maxLength: 12 }),
    Tags: fc.dictionary(anyString, anyString, { maxKeys: 3 }),
    TagKeys: fc.array(anyString, { maxLength: 3 }),
    MaxResults: anyNumber,
    NextToken: anyString,
    QueueNamePrefix: anyString,
    SourceArn: fc.oneof(fc.constant('arn:aws:sqs:us-east-1:000000000000:fuzz-q'), anyString),
    TaskHandle: anyString,
  });
}

/** SQS on AWS JSON 1.0: POST /, X-Amz-Target AmazonSQS.<Action>. */
export function sqsJson(endpoint: string): fc.Arbitrary<RawRequest> {
  const generic = fc.record({
    method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT'),
    path: fc.constantFrom('/', '/', '/000000000000/fuzz-q', '/?a=b'),
    headers: fc
      .tuple(
        nameFrom(SQS_ACTIONS),
        fc.constantFrom('application/x-amz-json-1.0', 'application/json', 'text/plain'),
      )
      .map(([action, type]) => ({ 'x-amz-target': `AmazonSQS.${action}`, 'content-type': type })),
    body: bodyOf(sqsInput(endpoint)),
  });
  return fc.oneof(generic, sendWithAttributes(endpoint));
}

/** A valid message attribute value of each data type. */
const validAttribute = fc.oneof(
  fc.string({ minLength: 1 }).map((v) => ({ DataType: 'String', StringValue: v })),
  fc.integer().map((v) => ({ DataType: 'Number', StringValue: String(v) })),
  fc.base64String({ minLength: 4, maxLength: 40 }).map((v) => ({ DataType: 'Binary', BinaryValue: v })),
);

/**
 * SendMessage with everything valid but the attribute names, which include prototype keys; the
 * JSON is written by hand, so that "__proto__" travels as a name and not as an object's prototype.
 */
function sendWithAttributes(endpoint: string): fc.Arbitrary<RawRequest> {
  return fc
    .tuple(
      fc.constantFrom(...FUZZ_QUEUES.filter((q) => !q.endsWith('.fifo'))),
      fc.array(fc.tuple(nameFrom(['a', 'type', 'b.c']), validAttribute), { minLength: 1, maxLength: 3 }),
    )
    .map(([queue, attributes]) => {
      const map = attributes
        .map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`)
        .join(',');
      const url = JSON.stringify(`${endpoint}/000000000000/${queue}`);
      return {
        method: 'POST',
        path: '/',
        headers: { 'x-amz-target': 'AmazonSQS.SendMessage', 'content-type': 'application/x-amz-json-1.0' },
        body: `{"QueueUrl":${url},"MessageBody":"m","MessageAttributes":{${map}}}`,
      };
    });
}

/** Query-protocol pairs for a JSON-shaped input: `Attribute.1.Name`, `MessageAttribute.1.Value.DataType`... */
const index = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('0', '-1', '1e3', '', '01', '99999999999999999999', '__proto__') },
);

function queryPairs(endpoint: string): fc.Arbitrary<[string, string][]> {
  const text = fc.oneof(anyString, anyNumber.map(String));
  const scalar = fc.tuple(
    nameFrom([
      'QueueUrl',
      'QueueName',
      'MessageBody',
      'DelaySeconds',
      'MaxNumberOfMessages',
      'VisibilityTimeout',
      'ReceiptHandle',
      'WaitTimeSeconds',
      'QueueNamePrefix',
      'MaxResults',
      'NextToken',
      'SourceArn',
    ]),
    fc.oneof(queueUrl(endpoint), text),
  );
  const attribute = fc.tuple(index, nameFrom(QUEUE_ATTRIBUTES), text).chain(([i, name, value]) =>
    fc.constant<[string, string][]>([
      [`Attribute.${i}.Name`, name],
      [`Attribute.${i}.Value`, value],
    ]),
  );
  const msgAttribute = fc
    .tuple(index, nameFrom(['a', 'type', '__proto__']), nameFrom(DATA_TYPES), text)
    .map(([i, name, type, value]): [string, string][] => [
      [`MessageAttribute.${i}.Name`, name],
      [`MessageAttribute.${i}.Value.DataType`, type],
      [`MessageAttribute.${i}.Value.StringValue`, value],
    ]);
  const batch = fc
    .tuple(index, nameFrom(['Id', 'MessageBody', 'ReceiptHandle', 'DelaySeconds']), text)
    .map(([i, field, value]): [string, string][] => [
      [`SendMessageBatchRequestEntry.${i}.${field}`, value],
      [`DeleteMessageBatchRequestEntry.${i}.${field}`, value],
    ]);
  const raw = fc.tuple(anyString, anyString).map((p): [string, string][] => [p]);
  return fc
    .array(
      fc.oneof(
        scalar.map((p): [string, string][] => [p]),
        attribute,
        msgAttribute,
        batch,
        raw,
      ),
      { maxLength: 6 },
    )
    .map((groups) => groups.flat());
}

/** SQS on the query protocol: Action and indexed parameters, form-encoded (or not quite), POST or GET. */
export function sqsQuery(endpoint: string): fc.Arbitrary<RawRequest> {
  return fc
    .record({
      action: nameFrom(SQS_ACTIONS),
      version: fc.constantFrom('2012-11-05', '2012-11-05', '', '2010-08-01'),
      pairs: queryPairs(endpoint),
      get: fc.boolean(),
      encoded: fc.oneof(
        { weight: 5, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) },
      ),
    })
    .map(({ action, version, pairs, get, encoded }): RawRequest => {
      const all: [string, string][] = [['Action', action], ['Version', version], ...pairs];
      const form = encoded ? new URLSearchParams(all).toString() : all.map(([k, v]) => `${k}=${v}`).join('&');
      return get
        ? { method: 'GET', path: `/?${form}`, headers: {}, body: '' }
        : {
            method: 'POST',
            path: '/',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: form,
          };
    });
}

const LOGS_ACTIONS = [
  'CreateLogGroup',
  'DeleteLogGroup',
  'DescribeLogGroups',
  'PutRetentionPolicy',
  'DeleteRetentionPolicy',
  'CreateLogStream',
  'DeleteLogStream',
  'DescribeLogStreams',
  'GetLogEvents',
  'FilterLogEvents',
  'PutLogEvents',
];

/** A line that a backtracking regex such as (a+)+$ takes seconds over. */
export const BACKTRACKING_LINE = `${'a'.repeat(28)}!`;

/** Filter patterns: CloudWatch's syntaxes, near-valid, and the shapes that backtrack or nest. */
export const filterPattern: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    'ERROR',
    '"a b"',
    '?ERROR ?WARN',
    '-x',
    '{ $.level = "error" }',
    '{ $.n > 1 && $.m < 2 }',
    '[ip, user, ...]',
    '[a=1 || b!=2]',
    '%ERR.R%',
    '%[a-z]+%',
    '{ $.a[0].b = * }',
    '{ $.x IS NULL }',
  ),
  fc.constantFrom(
    '%(a+)+$%',
    '%(.*)*Q%',
    '%(a|a)*b%',
    `%${'('.repeat(300)}a${')'.repeat(300)}%`,
    '{'.repeat(500),
  ),
  fc.stringMatching(/^%[a-z.*+?()|[\]\\{}0-9^$-]{0,20}%$/),
  fc.stringMatching(/^\{ \$\.[a-z.[\]0-9]{1,10} (=|!=|>|<) ("[a-z*]*"|[0-9.e+-]{1,8}|\*) \}$/),
  anyString,
);

/** CloudWatch Logs on AWS JSON 1.1. */
export function logs(now: number): fc.Arbitrary<RawRequest> {
  const input = nearRecord({
    logGroupName: nameFrom(['/aws/lambda/ferry-producer', 'fuzz-group', '']),
    logGroupNamePrefix: anyString,
    logStreamName: nameFrom(['fuzz-stream', '']),
    logStreamNamePrefix: anyString,
    logGroupNames: fc.array(nameFrom(['/aws/lambda/ferry-producer', 'fuzz-group']), { maxLength: 3 }),
    filterPattern,
    startTime: timestamp(now),
    endTime: timestamp(now),
    limit: anyNumber,
    nextToken: anyString,
    startFromHead: oddValue,
    interleaved: oddValue,
    retentionInDays: fc.constantFrom(1, 3, 7, 0, -1, 3653, 99999),
    logEvents: fc.array(
      nearRecord({ timestamp: timestamp(now), message: fc.oneof(anyString, fc.constant(BACKTRACKING_LINE)) }),
      {
        maxLength: 5,
      },
    ),
  });
  // FilterLogEvents on a group with lines, its pattern always there: where patterns are run.
  const filter = fc.record({
    logGroupName: fc.constantFrom('/aws/lambda/ferry-producer', 'fuzz-group'),
    filterPattern,
    limit: fc.integer({ min: 1, max: 10_000 }),
  });
  return fc.oneof(
    fc
      .tuple(nameFrom(LOGS_ACTIONS), bodyOf(input))
      .map(([action, body]) => jsonCall(`Logs_20140328.${action}`, '1.1', body)),
    filter.map((input) => jsonCall('Logs_20140328.FilterLogEvents', '1.1', JSON.stringify(input))),
  );
}

/** A POST / of AWS JSON 1.0 or 1.1 (GET now and then: the target decides, not the method). */
function jsonCall(target: string, version: '1.0' | '1.1', body: string | Buffer): RawRequest {
  return {
    method: body.length % 7 === 0 ? 'GET' : 'POST',
    path: '/',
    headers: { 'x-amz-target': target, 'content-type': `application/x-amz-json-${version}` },
    body,
  };
}

/** CloudWatch on AWS JSON 1.0; time ranges and periods bounded only by what the service accepts. */
export function cloudWatch(now: number): fc.Arbitrary<RawRequest> {
  const seconds = timestamp(now).map((t) => (typeof t === 'number' ? t / 1000 : t));
  const metric = nearRecord({
    Namespace: nameFrom(['Ferry', 'AWS/SQS', 'AWS/Lambda']),
    MetricName: nameFrom(['Processed', 'NumberOfMessagesSent', 'Errors']),
    Dimensions: fc.array(nearRecord({ Name: nameFrom(['Service', 'QueueName']), Value: anyString }), {
      maxLength: 3,
    }),
  });
  const input = nearRecord({
    MetricDataQueries: fc.array(
      nearRecord({
        Id: nameFrom(['m1', 'e1', 'M1']),
        Expression: fc.constantFrom('1', 'm1 * 2', 'SUM(METRICS())', 'm1 +', 'FILL(m1, 0)', 'RATE(m1)'),
        MetricStat: nearRecord({
          Metric: metric,
          Period: fc.constantFrom(60, 1, 0, -60, 86_400, 61),
          Stat: nameFrom(['Sum', 'Average', 'p99', 'Maximum']),
        }),
        ReturnData: oddValue,
        Period: fc.constantFrom(1, 60, 0, 86_400),
      }),
      { maxLength: 3 },
    ),
    StartTime: seconds,
    EndTime: seconds,
    MaxDatapoints: anyNumber,
    NextToken: anyString,
    Namespace: nameFrom(['Ferry', 'AWS/SQS']),
    MetricName: nameFrom(['Processed']),
    Period: fc.constantFrom(60, 300, 0, -1),
    Statistics: fc.array(nameFrom(['Sum', 'Average', 'SampleCount', 'Minimum', 'Maximum']), { maxLength: 3 }),
    MetricData: fc.array(
      nearRecord({
        MetricName: nameFrom(['Processed']),
        Value: anyNumber,
        Values: fc.array(anyNumber, { maxLength: 3 }),
        Unit: nameFrom(['Count', 'Seconds', 'None']),
        Timestamp: seconds,
      }),
      { maxLength: 3 },
    ),
    AlarmNames: fc.array(anyString, { maxLength: 2 }),
    StateValue: nameFrom(['OK', 'ALARM', 'INSUFFICIENT_DATA']),
  });
  // GetMetricData whose range and periods are always there: where datapoints are built.
  const query = fc.record({
    Id: fc.constantFrom('e1', 'm1'),
    Expression: fc.constantFrom('1', 'TIME_SERIES(1)', 'e2 * 2'),
    Period: fc.constantFrom(1, 10, 60),
  });
  const range = fc.record({
    StartTime: seconds,
    EndTime: fc.constant(now / 1000),
    MetricDataQueries: fc.array(query, { minLength: 1, maxLength: 2 }),
    MaxDatapoints: fc.oneof(fc.constant(undefined), anyNumber),
  });
  const generic = fc.record({
    method: fc.constantFrom('POST', 'POST', 'GET'),
    path: fc.constant('/'),
    headers: fc
      .tuple(
        nameFrom(['GetMetricData', 'GetMetricStatistics', 'ListMetrics', 'DescribeAlarms', 'PutMetricData']),
        fc.constantFrom<Record<string, string>>({}, { 'content-encoding': 'gzip' }),
      )
      .map(([a, extra]) => ({
        'x-amz-target': `GraniteServiceVersion20100801.${a}`,
        'content-type': 'application/x-amz-json-1.0',
        ...extra,
      })),
    body: bodyOf(input),
  });
  return fc.oneof(
    generic,
    range.map((input) =>
      jsonCall('GraniteServiceVersion20100801.GetMetricData', '1.0', JSON.stringify(input)),
    ),
  );
}
