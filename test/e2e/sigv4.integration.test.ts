// #15.4: `ferry up` with SigV4 required (--access-key/--secret-key), as a real process: every
// service on its AWS endpoint refuses other keys, and everything the runtime runs still works with
// the given ones: a message through the API processed by the consumer (the producer's SDK, the
// pollers), the console's SQS calls, CloudWatch, CloudWatch Logs, CloudFormation, `ferry invoke`.
import { exec, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CloudWatchClient, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnUp } from '../helpers/cli/ferry.js';
import { sign, send } from '../helpers/endpoint/sign.js';
import { order, postJson, ROOT } from '../helpers/runtime/runtime.js';
import { failure } from '../helpers/sqs/scenario.js';
import { jsonClient } from '../helpers/sqs/server.js';
import { until } from '../helpers/time/until.js';

const KEYS = { accessKeyId: 'AKIDFERRYUP', secretAccessKey: 'up-secret' };
const OTHER = { accessKeyId: 'AKIDFERRYUP', secretAccessKey: 'not-the-secret' };
const FREE_PORTS = ['--api-port', '0', '--sqs-port', '0', '--console-port', '0'];
const FAST = ['MaximumBatchingWindowInSeconds=0', 'QueueVisibilityTimeout=2', 'ConsumerTimeout=2'];

function logsRequest(endpoint: string, action: string, input: unknown) {
  return {
    method: 'POST',
    url: `${endpoint}/`,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Logs_20140328.${action}` },
    body: JSON.stringify(input),
  };
}

test('#15.4: ferry up --access-key/--secret-key: signed clients work, others are refused', async () => {
  const up = await spawnUp([
    ...FREE_PORTS,
    '--memory',
    '--parameter-overrides',
    ...FAST,
    '--access-key',
    KEYS.accessKeyId,
    '--secret-key',
    KEYS.secretAccessKey,
  ]);
  const right = jsonClient(up.sqs, KEYS);
  const wrong = jsonClient(up.sqs, OTHER);
  const cloudwatch = (credentials: typeof KEYS) =>
    new CloudWatchClient({ endpoint: up.sqs, region: 'us-east-1', credentials, maxAttempts: 1 });
  try {
    // The ready text names the key, never the secret.
    assert.ok(
      up
        .stdout()
        .includes(
          `export AWS_ACCESS_KEY_ID=${KEYS.accessKeyId} AWS_SECRET_ACCESS_KEY='<the secret key given>'`,
        ),
    );
    assert.not.ok(up.stdout().includes(KEYS.secretAccessKey));

    // Through the API: the producer sends (its SDK signs with the keys), the pollers receive.
    const res = await postJson(`${up.api}/messages`, order(), { 'x-correlation-id': 'sigv4-up' });
    assert.is(res.status, 202);
    await until('the consumer to process it', () =>
      up
        .stdout()
        .split('\n')
        .find(
          (l) =>
            l.startsWith('ferry-consumer') &&
            l.includes('"correlationId":"sigv4-up"') &&
            l.includes('"outcome":"processed"'),
        ),
    );

    // SQS.
    const queues = (await right.send(new ListQueuesCommand({}))).QueueUrls ?? [];
    assert.ok(queues.includes(`${up.sqs}/000000000000/ferry-messages`));
    const refused = await failure(wrong.send(new ListQueuesCommand({})));
    assert.equal(
      { name: refused.name, status: refused.status },
      { name: 'SignatureDoesNotMatch', status: 403 },
    );

    // CloudWatch.
    const cw = cloudwatch(KEYS);
    const cwWrong = cloudwatch(OTHER);
    assert.ok(Array.isArray((await cw.send(new ListMetricsCommand({}))).Metrics));
    const cwRefused = await cwWrong.send(new ListMetricsCommand({})).then(
      () => undefined,
      (e: { name: string; $metadata: { httpStatusCode?: number } }) => [e.name, e.$metadata.httpStatusCode],
    );
    assert.equal(cwRefused, ['SignatureDoesNotMatch', 403]);
    cw.destroy();
    cwWrong.destroy();

    // CloudWatch Logs: the producer's line, found with a signed request; an unsigned one is refused.
    const filter = logsRequest(up.sqs, 'FilterLogEvents', {
      logGroupName: '/aws/lambda/ferry-producer',
      filterPattern: '"sigv4-up"',
    });
    const found = await send(sign(filter, { credentials: KEYS, service: 'logs' }));
    assert.is(found.status, 200, found.body);
    assert.is((JSON.parse(found.body) as { events: unknown[] }).events.length, 1);
    assert.equal(JSON.parse((await send(filter)).body), {
      __type: 'MissingAuthenticationTokenException',
      message: 'Request is missing Authentication Token',
    });

    // CloudFormation, with the AWS CLI v2 (query protocol).
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: KEYS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_PAGER: '',
    };
    const describe = [
      '--endpoint-url',
      up.sqs,
      'cloudformation',
      'describe-stacks',
      '--query',
      'Stacks[0].StackName',
      '--output',
      'text',
    ];
    const { stdout } = await promisify(execFile)('/usr/bin/aws', describe, { env, timeout: 30_000 });
    assert.is(stdout.trim(), 'ferry');
    const denied = await promisify(execFile)('/usr/bin/aws', describe, {
      env: { ...env, AWS_SECRET_ACCESS_KEY: OTHER.secretAccessKey },
      timeout: 30_000,
    }).then(
      () => '',
      (e: { stderr: string }) => e.stderr,
    );
    assert.match(
      denied,
      'An error occurred (SignatureDoesNotMatch) when calling the DescribeStacks operation',
    );

    // The console's SQS calls sign with the keys.
    const consoleUrl = /^ {2}console +(\S+)$/m.exec(up.stdout())?.[1];
    const stats = await fetch(`${consoleUrl}/api/queues`);
    assert.is(stats.status, 200);
    const names = ((await stats.json()) as { queues: { name: string }[] }).queues.map((q) => q.name).sort();
    assert.equal(names, ['ferry-messages', 'ferry-messages-dlq']);

    // ferry invoke against the running stack, signing with FERRY_ACCESS_KEY/FERRY_SECRET_KEY.
    const port = new URL(up.sqs).port;
    const invoked = await promisify(exec)(
      `node local/bin/ferry.js event api --type order.created | node local/bin/ferry.js invoke ProducerFunction --sqs-port ${port} --event -`,
      {
        cwd: ROOT,
        env: { ...process.env, FERRY_ACCESS_KEY: KEYS.accessKeyId, FERRY_SECRET_KEY: KEYS.secretAccessKey },
        timeout: 60_000,
      },
    );
    assert.is((JSON.parse(invoked.stdout) as { statusCode: number }).statusCode, 202);
    assert.match(invoked.stderr, `its SQS calls went to the running stack at ${up.sqs}`);
    assert.not.match(invoked.stderr, 'was not stored');
  } finally {
    right.destroy();
    wrong.destroy();
    up.child.kill('SIGTERM');
    await up.exited;
  }
});

test.run();
