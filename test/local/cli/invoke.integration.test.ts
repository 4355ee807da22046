// `ferry event ... | ferry invoke ...` as a user types them, in a real shell: the template's
// functions run once with the sample events, standalone (an in-memory SQS endpoint) or against a
// running `ferry up`, whose queue then holds what the producer sent.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FREE_PORTS, spawnUp } from '../../helpers/cli/ferry.js';
import { freePort } from '../../helpers/infra/moto.js';
import { ROOT } from '../../helpers/runtime/runtime.js';

const FERRY = 'node local/bin/ferry.js';
const FIXTURE = 'test/fixtures/cli/producer-only.yaml';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A shell line in the repository's root; answers its exit code and output, whatever the code. */
function sh(line: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-o', 'pipefail', '-c', line],
      { cwd: ROOT, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

/** No `ferry up` answers on this port: the invocation runs standalone whatever else runs here. */
let idle: string;
test.before(async () => {
  idle = `--sqs-port ${await freePort()}`;
});

test('ferry event api | ferry invoke ProducerFunction: 202, exit 0', async () => {
  const run = await sh(
    `${FERRY} event api --type order.created | ${FERRY} invoke ProducerFunction --event - ${idle}`,
  );
  const result = JSON.parse(run.stdout) as {
    statusCode: number;
    headers: Record<string, string>;
    body: string;
  };
  const body = JSON.parse(result.body) as Record<string, string>;
  assert.is(run.code, 0, run.stderr);
  assert.equal(
    { statusCode: result.statusCode, type: body.type, correlation: result.headers['x-correlation-id'] },
    { statusCode: 202, type: 'order.created', correlation: body.correlationId },
  );
  assert.match(run.stderr, /^ferry-producer \| START RequestId: /m);
  assert.match(run.stderr, /^ferry-producer \| REPORT RequestId: .*Memory Size: 256 MB/m);
  assert.match(
    run.stderr,
    /ferry invoke: ferry-producer returned; its SQS calls went to an in-memory SQS endpoint .*, gone now: messages left: 1 on ferry-messages$/m,
  );
});

test('ferry event sqs | ferry invoke ConsumerFunction: no batch item failures, the processed line', async () => {
  const run = await sh(
    `${FERRY} event sqs --type order.created | ${FERRY} invoke ferry-consumer --event - ${idle}`,
  );
  assert.is(run.code, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout), { batchItemFailures: [] });
  assert.match(run.stderr, /^ferry-consumer \| \{.*"outcome":"processed".*"msg":"message processed"\}$/m);
});

test('an invalid record is dead-lettered by the consumer, which still returns: exit 0', async () => {
  const run = await sh(
    `${FERRY} event sqs --body '{"type":"order.created","data":{}}' | ${FERRY} invoke ConsumerFunction --event - ${idle}`,
  );
  assert.is(run.code, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout), { batchItemFailures: [] });
  assert.match(run.stderr, /"outcome":"dead-lettered".*"msg":"message sent to the dead-letter queue"/);
  // The consumer's own SendMessage to the DLQ, in the standalone endpoint.
  assert.match(run.stderr, /gone now: messages left: 1 on ferry-messages-dlq$/m);
});

test('a function that throws: exit 1, with Lambda’s errorType and errorMessage', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-invoke-'));
  try {
    writeFileSync(join(dir, 'event.json'), JSON.stringify({ body: 'throw' }));
    const run = await sh(
      `${FERRY} invoke Worker --template test/fixtures/runtime/template.yaml --event ${join(dir, 'event.json')} ${idle}`,
    );
    const error = JSON.parse(run.stdout) as { errorType: string; errorMessage: string };
    assert.is(run.code, 1, run.stderr);
    assert.equal(
      { errorType: error.errorType, errorMessage: error.errorMessage },
      { errorType: 'TypeError', errorMessage: 'the handler threw' },
    );
    assert.match(run.stderr, /^ferry invoke: worker failed: TypeError: the handler threw$/m);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('a function the template does not have, or none: exit 2, naming those it has', async () => {
  const functions = 'ProducerFunction (ferry-producer) and ConsumerFunction (ferry-consumer)';
  assert.equal(
    [await sh(`${FERRY} invoke Nope ${idle}`), await sh(`${FERRY} invoke ${idle}`)],
    [
      {
        code: 2,
        stdout: '',
        stderr: `ferry invoke: the template has no function Nope; its functions: ${functions}\n`,
      },
      {
        code: 2,
        stdout: '',
        stderr: `ferry invoke: name the function to invoke; the template's functions: ${functions}\n`,
      },
    ],
  );
});

test('against a running ferry up, the producer’s message lands in that stack’s queue', async () => {
  const up = await spawnUp(['--template', FIXTURE, '--memory', ...FREE_PORTS]);
  const sqs = new SQSClient({
    endpoint: up.sqs,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
  });
  try {
    const port = new URL(up.sqs).port;
    const run = await sh(
      `${FERRY} event api --template ${FIXTURE} --type user.signed_up | ${FERRY} invoke ferry-producer --template ${FIXTURE} --sqs-port ${port} --event -`,
    );
    assert.is(run.code, 0, run.stderr);
    assert.match(run.stderr, `its SQS calls went to the running stack at ${up.sqs}`);
    const sent = JSON.parse((JSON.parse(run.stdout) as { body: string }).body) as Record<string, string>;
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: `${up.sqs}/000000000000/ferry-inbox`,
        MessageAttributeNames: ['All'],
        WaitTimeSeconds: 5,
      }),
    );
    assert.equal(
      Messages.map((m) => ({
        id: m.MessageId,
        type: (JSON.parse(m.Body!) as { type: string }).type,
        correlationId: m.MessageAttributes?.correlationId?.StringValue,
      })),
      [{ id: sent.messageId, type: 'user.signed_up', correlationId: sent.correlationId }],
    );
    // Its lines are in the stack's CloudWatch Logs too, as Lambda puts them: the accepted line found
    // by its correlation id, START to REPORT in one stream.
    const found = await filterLogEvents(up.sqs, '/aws/lambda/ferry-producer', `"${sent.correlationId}"`);
    assert.equal(
      found.map((e) => (JSON.parse(e.message) as { msg: string }).msg),
      ['message accepted'],
    );
    const stream = await filterLogEvents(up.sqs, '/aws/lambda/ferry-producer', '', found[0]!.logStreamName);
    assert.equal(
      stream.map((e) => /^(START|END|REPORT)\b/.exec(e.message)?.[1] ?? 'line'),
      ['START', 'line', 'END', 'REPORT'],
    );
  } finally {
    sqs.destroy();
    up.child.kill('SIGTERM');
    await up.exited;
  }
});

/** FilterLogEvents on the endpoint's CloudWatch Logs JSON protocol (no Logs SDK client here). */
async function filterLogEvents(
  endpoint: string,
  logGroupName: string,
  filterPattern: string,
  stream?: string,
): Promise<{ message: string; logStreamName: string }[]> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'Logs_20140328.FilterLogEvents',
    },
    body: JSON.stringify({ logGroupName, filterPattern, ...(stream ? { logStreamNames: [stream] } : {}) }),
  });
  return ((await res.json()) as { events: { message: string; logStreamName: string }[] }).events;
}

test.run();
