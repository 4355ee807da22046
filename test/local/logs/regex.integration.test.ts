// #15.3 against a real `ferry up`: backtracking regexes from the console (any web page can send
// them) and from FilterLogEvents are refused at once, while all three ports keep answering.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FREE_PORTS, spawnUp } from '../../helpers/cli/ferry.js';
import { order, postJson } from '../../helpers/runtime/runtime.js';
import { until } from '../../helpers/time/until.js';

const FAST = ['MaximumBatchingWindowInSeconds=0'];

async function logs(endpoint: string, action: string, input: unknown) {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Logs_20140328.${action}` },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

test('#15.3: hostile regexes are refused while the API, the endpoint and the console answer', async () => {
  const up = await spawnUp([...FREE_PORTS, '--memory', '--parameter-overrides', ...FAST]);
  try {
    const consoleUrl = /^ {2}console +(\S+)$/m.exec(up.stdout())![1]!;
    const accepted = await postJson(`${up.api}/messages`, order(), { 'x-correlation-id': 'regex-cid-1' });
    assert.is(accepted.status, 202);
    const group = '/aws/lambda/ferry-producer';
    await until('the producer log line', async () => {
      const found = await logs(up.sqs, 'FilterLogEvents', {
        logGroupName: group,
        filterPattern: '"regex-cid-1"',
      });
      return found.status === 200 && (found.body.events as unknown[]).length > 0;
    });
    const nested = `%${'('.repeat(5000)}a${')'.repeat(5000)}%`;
    const consoleSearch = (pattern: string) =>
      fetch(`${consoleUrl}/api/logs?pattern=${encodeURIComponent(pattern)}`).then(async (r) => ({
        status: r.status,
        error: String(((await r.json()) as { error?: unknown }).error).split(': ')[0],
      }));
    // All at once: the hostile searches and ordinary requests on every port.
    const [fromConsole, backtrack, deep, api, listQueues, page] = await Promise.all([
      consoleSearch('%(.*)*Q%'),
      logs(up.sqs, 'FilterLogEvents', { logGroupName: group, filterPattern: '%(a+)+$%' }),
      logs(up.sqs, 'FilterLogEvents', { logGroupName: group, filterPattern: nested }),
      postJson(`${up.api}/messages`, order(), { 'x-correlation-id': 'regex-cid-2' }),
      fetch(`${up.sqs}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ListQueues' },
        body: '{}',
      }).then((r) => r.status),
      fetch(`${consoleUrl}/api/queues`).then((r) => r.status),
    ]);
    assert.equal(
      {
        fromConsole,
        backtrack: [backtrack.status, backtrack.body.__type],
        deep: [deep.status, deep.body.__type, deep.body.message],
        others: [api.status, listQueues, page],
      },
      {
        fromConsole: { status: 400, error: 'FilterPatternError' },
        backtrack: [400, 'InvalidParameterException'],
        deep: [
          400,
          'InvalidParameterException',
          'Invalid filter pattern: the pattern has 10003 characters; the most is 1024',
        ],
        others: [202, 200, 200],
      },
    );
    // The supported syntax still searches: the correlation id as a regex.
    const found = await logs(up.sqs, 'FilterLogEvents', {
      logGroupName: group,
      filterPattern: '%regex-cid-\\d%',
    });
    assert.ok((found.body.events as unknown[]).length > 0, 'a CloudWatch regex finds the line');
  } finally {
    up.child.kill('SIGTERM');
    await up.exited;
  }
});

test.run();
