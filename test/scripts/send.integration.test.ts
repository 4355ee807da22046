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

async function smoke(options: Omit<FakeOptions, 'schemasDir'>, timeout: number) {
  const fake = await startFakeFerry({ schemasDir: SCHEMAS, ...options });
  const home = mkdtempSync(join(tmpdir(), 'ferry-send-'));
  try {
    const env = awsEnv(fake.url, home);
    const args = ['--api-url', fake.url, '--log-group', fake.logGroup, '--timeout', String(timeout)];
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

test.run();
