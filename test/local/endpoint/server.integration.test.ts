import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cliEnv, startTestEndpoint } from '../../helpers/logs/endpoint.js';
import type { TestEndpoint } from '../../helpers/logs/endpoint.js';

// The AWS CLI on the one endpoint (the SQS port): sqs and logs answered, other services refused
// by name.

const run = promisify(execFile);
const test = suite<{ ep: TestEndpoint }>('the AWS CLI on the endpoint');

test.before(async (ctx) => {
  ctx.ep = await startTestEndpoint({
    monitoring: {
      handle: () =>
        Promise.resolve({
          status: 200,
          headers: { 'content-type': 'application/x-amz-json-1.0' },
          body: JSON.stringify({ Metrics: [] }),
        }),
    },
  });
  // The queue the CLI lists, made as the SDK tests of server.test.ts make it.
  const created = await ctx.ep.engine.createQueue('shared', {}, {});
  assert.ok(created.ok);
});

test.after(async (ctx) => {
  await ctx.ep.close();
});

test('one AWS_ENDPOINT_URL: the CLI reaches sqs and logs, and is told clearly what is not served', async ({
  ep,
}) => {
  const env = cliEnv(ep.endpoint);
  ep.store.createGroup('/aws/lambda/shared');
  const cli = async (...args: string[]) => {
    try {
      return (await run('aws', [...args, '--output', 'json'], { env, timeout: 30_000 })).stdout;
    } catch (error) {
      return String((error as { stderr?: string }).stderr).trim();
    }
  };
  const groups = JSON.parse(
    await cli('logs', 'describe-log-groups', '--query', 'logGroups[].logGroupName'),
  ) as unknown;
  assert.equal(groups, ['/aws/lambda/shared']);
  const queues = JSON.parse(await cli('--endpoint-url', ep.endpoint, 'sqs', 'list-queues')) as {
    QueueUrls: string[];
  };
  assert.ok(queues.QueueUrls.includes(`${ep.endpoint}/000000000000/shared`));
  assert.match(
    await cli('cloudformation', 'describe-stacks'),
    "An error occurred (UnknownService) when calling the DescribeStacks operation: Ferry's local AWS endpoint does not serve the 'cloudformation' service; it serves: logs, monitoring, sqs.",
  );
});

test.run();
