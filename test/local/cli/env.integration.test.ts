// `eval "$(ferry env)"` in a real shell, then the AWS CLIs against a local endpoint: the first
// `aws` command a user types after reading the ready text works.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestEndpoint } from '../../helpers/logs/endpoint.js';

const run = promisify(execFile);

test('after eval "$(ferry env)", aws logs and aws --endpoint-url ... sqs reach the local endpoint', async () => {
  const ep = await startTestEndpoint();
  try {
    ep.store.createGroup('/aws/lambda/from-env');
    await ep.engine.createQueue('from-env', {}, {});
    const port = new URL(ep.endpoint).port;
    const script = [
      `eval "$(node local/bin/ferry.js env --sqs-port ${port})"`,
      'aws logs describe-log-groups --query "logGroups[].logGroupName" --output text',
      'aws --endpoint-url "$AWS_ENDPOINT_URL" sqs list-queues --query "QueueUrls" --output text',
    ].join(' && ');
    // No credentials or config of the user's own: only what `ferry env` exported.
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: '/nonexistent',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    };
    const { stdout } = await run('bash', ['-c', script], { env, timeout: 60_000 });
    assert.equal(stdout.trim().split('\n'), ['/aws/lambda/from-env', `${ep.endpoint}/000000000000/from-env`]);
  } finally {
    await ep.close();
  }
});

test.run();
