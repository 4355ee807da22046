import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { serviceOf } from '../../../local/endpoint/index.js';
import { createRouter } from '../../../local/endpoint/router.js';
import type { HttpRequest } from '../../../local/http/types.js';

function req(headers: Record<string, string>, body = '', url = '/'): HttpRequest {
  return { method: 'POST', url, headers, body: Buffer.from(body) };
}

const signed = (service: string) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=AKID/20261127/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`,
});
const form = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

test('the SigV4 credential scope names the service, whatever else the request says', () => {
  assert.equal(
    ['sqs', 'logs', 'monitoring', 'cloudformation'].map((s) =>
      serviceOf(req({ ...signed(s), 'x-amz-target': 'AmazonSQS.ListQueues' })),
    ),
    ['sqs', 'logs', 'monitoring', 'cloudformation'],
  );
  const presigned =
    '/?Action=ListQueues&X-Amz-Credential=AKID%2F20261127%2Fus-east-1%2Fsqs%2Faws4_request&X-Amz-Signature=00';
  assert.is(serviceOf(req({}, '', presigned)), 'sqs');
});

test('unsigned: X-Amz-Target prefix, Smithy RPC v2 path, query Version, then Action', () => {
  const cases: [HttpRequest, string | undefined][] = [
    [req({ 'x-amz-target': 'AmazonSQS.SendMessage' }), 'sqs'],
    [req({ 'x-amz-target': 'Logs_20140328.FilterLogEvents' }), 'logs'],
    [req({ 'x-amz-target': 'GraniteServiceVersion20100801.PutMetricData' }), 'monitoring'],
    [req({ 'x-amz-target': 'DynamoDB_20120810.GetItem' }), undefined],
    [req({}, '', '/service/GraniteServiceVersion20100801/operation/GetMetricData'), 'monitoring'],
    [req(form, 'Action=PutMetricData&Version=2010-08-01'), 'monitoring'],
    [req(form, 'Action=ListQueues&Version=2012-11-05'), 'sqs'],
    [req(form, 'Action=DescribeAlarms'), 'monitoring'],
    [req(form, 'Action=DescribeStacks&Version=2010-05-15'), 'cloudformation'],
    [req(form, 'Action=ReceiveMessage'), 'sqs'],
    [req({}, '', '/000000000000/q?Action=GetQueueUrl&QueueName=q'), 'sqs'],
    [req({}, 'Action=ListQueues'), undefined],
    [req({}), undefined],
  ];
  assert.equal(
    cases.map(([r]) => serviceOf(r)),
    cases.map(([, want]) => want),
  );
});

test('the router calls the handler of the service; an unserved service is an error in its protocol', async () => {
  const answer = (name: string) => () => Promise.resolve({ status: 200, headers: {}, body: name });
  const route = createRouter(
    new Map([
      ['sqs', { handle: answer('sqs') }],
      ['logs', { handle: answer('logs') }],
    ]),
  );
  assert.equal(await route(req(signed('logs'))), { status: 200, headers: {}, body: 'logs' });
  assert.equal(await route(req({ 'x-amz-target': 'AmazonSQS.ListQueues' })), {
    status: 200,
    headers: {},
    body: 'sqs',
  });
  // Naming no service at all, a request is SQS's to answer (the port's first service).
  assert.equal(await route(req({}, 'Action=ListQueues')), { status: 200, headers: {}, body: 'sqs' });
  const bare = await createRouter(new Map([['logs', { handle: answer('logs') }]]))(req({}));
  assert.equal(
    [bare.status, bare.body.replace(/<RequestId>.*<\/RequestId>/, '')],
    [
      400,
      '<?xml version="1.0"?><ErrorResponse><Error><Type>Sender</Type><Code>UnknownService</Code>' +
        '<Message>Ferry&apos;s local AWS endpoint does not serve a request for no known AWS service; it serves: logs.</Message></Error></ErrorResponse>',
    ],
  );
  const json = await route(
    req({ ...signed('monitoring'), 'x-amz-target': 'GraniteServiceVersion20100801.ListMetrics' }),
  );
  assert.equal(
    { status: json.status, type: json.headers['content-type'], body: JSON.parse(json.body) as unknown },
    {
      status: 400,
      type: 'application/x-amz-json-1.0',
      body: {
        __type: 'UnknownService',
        message: "Ferry's local AWS endpoint does not serve the 'monitoring' service; it serves: logs, sqs.",
      },
    },
  );
  const xml = await route(
    req({ ...signed('cloudformation'), ...form }, 'Action=DescribeStacks&Version=2010-05-15'),
  );
  assert.equal(
    {
      status: xml.status,
      type: xml.headers['content-type'],
      body: xml.body.replace(/<RequestId>.*<\/RequestId>/, ''),
    },
    {
      status: 400,
      type: 'text/xml',
      body:
        '<?xml version="1.0"?><ErrorResponse><Error><Type>Sender</Type><Code>UnknownService</Code>' +
        '<Message>Ferry&apos;s local AWS endpoint does not serve the &apos;cloudformation&apos; service; it serves: logs, sqs.</Message></Error></ErrorResponse>',
    },
  );
});

test.run();
