// #15, the crash and hang findings, against a real `ferry up` child process: each hostile input is
// sent, then all three ports must still answer in time (API GET /types, the endpoint's ListQueues,
// the console's page). One child per test, so that one crash cannot hide the next finding.
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULTS } from '../../local/config/index.js';
import { FREE_PORTS, spawnUp, type UpProcess } from '../helpers/cli/ferry.js';
import { send, type RawAnswer } from '../helpers/fuzz/http.js';
import { ALIVE, consoleUrl, liveness, memoryMb } from '../helpers/hostile/ports.js';
import { order, postJson } from '../helpers/runtime/runtime.js';

const PROTO_KEYS = ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'];

async function withUp(body: (up: UpProcess) => Promise<void>): Promise<void> {
  const up = await spawnUp([...FREE_PORTS, '--memory']);
  try {
    await body(up);
  } finally {
    up.child.kill('SIGKILL');
  }
}

/** An AWS JSON call to the endpoint, unsigned (the endpoint does not enforce SigV4 by default). */
function awsJson(up: UpProcess, target: string, input: unknown, boundMs = 5_000): Promise<RawAnswer> {
  const version = target.startsWith('Logs_') ? '1.1' : '1.0';
  return send(
    up.sqs,
    {
      method: 'POST',
      path: '/',
      headers: { 'x-amz-target': target, 'content-type': `application/x-amz-json-${version}` },
      body: typeof input === 'string' ? input : JSON.stringify(input),
    },
    boundMs,
  );
}

/** A status, or why there was none (a crash shows as a reset or a refused connection). */
const statusOf = (p: Promise<RawAnswer>) =>
  p.then(
    (a) => a.status,
    (e: unknown) => (e as Error).message.slice(0, 120),
  );
const clientError = (s: number | string) => (typeof s === 'number' && s >= 400 && s < 500 ? '4xx' : s);

test('#15.1: a scope service of a prototype key in X-Amz-Credential is a 4xx, not a crash', () =>
  withUp(async (up) => {
    const answers: [string, number | string][] = [];
    for (const name of PROTO_KEYS) {
      const credential = encodeURIComponent(`a/20240101/us-east-1/${name}/aws4_request`);
      answers.push([
        name,
        clientError(
          await statusOf(
            send(up.sqs, { method: 'GET', path: `/?X-Amz-Credential=${credential}`, headers: {}, body: '' }),
          ),
        ),
      ]);
    }
    assert.equal(
      answers,
      PROTO_KEYS.map((k) => [k, '4xx']),
    );
    assert.equal(await liveness(up), ALIVE);
  }));

test('#15.1: a scope service of a prototype key in the Authorization header is a 4xx, not a crash', () =>
  withUp(async (up) => {
    const answers: [string, number | string][] = [];
    for (const name of PROTO_KEYS) {
      const authorization = `AWS4-HMAC-SHA256 Credential=a/20240101/us-east-1/${name}/aws4_request, SignedHeaders=host, Signature=00`;
      answers.push([
        name,
        clientError(
          await statusOf(
            send(up.sqs, {
              method: 'POST',
              path: '/',
              headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
              body: 'Action=ListQueues',
            }),
          ),
        ),
      ]);
    }
    assert.equal(
      answers,
      PROTO_KEYS.map((k) => [k, '4xx']),
    );
    assert.equal(await liveness(up), ALIVE);
  }));

test('#15.1: an X-Amz-Target action of a prototype key is an unknown action, on every JSON service', () =>
  withUp(async (up) => {
    const answers: Record<string, number | string> = {};
    for (const prefix of ['AmazonSQS', 'Logs_20140328', 'GraniteServiceVersion20100801'])
      for (const name of PROTO_KEYS)
        answers[`${prefix}.${name}`] = clientError(await statusOf(awsJson(up, `${prefix}.${name}`, {})));
    assert.equal(answers, Object.fromEntries(Object.keys(answers).map((k) => [k, '4xx'])));
    assert.equal(await liveness(up), ALIVE);
  }));

test('#15.2: GetMetricData over ten years at Period 1 is bounded (at most 100,800 datapoints a call)', () =>
  withUp(async (up) => {
    const before = memoryMb(up.child.pid!);
    const end = Math.floor(Date.now() / 1000);
    const answer = await awsJson(
      up,
      'GraniteServiceVersion20100801.GetMetricData',
      {
        StartTime: end - 10 * 365 * 86_400,
        EndTime: end,
        MetricDataQueries: [{ Id: 'e1', Expression: '1', Period: 1 }],
      },
      30_000,
    ).catch((e: unknown) => ({ status: (e as Error).message, body: '' }));
    const out =
      answer.status === 200
        ? (JSON.parse(answer.body) as { MetricDataResults: { Values: number[] }[] })
        : undefined;
    const datapoints = out?.MetricDataResults.reduce((n, r) => n + r.Values.length, 0) ?? 0;
    assert.ok(answer.status === 200 || clientError(answer.status) === '4xx', `answered ${answer.status}`);
    assert.ok(datapoints <= 100_800, `${datapoints} datapoints in one answer`);
    assert.equal(await liveness(up), ALIVE);
    const grew = memoryMb(up.child.pid!).peak - before.rss;
    assert.ok(grew < 512, `peak RSS grew by ${grew.toFixed(0)} MB`);
  }));

/** One log group and stream with `lines`, through the Logs API. */
async function logLines(up: UpProcess, lines: string[]): Promise<void> {
  const names = { logGroupName: 'hostile', logStreamName: 's' };
  await awsJson(up, 'Logs_20140328.CreateLogGroup', { logGroupName: names.logGroupName });
  await awsJson(up, 'Logs_20140328.CreateLogStream', names);
  const put = await awsJson(up, 'Logs_20140328.PutLogEvents', {
    ...names,
    logEvents: lines.map((message) => ({ message, timestamp: Date.now() })),
  });
  assert.is(put.status, 200, put.body);
}

test('#15.3: FilterLogEvents with %(a+)+$% over a 28-character line answers in time', () =>
  withUp(async (up) => {
    await logLines(up, [`${'a'.repeat(28)}!`]);
    const answer = await statusOf(
      awsJson(up, 'Logs_20140328.FilterLogEvents', { logGroupName: 'hostile', filterPattern: '%(a+)+$%' }),
    );
    assert.ok(answer === 200 || clientError(answer) === '4xx', `answered ${answer}`);
    assert.equal(await liveness(up), ALIVE);
  }));

test('#15.3: the console /api/logs?pattern=%(.*)*Q% answers in time, and so does everything else', () =>
  withUp(async (up) => {
    const posted = await postJson(`${up.api}/messages`, order(), { 'x-correlation-id': 'hostile-regex' });
    assert.is(posted.status, 202);
    const answer = await statusOf(
      send(consoleUrl(up), {
        method: 'GET',
        path: `/api/logs?pattern=${encodeURIComponent('%(.*)*Q%')}`,
        headers: {},
        body: '',
      }),
    );
    assert.ok(answer === 200 || clientError(answer) === '4xx', `answered ${answer}`);
    assert.equal(await liveness(up), ALIVE);
  }));

test('#15.3: a pattern of 5,000 nested parentheses is a 400 InvalidParameterException, not a 500', () =>
  withUp(async (up) => {
    await logLines(up, ['a']);
    const answer = await awsJson(up, 'Logs_20140328.FilterLogEvents', {
      logGroupName: 'hostile',
      filterPattern: `%${'('.repeat(5_000)}a${')'.repeat(5_000)}%`,
    });
    assert.equal(
      { status: answer.status, type: (JSON.parse(answer.body) as { __type: string }).__type },
      { status: 400, type: 'InvalidParameterException' },
    );
    assert.equal(await liveness(up), ALIVE);
  }));

test('#15.6: a gzip bomb to PutMetricData is refused without inflating it', () =>
  withUp(async (up) => {
    // Gzip members concatenate: 14 of 64 MB of spaces, about 900 KB on the wire, 896 MB inflated.
    const member = gzipSync(Buffer.alloc(64 * 2 ** 20, 0x20), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 14 }, () => member));
    const before = memoryMb(up.child.pid!);
    const answer = await statusOf(
      send(
        up.sqs,
        {
          method: 'POST',
          path: '/',
          headers: {
            'x-amz-target': 'GraniteServiceVersion20100801.PutMetricData',
            'content-type': 'application/x-amz-json-1.0',
            'content-encoding': 'gzip',
          },
          body: bomb,
        },
        15_000,
      ),
    );
    assert.is(clientError(answer), '4xx', `answered ${answer}`);
    assert.equal(await liveness(up), ALIVE);
    const grew = memoryMb(up.child.pid!).peak - before.rss;
    assert.ok(grew < 256, `peak RSS grew by ${grew.toFixed(0)} MB for a ${bomb.length}-byte body`);
  }));

/**
 * Opens a connection that declares an 8,000,000-byte body (under the endpoint's 8 MiB limit), sends
 * 7 MB of it and stalls; `ended` resolves when the server answers or closes it.
 */
function stalledBody(endpoint: string): { sent: Promise<void>; ended: Promise<void> } {
  const url = new URL(endpoint);
  const socket = connect(Number(url.port), url.hostname);
  const sent = new Promise<void>((resolve) => {
    socket.once('connect', () => {
      socket.write(
        'POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
          'Content-Length: 8000000\r\n\r\n',
      );
      socket.write(Buffer.alloc(7_000_000, 0x61), () => resolve());
    });
  });
  const ended = new Promise<void>((resolve) => {
    socket.on('data', () => socket.end());
    socket.once('close', () => resolve());
    socket.on('error', () => resolve());
  });
  return { sent, ended };
}

test('#15.7: stalled bodies on the endpoint are refused or timed out (30 s), not held', () =>
  withUp(async (up) => {
    const stalls = Array.from({ length: 20 }, () => stalledBody(up.sqs));
    await Promise.all(stalls.map((s) => s.sent));
    assert.equal(await liveness(up), ALIVE);
    // The server's whole-request limit, its 1 s check interval, and slack for a loaded machine.
    const limitMs = DEFAULTS.serverLimits.requestMs + 10_000;
    const bound = new Promise<'held'>((resolve) => setTimeout(() => resolve('held'), limitMs).unref());
    const outcome = await Promise.race([
      Promise.all(stalls.map((s) => s.ended)).then(() => 'released'),
      bound,
    ]);
    assert.is(outcome, 'released', `every stalled connection ended by the server within ${limitMs / 1000} s`);
    assert.equal(await liveness(up), ALIVE);
  }));

test('#15.12: __proto__ as a message attribute name is kept, alone and with another', () =>
  withUp(async (up) => {
    const created = await awsJson(up, 'AmazonSQS.CreateQueue', { QueueName: 'hostile-q' });
    const { QueueUrl } = JSON.parse(created.body) as { QueueUrl: string };
    const proto = '{"__proto__":{"DataType":"String","StringValue":"p"}';
    const bodies = [`${proto}}`, `${proto},"a":{"DataType":"String","StringValue":"x"}}`];
    const sent = [];
    for (const attributes of bodies) {
      const answer = await awsJson(
        up,
        'AmazonSQS.SendMessage',
        `{"QueueUrl":${JSON.stringify(QueueUrl)},"MessageBody":"m","MessageAttributes":${attributes}}`,
      );
      const out = JSON.parse(answer.body) as { MD5OfMessageAttributes?: string };
      sent.push({ status: answer.status, md5: typeof out.MD5OfMessageAttributes === 'string' });
    }
    assert.equal(sent, [
      { status: 200, md5: true },
      { status: 200, md5: true },
    ]);
    const received = await awsJson(up, 'AmazonSQS.ReceiveMessage', {
      QueueUrl,
      MaxNumberOfMessages: 10,
      MessageAttributeNames: ['All'],
    });
    const messages = (JSON.parse(received.body) as { Messages: { MessageAttributes: object }[] }).Messages;
    assert.equal(
      messages.map((m) => Object.keys(m.MessageAttributes).sort()).sort((a, b) => a.length - b.length),
      [['__proto__'], ['__proto__', 'a']],
    );
    assert.equal(await liveness(up), ALIVE);
  }));

test.run();
