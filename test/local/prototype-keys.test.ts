import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createCloudWatchHandler, MetricStore } from '../../local/metrics/index.js';
import { startConsoleStack } from '../helpers/console/stack.js';
import { rawRequest, startHarness } from '../helpers/gateway/harness.js';
import { startTestEndpoint } from '../helpers/logs/endpoint.js';
import { jsonPost, queryPost } from '../helpers/sqs/server.js';

// #15.1: the endpoint once picked its handler with `services[scopeService]` on a plain object, so
// a scope service of `constructor` crashed all of ferry up, and the CloudWatch target
// `GraniteServiceVersion20100801.constructor` answered 200 with the body echoed. Every key a
// request chooses is sent here as each of Object.prototype's names, at every entry point: the
// answer must be an ordinary one, in AWS's shape where AWS answers, and never a 5xx.

const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

type Answer = { status: number; body: string };
const seen: string[] = [];

/** Records what answered worse than a client error, named by where the name went. */
function check(where: string, answer: Answer, allowed: number[] = []): void {
  if (
    answer.status >= 500 ||
    (answer.status >= 300 && answer.status < 400 && !allowed.includes(answer.status))
  )
    seen.push(`${where}: ${answer.status} ${answer.body.slice(0, 120)}`);
}

const ok = (answer: Answer) => answer.status === 200;
const awsJsonError = (answer: Answer) => {
  const body = JSON.parse(answer.body) as { __type?: unknown; message?: unknown };
  return answer.status === 400 && typeof body.__type === 'string' && typeof body.message === 'string';
};

test('#15.1: SQS (both protocols), Logs and CloudWatch take prototype names as ordinary names', async () => {
  const metrics = createCloudWatchHandler({ store: new MetricStore() });
  const endpoint = await startTestEndpoint({ monitoring: { handle: metrics } });
  const url = endpoint.endpoint;
  const post = (target: string, body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: await r.text() }));
  const wrong: string[] = [];
  const expect = (where: string, answer: Answer, good: (a: Answer) => boolean) => {
    check(where, answer);
    if (!good(answer)) wrong.push(`${where}: ${answer.status} ${answer.body.slice(0, 160)}`);
  };
  try {
    for (const name of NAMES) {
      const attrs = JSON.parse(`{${JSON.stringify(name)}:"1"}`) as Record<string, string>;
      // Actions and targets.
      expect(`sqs json target ${name}`, await post(`AmazonSQS.${name}`, {}), awsJsonError);
      expect(`logs target ${name}`, await post(`Logs_20140328.${name}`, {}), awsJsonError);
      expect(
        `cloudwatch target ${name}`,
        await post(`GraniteServiceVersion20100801.${name}`, {}),
        awsJsonError,
      );
      const query = await queryPost(url, { Action: name });
      expect(`sqs query action ${name}`, query, (a) => a.status === 400 && a.body.includes('<Code>'));
      const scope = await fetch(
        `${url}/?X-Amz-Credential=${encodeURIComponent(`a/20240101/us-east-1/${name}/aws4_request`)}`,
      ).then(async (r) => ({ status: r.status, body: await r.text() }));
      expect(`scope service ${name}`, scope, (a) => a.status >= 400 && a.status < 500);
      // Queue names, attribute names, tag keys.
      const created = await jsonPost(url, 'CreateQueue', { QueueName: name, tags: attrs });
      expect(`queue named ${name}`, created, ok);
      const queueUrl = (JSON.parse(created.body) as { QueueUrl: string }).QueueUrl;
      expect(`GetQueueUrl ${name}`, await jsonPost(url, 'GetQueueUrl', { QueueName: name }), ok);
      expect(
        `queue attribute ${name}`,
        await jsonPost(url, 'SetQueueAttributes', { QueueUrl: queueUrl, Attributes: attrs }),
        awsJsonError,
      );
      expect(
        `GetQueueAttributes ${name}`,
        await jsonPost(url, 'GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: [name] }),
        awsJsonError,
      );
      const tags = await jsonPost(url, 'ListQueueTags', { QueueUrl: queueUrl });
      expect(`tag key ${name}`, tags, (a) => ok(a) && Object.keys(JSON.parse(a.body).Tags).includes(name));
      const queryCreate = await queryPost(url, {
        Action: 'CreateQueue',
        QueueName: `${name}-q`,
        'Attribute.1.Name': name,
        'Attribute.1.Value': '1',
      });
      expect(`query attribute ${name}`, queryCreate, (a) => a.status === 400 && a.body.includes('<Code>'));
      // Logs and CloudWatch fields.
      expect(`log group ${name}`, await post('Logs_20140328.CreateLogGroup', { logGroupName: name }), ok);
      const fields = JSON.parse(`{"logGroupName":"x",${JSON.stringify(name)}:{}}`) as object;
      expect(`logs field ${name}`, await post('Logs_20140328.FilterLogEvents', fields), awsJsonError);
      const datum = { MetricName: name, Value: 1, Dimensions: [{ Name: name, Value: name }] };
      const put = await post('GraniteServiceVersion20100801.PutMetricData', {
        Namespace: name,
        MetricData: [datum],
      });
      expect(`metric named ${name}`, put, ok);
      const listed = await post('GraniteServiceVersion20100801.ListMetrics', { Namespace: name });
      expect(`ListMetrics ${name}`, listed, (a) => ok(a) && a.body.includes(`"MetricName":"${name}"`));
    }
  } finally {
    await endpoint.close();
  }
  assert.equal([...wrong, ...seen.splice(0)], []);
});

test('#15.1: the gateway takes prototype names as paths, methods, headers and query names', async () => {
  const { gateway, events } = await startHarness({ routes: [{ routeKey: '$default', target: 'fn' }] });
  const wrong: string[] = [];
  try {
    for (const name of NAMES) {
      const headers: [string, string][] = [
        [name, 'h1'],
        [name, 'h2'],
      ];
      const res = await rawRequest(gateway.port, 'GET', `/${name}?${name}=a&${name}=b`, headers);
      check(`gateway ${name}`, res);
      const event = events.at(-1)!;
      const own = (o: object | undefined, key: string) =>
        o !== undefined && Object.hasOwn(o, key) ? (o as Record<string, string>)[key] : undefined;
      if (
        res.status !== 200 ||
        event.rawPath !== `/${name}` ||
        own(event.queryStringParameters, name) !== 'a,b' ||
        own(event.headers, name.toLowerCase()) !== 'h1,h2'
      ) {
        wrong.push(
          `${name}: ${res.status} ${JSON.stringify([event.queryStringParameters, own(event.headers, name.toLowerCase())])}`,
        );
      }
      check(
        `gateway method ${name}`,
        await rawRequest(gateway.port, name.replace(/_/g, 'X').toUpperCase(), '/', []),
      );
    }
  } finally {
    await gateway.close();
  }
  assert.equal([...wrong, ...seen.splice(0)], []);
});

test('#15.1: the console API takes prototype names as paths and query names', async () => {
  const stack = await startConsoleStack();
  const get = (path: string) =>
    fetch(new URL(path, stack.console.url)).then(async (r) => ({ status: r.status, body: await r.text() }));
  try {
    for (const name of NAMES) {
      for (const path of [
        `/api/${name}`,
        `/${name}`,
        `/api/logs?${name}=1`,
        `/api/queue/messages?name=${name}`,
      ]) {
        check(`console ${path}`, await get(path), [301, 302]);
      }
      const routed = await get(`/api/${name}`);
      if (routed.status !== 404) seen.push(`console /api/${name}: ${routed.status} (expected 404)`);
    }
    // A message whose attributes carry every name: the console peeks at it without failing.
    const attributes = JSON.parse(
      `{${NAMES.map((n) => `${JSON.stringify(n)}:{"DataType":"String","StringValue":"${n}!"}`).join(',')}}`,
    ) as object;
    const sent = await jsonPost(stack.sqs.endpoint, 'SendMessage', {
      QueueUrl: stack.queueUrl,
      MessageBody: 'proto',
      MessageAttributes: attributes,
    });
    const peeked = await get('/api/queue/messages?name=ferry-messages');
    check('console peek', peeked);
    const mine = (
      JSON.parse(peeked.body) as { messages: { body: string; attributes: object }[] }
    ).messages.find((m) => m.body === 'proto');
    // Every name but `__proto__`, which the SDK the console reads with gives back without a value.
    if (
      sent.status !== 200 ||
      mine === undefined ||
      Object.keys(mine.attributes).join() !== NAMES.slice(1).join()
    )
      seen.push(`console peek: ${peeked.status} ${JSON.stringify(mine)}`);
  } finally {
    await stack.close();
  }
  assert.equal(seen.splice(0), []);
});

test.run();
