import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startFakeFerry } from '../helpers/infra/fake-ferry.js';
import type { FakeOptions } from '../helpers/infra/fake-ferry.js';
import { awsEnv, run } from '../helpers/infra/run.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCHEMAS = join(ROOT, 'schemas', 'types');
const TYPES = readdirSync(SCHEMAS)
  .filter((f) => f.endsWith('.schema.json'))
  .map((f) => f.slice(0, -'.schema.json'.length))
  .sort();
const EXAMPLES = TYPES.map(
  (type) =>
    (JSON.parse(readFileSync(join(SCHEMAS, `${type}.schema.json`), 'utf8')) as { examples: unknown[] })
      .examples.length,
);
/** send.sh batches every example of every type, at most 10. */
const BATCH = Math.min(
  10,
  EXAMPLES.reduce((a, b) => a + b, 0),
);
const FIRST_IN_BATCH = Math.min(BATCH, EXAMPLES[0]!);

/** send.sh against a fake Ferry: with a number, `--timeout` it; else these arguments. */
async function smoke(options: Omit<FakeOptions, 'schemasDir'>, timeout: number | string[]) {
  const fake = await startFakeFerry({ schemasDir: SCHEMAS, ...options });
  const home = mkdtempSync(join(tmpdir(), 'ferry-send-'));
  try {
    const env = awsEnv(fake.url, home);
    const args =
      typeof timeout === 'number'
        ? ['--api-url', fake.url, '--log-group', fake.logGroup, '--timeout', String(timeout)]
        : timeout;
    const result = await run('bash', [join(ROOT, 'scripts', 'send.sh'), ...args], { env });
    // Correlation ids carry the run's clock and a random number.
    const lines = result.stdout
      .replace(/smoke-\d+-\d+/g, 'RUN')
      .trimEnd()
      .split('\n');
    return { code: result.code, lines, stderr: result.stderr, requests: fake.requests };
  } finally {
    await fake.close();
    rmSync(home, { recursive: true, force: true });
  }
}

const requestLines = [
  ...TYPES.map((type) => `PASS  single ${type}: POST /messages -> 202`),
  `PASS  batch of ${BATCH}: POST /messages/batch -> 202`,
  'PASS  batch, one valid one invalid: POST /messages/batch -> 207',
  'PASS  GET /types: GET /types -> 200',
  'PASS  malformed JSON: POST /messages -> 400',
  'PASS  not JSON (text/plain): POST /messages -> 415',
  'PASS  envelope without data: POST /messages -> 422',
  'PASS  unknown type: POST /messages -> 422',
  'PASS  data against its schema: POST /messages -> 422',
  'PASS  batch of 11: POST /messages/batch -> 400',
];

test('send.sh passes every check against a Ferry that answers as the contract says', async () => {
  const { code, lines, requests } = await smoke({}, 10);

  assert.equal(lines, [
    `Smoke test of ${lines[0]!.split(' ')[3]} (run RUN)`,
    ...requestLines,
    'Waiting up to 10s for the consumer to log them as processed in /aws/lambda/fake-consumer',
    ...TYPES.map((type, i) => `PASS  single ${type}: consumer processed 1 (correlation id RUN-${i + 1})`),
    `PASS  batch of ${BATCH}: consumer processed ${BATCH} (correlation id RUN-${TYPES.length + 1})`,
    `PASS  batch, one valid one invalid: consumer processed 1 (correlation id RUN-${TYPES.length + 2})`,
    'All checks passed',
  ]);
  assert.equal(code, 0);
  assert.equal(requests.length, TYPES.length + 9);
});

test('send.sh fails on a wrong status and on a message never processed, within its timeout', async () => {
  const started = Date.now();
  const { code, lines } = await smoke(
    { neverProcessed: [TYPES[0]!], override: { route: 'GET /types', status: 500 } },
    2,
  );

  assert.equal(code, 1);
  assert.equal(
    lines.filter((l) => l.startsWith('FAIL')),
    [
      `FAIL  GET /types: GET /types -> 200, got 500: {"error":"overridden","message":"overridden","correlationId":"RUN-${TYPES.length + 3}"}`,
      `FAIL  single ${TYPES[0]}: consumer processed 0 of 1 within 2s (correlation id RUN-1)`,
      // The batch of every example holds those of the never-processed type too.
      `FAIL  batch of ${BATCH}: consumer processed ${BATCH - FIRST_IN_BATCH} of ${BATCH} within 2s (correlation id RUN-${TYPES.length + 1})`,
      `FAIL  batch, one valid one invalid: consumer processed 0 of 1 within 2s (correlation id RUN-${TYPES.length + 2})`,
    ],
  );
  assert.equal(lines.at(-1), '4 check(s) failed');
  assert.ok(Date.now() - started < 30_000);
});

/** The example that fails on purpose, and how many times (schemas/types/order.created.schema.json). */
const TRANSIENT = 'order.created examples[1]';
const K = 2;
const stack = (settings: Partial<NonNullable<FakeOptions['stack']>> = {}) => ({
  name: 'ferry-fake',
  visibilityTimeout: 2,
  maxReceiveCount: 5,
  batchingWindow: 1,
  lambdaApi: true,
  ...settings,
});
test('send.sh computes each wait from the queue and the mapping, and waits that long for the transient example', async () => {
  const started = Date.now();
  const { code, lines, stderr } = await smoke({ stack: stack() }, [
    '--stack-name',
    'ferry-fake',
    '--margin',
    '5',
  ]);
  const took = Date.now() - started;

  const url = lines[0]!.split(' ')[3]!;
  const short = '1s window + 5s margin';
  assert.equal(
    lines.filter((l) => !l.startsWith('PASS  single') && !l.startsWith('PASS  batch, one')),
    [
      `Smoke test of ${url} (run RUN)`,
      'Waits, from stack ferry-fake:',
      `  visibility timeout 2s, maxReceiveCount 5 (sqs get-queue-attributes on ${url}/123456789012/fake-messages)`,
      '  batching window 1s (lambda list-event-source-mappings of fake-consumer)',
      "  margin 5s for one invocation and the log line's delivery; ceiling 900s",
      ...requestLines.filter((l) => !l.startsWith('PASS  single') && !l.startsWith('PASS  batch, one')),
      'Waiting for the consumer to log them as processed in /aws/lambda/fake-consumer:',
      ...TYPES.map((type) => `  single ${type}: up to 6s = ${short}`),
      `  batch of ${BATCH}: up to ${K * 2 + 6}s = ${K} x 2s visibility timeout (${TRANSIENT} fails ${K} times on purpose) + ${short}`,
      `  batch, one valid one invalid: up to 6s = ${short}`,
      `PASS  batch of ${BATCH}: consumer processed ${BATCH} (correlation id RUN-${TYPES.length + 1})`,
      'All checks passed',
    ],
  );
  assert.equal(
    lines.filter((l) => l.startsWith('PASS  single') || l.startsWith('PASS  batch, one')).length,
    TYPES.length + 1 + TYPES.length + 1,
  );
  assert.is(code, 0, stderr);
  // Honoured: the fake logs the transient message K x 2 s + 1 s after it was accepted.
  assert.ok(took >= (K * 2 + 1) * 1000, `took ${took} ms`);
});

test('--timeout overrides the computed wait and reads no queue settings', async () => {
  const { code, lines } = await smoke({ stack: stack() }, ['--stack-name', 'ferry-fake', '--timeout', '1']);

  assert.equal(
    lines.filter((l) => /^(FAIL|Wait)/.test(l)),
    [
      'Waiting up to 1s for the consumer to log them as processed in /aws/lambda/fake-consumer',
      `FAIL  batch of ${BATCH}: consumer processed ${BATCH - 1} of ${BATCH} within 1s (correlation id RUN-${TYPES.length + 1})`,
    ],
  );
  assert.is(code, 1);
});

test('no Lambda API: the window from the stack parameters; a message bound for the DLQ is skipped', async () => {
  const { code, lines } = await smoke({ stack: stack({ lambdaApi: false, maxReceiveCount: K }) }, [
    '--stack-name',
    'ferry-fake',
  ]);

  assert.equal(
    lines.filter((l) => /^( {2}(visibility|batching|batch of)|SKIP|PASS {2}batch of \d+: consumer)/.test(l)),
    [
      `  visibility timeout 2s, maxReceiveCount ${K} (sqs get-queue-attributes on ${lines[0]!.split(' ')[3]}/123456789012/fake-messages)`,
      "  batching window 1s (the stack's MaximumBatchingWindowInSeconds parameter: the event source mapping of fake-consumer could not be read)",
      `SKIP  batch of ${BATCH}: not waited for: ${TRANSIENT} fails ${K} times on purpose, at least the queue's maxReceiveCount ${K}: it goes to the dead-letter queue`,
      `  batch of ${BATCH}: up to 31s = 1s window + 30s margin`,
      `PASS  batch of ${BATCH}: consumer processed ${BATCH - 1} (correlation id RUN-${TYPES.length + 1})`,
    ],
  );
  assert.is(code, 0);
});

test('a role that may not read the queue: its settings from the stack parameters, said so', async () => {
  const { code, lines, stderr } = await smoke(
    { stack: stack({ queueAttributes: false, batchingWindow: 3 }) },
    ['--stack-name', 'ferry-fake', '--plan-only'],
  );

  assert.equal(
    lines.filter((l) => /^ {2}(visibility|batching|batch of \d+: .* then)/.test(l)),
    [
      "  visibility timeout 2s, maxReceiveCount 5 (the stack's QueueVisibilityTimeout and MaxReceiveCount parameters)",
      '  batching window 3s (lambda list-event-source-mappings of fake-consumer)',
      `  batch of ${BATCH}: POST /messages/batch -> 202, then ${BATCH} processed within 37s = ${K} x 2s visibility timeout (${TRANSIENT} fails ${K} times on purpose) + 3s window + 30s margin`,
    ],
  );
  assert.match(stderr, 'send.sh: cannot read the attributes of http://127.0.0.1:');
  assert.match(stderr, 'not authorized to perform: sqs:GetQueueAttributes');
  assert.match(stderr, "reading the stack's QueueVisibilityTimeout parameter instead");
  assert.is(code, 0);
});

test('--plan-only prints the waits, skips what needs more than --max-wait, and sends nothing', async () => {
  const { code, lines, requests } = await smoke({ stack: stack({ visibilityTimeout: 100 }) }, [
    '--stack-name',
    'ferry-fake',
    '--plan-only',
    '--max-wait',
    '200',
  ]);

  assert.equal(lines.slice(0, 2), [
    'Plan of the smoke test of stack ferry-fake (nothing is sent)',
    'Waits, from stack ferry-fake:',
  ]);
  assert.equal(
    lines.filter((l) => l.startsWith('  batch of')),
    [
      `  batch of ${BATCH}: POST /messages/batch -> 202, then ${BATCH - 1} processed within 31s = 1s window + 30s margin (not waited for: ${TRANSIENT} fails ${K} times on purpose and would need ${K} x 100s + 1s + 30s = ${K * 100 + 31}s, over the 200s ceiling (--max-wait))`,
      '  batch of 11: POST /messages/batch -> 400',
    ],
  );
  assert.is(code, 0);
  assert.equal(requests, []);
});

test.run();
