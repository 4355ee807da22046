import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createLogsHandler, createLogStore } from '../../../local/logs/index.js';
import type { LogStore } from '../../../local/logs/index.js';
import { logsCall } from '../../helpers/logs/endpoint.js';
import { eventsAt } from '../../helpers/logs/store.js';

const G = '/aws/lambda/consumer';
const ARN = `arn:aws:logs:us-east-1:000000000000:log-group:${G}`;
const NOW = 1_800_000_000_000;

const test = suite<{
  store: LogStore;
  call: (action: string, input: unknown) => ReturnType<typeof logsCall>;
}>('CloudWatch Logs API');

test.before.each((ctx) => {
  ctx.store = createLogStore({ now: () => NOW });
  const handler = createLogsHandler({ store: ctx.store, now: () => NOW });
  ctx.call = (action, input) => logsCall(handler, action, input);
});
test.after.each((ctx) => ctx.store.close());

const notFound = {
  status: 400,
  body: { __type: 'ResourceNotFoundException', message: 'The specified log group does not exist.' },
};
const invalid = (message: string) => ({
  status: 400,
  body: { __type: 'InvalidParameterException', message },
});

test('CreateLogGroup, DescribeLogGroups with prefix, pattern and pages, DeleteLogGroup', async ({ call }) => {
  for (const name of ['/aws/lambda/b', G, '/custom/x'])
    assert.equal(await call('CreateLogGroup', { logGroupName: name }), { status: 200, body: {} });
  assert.equal(await call('CreateLogGroup', { logGroupName: G }), {
    status: 400,
    body: { __type: 'ResourceAlreadyExistsException', message: 'The specified log group already exists' },
  });
  await call('PutRetentionPolicy', { logGroupName: G, retentionInDays: 7 });
  const first = await call('DescribeLogGroups', { logGroupNamePrefix: '/aws/lambda/', limit: 1 });
  const token = (first.body as { nextToken: string }).nextToken;
  assert.equal(first, {
    status: 200,
    body: {
      logGroups: [
        {
          logGroupName: '/aws/lambda/b',
          creationTime: NOW,
          metricFilterCount: 0,
          arn: 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/b:*',
          storedBytes: 0,
          logGroupClass: 'STANDARD',
          logGroupArn: 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/b',
        },
      ],
      nextToken: token,
    },
  });
  const second = await call('DescribeLogGroups', {
    logGroupNamePrefix: '/aws/lambda/',
    limit: 1,
    nextToken: token,
  });
  assert.equal(second.body, {
    logGroups: [
      {
        logGroupName: G,
        creationTime: NOW,
        retentionInDays: 7,
        metricFilterCount: 0,
        arn: `${ARN}:*`,
        storedBytes: 0,
        logGroupClass: 'STANDARD',
        logGroupArn: ARN,
      },
    ],
  });
  const names = async (input: unknown) =>
    (
      (await call('DescribeLogGroups', input)).body as { logGroups: { logGroupName: string }[] }
    ).logGroups.map((g) => g.logGroupName);
  assert.equal(await names({ logGroupNamePattern: 'CUSTOM' }), ['/custom/x']);
  assert.equal(await call('DeleteLogGroup', { logGroupName: '/custom/x' }), { status: 200, body: {} });
  assert.equal(await call('DeleteLogGroup', { logGroupName: '/custom/x' }), notFound);
  assert.equal(await names({}), ['/aws/lambda/b', G]);
});

test('DescribeLogGroups and friends refuse bad input as CloudWatch Logs does', async ({ call }) => {
  assert.equal(
    await call('DescribeLogGroups', { logGroupNamePrefix: '/a', logGroupNamePattern: 'a' }),
    invalid('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.'),
  );
  assert.equal(
    await call('DescribeLogGroups', { limit: 0 }),
    invalid(
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    ),
  );
  assert.equal(
    await call('DescribeLogGroups', { nextToken: 'garbage' }),
    invalid('The specified nextToken is invalid.'),
  );
  assert.equal(
    await call('CreateLogGroup', { logGroupName: 'bad name!' }),
    invalid(
      "1 validation error detected: Value 'bad name!' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [.\\-_/#A-Za-z0-9]+",
    ),
  );
  assert.equal(await call('TagLogGroup', {}), {
    status: 400,
    body: {
      __type: 'UnknownOperationException',
      message: 'Operation Logs_20140328.TagLogGroup is not supported.',
    },
  });
});

test('DescribeLogStreams: by name or LastEventTime, descending, prefix, pages; errors', async ({
  store,
  call,
}) => {
  store.append(G, 'b', eventsAt(30));
  store.append(G, 'a', eventsAt(50, 60));
  store.append(G, 'c', eventsAt(10));
  const first = await call('DescribeLogStreams', {
    logGroupName: G,
    orderBy: 'LastEventTime',
    descending: true,
    limit: 1,
  });
  const token = (first.body as { nextToken: string }).nextToken;
  assert.equal(first.body, {
    logStreams: [
      {
        logStreamName: 'a',
        creationTime: NOW,
        firstEventTimestamp: 50,
        lastEventTimestamp: 60,
        lastIngestionTime: NOW,
        arn: `${ARN}:log-stream:a`,
        storedBytes: 0,
      },
    ],
    nextToken: token,
  });
  const names = async (input: object) =>
    (
      (await call('DescribeLogStreams', { logGroupName: G, ...input })).body as {
        logStreams: { logStreamName: string }[];
      }
    ).logStreams.map((s) => s.logStreamName);
  assert.equal(await names({ orderBy: 'LastEventTime', descending: true, nextToken: token }), ['b', 'c']);
  assert.equal(await names({}), ['a', 'b', 'c']);
  assert.equal(await names({ logStreamNamePrefix: 'c' }), ['c']);
  assert.equal(await names({ logGroupIdentifier: `${ARN}:*`, logGroupName: undefined }), ['a', 'b', 'c']);
  assert.equal(
    await call('DescribeLogStreams', { logGroupName: G, orderBy: 'LastEventTime', logStreamNamePrefix: 'a' }),
    invalid('Cannot order by LastEventTime with a logStreamNamePrefix.'),
  );
  assert.equal(await call('DescribeLogStreams', { logGroupName: '/nope' }), notFound);
  assert.equal(
    await call('DescribeLogStreams', {}),
    invalid('Should provide either logGroupName or logGroupIdentifier.'),
  );
  assert.equal(
    await call('DescribeLogStreams', { logGroupName: G, logGroupIdentifier: G }),
    invalid('LogGroup name and LogGroup ARN are mutually exclusive parameters.'),
  );
});

test('GetLogEvents: newest page by default, forward/backward tokens, the same token back at the end', async ({
  store,
  call,
}) => {
  store.append(G, 's', eventsAt(10, 20, 30, 40, 50));
  type Page = { events: { timestamp: number }[]; nextForwardToken: string; nextBackwardToken: string };
  const get = async (input: object) =>
    (await call('GetLogEvents', { logGroupName: G, logStreamName: 's', ...input })).body as Page;
  const ts = (p: Page) => p.events.map((e) => e.timestamp);
  const tail = await get({ limit: 2 });
  assert.equal(tail, {
    events: [
      { timestamp: 40, message: 'event at 40', ingestionTime: NOW },
      { timestamp: 50, message: 'event at 50', ingestionTime: NOW },
    ],
    nextForwardToken: 'f/50:5',
    nextBackwardToken: 'b/40:4',
  });
  const older = await get({ limit: 2, nextToken: tail.nextBackwardToken });
  assert.equal(ts(older), [20, 30]);
  assert.equal(ts(await get({ limit: 2, nextToken: older.nextBackwardToken })), [10]);
  const end = await get({ nextToken: tail.nextForwardToken });
  assert.equal(end, { events: [], nextForwardToken: 'f/50:5', nextBackwardToken: 'b/50:5' });
  store.append(G, 's', eventsAt(60));
  assert.equal(ts(await get({ nextToken: end.nextForwardToken })), [60]);
  const head = await get({ startFromHead: true, limit: 2, startTime: 20, endTime: 50 });
  assert.equal(ts(head), [20, 30]);
  assert.equal(ts(await get({ nextToken: head.nextForwardToken, startTime: 20, endTime: 50 })), [40]);
  assert.equal(await call('GetLogEvents', { logGroupName: G, logStreamName: 'nope' }), {
    status: 400,
    body: { __type: 'ResourceNotFoundException', message: 'The specified log stream does not exist.' },
  });
  assert.equal(await call('GetLogEvents', { logGroupName: '/nope', logStreamName: 's' }), notFound);
  assert.equal(
    await call('GetLogEvents', { logGroupName: G, logStreamName: 's', nextToken: 'x/1' }),
    invalid('The specified nextToken is invalid.'),
  );
});

test('#15.13: a GetLogEvents token beyond a safe integer is invalid, not echoed back as Infinity', async ({
  store,
  call,
}) => {
  store.append(G, 's', eventsAt(10));
  const huge = '9'.repeat(400);
  const answers = await Promise.all(
    [`f/${huge}:1`, `b/1:${huge}`, 'f/9007199254740993:1'].map((nextToken) =>
      call('GetLogEvents', { logGroupName: G, logStreamName: 's', nextToken }),
    ),
  );
  const refusal = invalid('The specified nextToken is invalid.');
  assert.equal(answers, [refusal, refusal, refusal]);
});

test('FilterLogEvents: pattern, streams, time range, pages, eventIds; bad pattern refused', async ({
  store,
  call,
}) => {
  const line = (id: string, outcome: string) => JSON.stringify({ correlationId: id, outcome });
  store.append(G, 's1', [
    { timestamp: 1, message: line('abc', 'received') },
    { timestamp: 3, message: line('abc', 'processed') },
  ]);
  store.append(G, 's2', [
    { timestamp: 2, message: line('abc', 'processed') },
    { timestamp: 4, message: line('xyz', 'processed') },
  ]);
  const pattern = '{ $.correlationId = "abc" && $.outcome = "processed" }';
  const first = await call('FilterLogEvents', { logGroupName: G, filterPattern: pattern, limit: 1 });
  const token = (first.body as { nextToken: string }).nextToken;
  assert.equal(first.body, {
    events: [
      {
        logStreamName: 's2',
        timestamp: 2,
        message: line('abc', 'processed'),
        ingestionTime: NOW,
        eventId: '3',
      },
    ],
    searchedLogStreams: [],
    nextToken: token,
  });
  const rest = await call('FilterLogEvents', {
    logGroupName: G,
    filterPattern: pattern,
    limit: 1,
    nextToken: token,
  });
  // A full page carries a token while any event is left unscanned, even one that will not match.
  const restToken = (rest.body as { nextToken: string }).nextToken;
  assert.equal(rest.body, {
    events: [
      {
        logStreamName: 's1',
        timestamp: 3,
        message: line('abc', 'processed'),
        ingestionTime: NOW,
        eventId: '2',
      },
    ],
    searchedLogStreams: [],
    nextToken: restToken,
  });
  const last = await call('FilterLogEvents', {
    logGroupName: G,
    filterPattern: pattern,
    limit: 1,
    nextToken: restToken,
  });
  assert.equal(last.body, { events: [], searchedLogStreams: [] });
  const ids = async (input: object) =>
    (
      (await call('FilterLogEvents', { logGroupName: G, ...input })).body as { events: { eventId: string }[] }
    ).events.map((e) => e.eventId);
  assert.equal(await ids({}), ['1', '3', '2', '4']);
  assert.equal(await ids({ logStreamNames: ['s2'] }), ['3', '4']);
  assert.equal(await ids({ logStreamNamePrefix: 's1', filterPattern: 'processed' }), ['2']);
  assert.equal(await ids({ startTime: 2, endTime: 4, filterPattern: '-received' }), ['3', '2']);
  assert.equal(await ids({ logGroupIdentifier: ARN, logGroupName: undefined }), ['1', '3', '2', '4']);
  assert.equal(
    await call('FilterLogEvents', { logGroupName: G, filterPattern: '{ $.a = ' }),
    invalid("Invalid filter pattern: If a filter pattern starts with '{' it must end with '}'"),
  );
  assert.equal(await call('FilterLogEvents', { logGroupName: '/nope' }), notFound);
});

test('#15.3: FilterLogEvents refuses backtracking regexes and matches CloudWatch regexes linearly', async ({
  store,
  call,
}) => {
  const line = 'a'.repeat(28);
  store.append(G, 's', [
    { timestamp: 1, message: line },
    { timestamp: 2, message: 'user=ann status=500' },
  ]);
  assert.equal(
    await call('FilterLogEvents', { logGroupName: G, filterPattern: '%(a+)+$%' }),
    invalid("Invalid filter pattern: unsupported character '(' in regular expression %(a+)+$%"),
  );
  assert.equal(
    await call('FilterLogEvents', { logGroupName: G, filterPattern: `%${'('.repeat(5000)}%` }),
    invalid('Invalid filter pattern: the pattern has 5002 characters; the most is 1024'),
  );
  const ids = async (filterPattern: string) =>
    (
      (await call('FilterLogEvents', { logGroupName: G, filterPattern })).body as {
        events: { eventId: string }[];
      }
    ).events.map((e) => e.eventId);
  assert.equal(
    [await ids('%a+$%'), await ids('%a*a*a*a*a*a*a*a*a*a*a*a*b%'), await ids('%status=5\\d\\d%')],
    [['1'], [], ['2']],
  );
});

test('CreateLogStream and PutLogEvents: order checked, too old and too new rejected by index', async ({
  call,
}) => {
  assert.equal(await call('CreateLogStream', { logGroupName: G, logStreamName: 's' }), notFound);
  await call('CreateLogGroup', { logGroupName: G });
  assert.equal(await call('CreateLogStream', { logGroupName: G, logStreamName: 's' }), {
    status: 200,
    body: {},
  });
  assert.equal((await call('CreateLogStream', { logGroupName: G, logStreamName: 's' })).body, {
    __type: 'ResourceAlreadyExistsException',
    message: 'The specified log stream already exists',
  });
  const put = (timestamps: number[], stream = 's') =>
    call('PutLogEvents', {
      logGroupName: G,
      logStreamName: stream,
      logEvents: timestamps.map((t) => ({ timestamp: t, message: `m${t}` })),
    });
  assert.equal((await put([NOW, NOW - 1])).body, {
    __type: 'InvalidParameterException',
    message: 'Log events in a single PutLogEvents request must be in chronological order.',
  });
  const day = 86_400_000;
  assert.equal(await put([NOW - 15 * day, NOW, NOW + 1, NOW + 3 * 3600_000]), {
    status: 200,
    body: {
      nextSequenceToken: String(NOW).padStart(56, '0'),
      rejectedLogEventsInfo: { tooNewLogEventStartIndex: 3, tooOldLogEventEndIndex: 0 },
    },
  });
  const got = await call('GetLogEvents', { logGroupName: G, logStreamName: 's', startFromHead: true });
  assert.equal(
    (got.body as { events: { message: string }[] }).events.map((e) => e.message),
    [`m${NOW}`, `m${NOW + 1}`],
  );
  assert.equal((await put([NOW], 'nope')).body, {
    __type: 'ResourceNotFoundException',
    message: 'The specified log stream does not exist.',
  });
  assert.equal(await call('DeleteLogStream', { logGroupName: G, logStreamName: 's' }), {
    status: 200,
    body: {},
  });
});

test('a body that is not JSON is a SerializationException', async ({ store }) => {
  const out = await createLogsHandler({ store })({
    method: 'POST',
    url: '/',
    headers: { 'x-amz-target': 'Logs_20140328.DescribeLogGroups' },
    body: Buffer.from('{nope'),
  });
  assert.equal(
    { status: out.status, type: out.headers['content-type'], body: JSON.parse(out.body) as unknown },
    {
      status: 400,
      type: 'application/x-amz-json-1.1',
      body: { __type: 'SerializationException', message: 'The request body is not valid JSON.' },
    },
  );
});

test.run();
