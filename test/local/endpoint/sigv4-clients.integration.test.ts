import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CreateQueueCommand, ListQueuesCommand } from '@aws-sdk/client-sqs';
import { ListQueuesCommand as QueryListQueues } from 'sqs-query-client';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnFerry, type FerryProcess } from '../../helpers/cli/ferry.js';
import { CREDENTIALS, jsonClient, queryClient } from '../../helpers/sqs/server.js';

// #15.4: with SigV4 required (a real `ferry sqs` given FERRY_ACCESS_KEY/FERRY_SECRET_KEY), the
// clients people use still get in with the right keys, and are refused with a wrong secret:
// the SDK (JSON and query), `aws` (CLI v1, JSON), `/usr/bin/aws` (CLI v2.9, query) and boto3.

const run = promisify(execFile);
const test = suite<{ ferry: FerryProcess; env: NodeJS.ProcessEnv }>('#15.4 real clients under SigV4');

test.before(async (ctx) => {
  ctx.ferry = await spawnFerry(['sqs', '--port', '0', '--memory'], {
    FERRY_ACCESS_KEY: CREDENTIALS.accessKeyId,
    FERRY_SECRET_KEY: CREDENTIALS.secretAccessKey,
  });
  ctx.env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_ENDPOINT_URL: ctx.ferry.endpoint,
    AWS_PAGER: '',
  };
  const sqs = jsonClient(ctx.ferry.endpoint);
  await sqs.send(new CreateQueueCommand({ QueueName: 'signed' }));
  sqs.destroy();
});

test.after(async (ctx) => {
  ctx.ferry.child.kill('SIGTERM');
  await ctx.ferry.exited;
});

async function cli(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<unknown> {
  try {
    const { stdout } = await run(bin, [...args, '--output', 'json'], { env, timeout: 30_000 });
    return JSON.parse(stdout) as unknown;
  } catch (error) {
    return { error: String((error as { stderr?: string }).stderr).trim() };
  }
}

test('the SDK, JSON and query, with the right keys', async ({ ferry }) => {
  const json = jsonClient(ferry.endpoint);
  const query = queryClient(ferry.endpoint);
  try {
    const url = `${ferry.endpoint}/000000000000/signed`;
    assert.equal((await json.send(new ListQueuesCommand({}))).QueueUrls, [url]);
    assert.equal((await query.send(new QueryListQueues({}))).QueueUrls, [url]);
  } finally {
    json.destroy();
    query.destroy();
  }
});

for (const [label, bin] of [
  ['aws v1 (JSON)', 'aws'],
  ['aws v2.9 (query)', '/usr/bin/aws'],
] as const) {
  test(`${label}: accepted with the right keys, SignatureDoesNotMatch with a wrong secret`, async ({
    ferry,
    env,
  }) => {
    const args = ['--endpoint-url', ferry.endpoint, 'sqs', 'list-queues'];
    assert.equal(await cli(bin, args, env), { QueueUrls: [`${ferry.endpoint}/000000000000/signed`] });
    const wrong = await cli(bin, args, { ...env, AWS_SECRET_ACCESS_KEY: 'not-the-secret' });
    assert.match(
      (wrong as { error: string }).error,
      'An error occurred (SignatureDoesNotMatch) when calling the ListQueues operation: The request signature we calculated does not match',
    );
  });
}

test('boto3: accepted with the right keys, refused with another key id', async ({ ferry, env }) => {
  const script = `
import boto3, json
from botocore.exceptions import ClientError
sqs = boto3.client('sqs')
out = {'queues': sqs.list_queues()['QueueUrls']}
other = boto3.client('sqs', aws_access_key_id='AKIDSOMEONEELSE', aws_secret_access_key='x')
try:
    other.list_queues()
except ClientError as e:
    out['other'] = [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]
print(json.dumps(out))
`;
  const { stdout } = await run('python3', ['-c', script], { env, timeout: 30_000 });
  assert.equal(JSON.parse(stdout), {
    queues: [`${ferry.endpoint}/000000000000/signed`],
    other: ['InvalidClientTokenId', 403],
  });
});

test('a non-loopback --host: the warning, on stderr, before the server starts', async () => {
  const ferry = await spawnFerry(['sqs', '--port', '0', '--memory', '--host', '0.0.0.0', '--no-auth']);
  ferry.child.kill('SIGTERM');
  assert.is(await ferry.exited, 0);
  assert.is(
    ferry.stderr(),
    'ferry sqs: warning: --host 0.0.0.0 is not a loopback address: other machines can reach every port. The AWS endpoint accepts any request (--no-auth).\n',
  );
});

test.run();
