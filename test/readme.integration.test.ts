// README's commands, run as a user runs them: every ```sh block of README.md, in order, in one
// shell against a real `ferry up` on the local profile. Only the ports differ (free ones, so the
// test runs beside a developer's own `npm start`). A block that cannot run here (the two lead
// commands, the deploy to AWS) is named below with what runs it instead; a README command that is
// neither run nor named fails the test, so README stays true.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnUp, type UpProcess } from './helpers/cli/ferry.js';
import { ROOT } from './helpers/runtime/runtime.js';

/** Blocks run elsewhere, by their first command: what runs them. */
const RUN_ELSEWHERE: Record<string, string> = {
  'npm ci && npm start': '.ci/run (npm ci), test/e2e/startup and watch (ferry up from npm start)',
  'npm run build && scripts/deploy.sh --stack-name ferry-dev --region eu-west-1':
    'test/scripts/deploy.integration.test.ts (deploy.sh to moto_server) and deploy.yml',
};

/** The ```sh blocks of a markdown text, each as its lines (continuations kept). */
function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

const MARK = '@@readme-block';

interface Ctx {
  dir: string;
  up: UpProcess;
}
const readme = suite<Ctx>("README's commands", { dir: '', up: undefined as never });

readme.before(async (ctx) => {
  ctx.dir = mkdtempSync(join(tmpdir(), 'ferry-readme-'));
  ctx.up = await spawnUp(['--api-port', '0', '--sqs-port', '0', '--console-port', '0', '--data', ctx.dir]);
});
readme.after(async (ctx) => {
  if (ctx.up && ctx.up.child.exitCode === null) {
    ctx.up.child.kill('SIGTERM');
    await ctx.up.exited;
  }
  rmSync(ctx.dir, { recursive: true, force: true });
});

/** README's blocks with the default ports swapped for the test's. */
function localise(block: string, up: UpProcess): string {
  const port = (url: string) => new URL(url).port;
  const consolePort = /^ {2}console +http:\/\/[^:]+:(\d+)/m.exec(up.stdout())?.[1] ?? '9325';
  return block
    .replaceAll('127.0.0.1:3000', `127.0.0.1:${port(up.api)}`)
    .replaceAll('127.0.0.1:9325', `127.0.0.1:${consolePort}`)
    .replaceAll('npx ferry env', `npx ferry env --sqs-port ${port(up.sqs)}`)
    .replaceAll('npx ferry invoke', `npx ferry invoke --sqs-port ${port(up.sqs)}`);
}

/** Runs the blocks in one bash, `set -e`, each preceded by a marker; its output (stdout and
 * stderr, as a terminal shows them) split by block. */
function runBlocks(blocks: string[]): Promise<{ code: number; outputs: string[]; stderr: string }> {
  const script = [
    'set -euo pipefail',
    'exec 2>&1',
    ...blocks.map((b, i) => `printf '\\n${MARK} ${i}\\n'\n${b}`),
  ].join('\n');
  const child = spawn('bash', ['-c', script], {
    cwd: ROOT,
    env: {
      ...process.env,
      PATH: `${ROOT}node_modules/.bin:${process.env.PATH}`,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      const outputs = out.split(new RegExp(`^${MARK} \\d+\\n`, 'm')).slice(1);
      resolve({ code: code ?? -1, outputs, stderr: err });
    }),
  );
}

readme('every sh block is run here or named with what runs it', async ({ up }) => {
  const blocks = shellBlocks(readFileSync(`${ROOT}README.md`, 'utf8'));
  const first = (b: string) =>
    b
      .split('\n')[0]!
      .replace(/\s+#.*$/, '')
      .trim();
  const elsewhere = blocks.filter((b) => first(b) in RUN_ELSEWHERE);
  assert.equal(
    elsewhere.map(first).sort(),
    Object.keys(RUN_ELSEWHERE).sort(),
    'RUN_ELSEWHERE names README blocks',
  );
  const runnable = blocks.filter((b) => !(first(b) in RUN_ELSEWHERE));
  assert.ok(runnable.length >= 5, `README has its try-it blocks (${runnable.length})`);

  const { code, outputs, stderr } = await runBlocks(runnable.map((b) => localise(b, up)));
  const failed = outputs.length - 1;
  assert.is(
    code,
    0,
    `README block ${failed} failed:\n${runnable[failed]}\n--- stdout\n${outputs[failed]}\n--- stderr\n${stderr}`,
  );
  assert.is(outputs.length, runnable.length);

  /** Asserts that the output of the block that matches `block` matches `expected`. */
  const expect = (block: RegExp, expected: RegExp) => {
    const i = runnable.findIndex((b) => block.test(b));
    assert.ok(i >= 0, `a README block matches ${block}`);
    assert.match(outputs[i]!, expected, `README block ${i} prints ${expected}:\n${outputs[i]}`);
  };
  // Try it: one message accepted, a batch partly accepted, an invalid one refused with its path.
  expect(/x-correlation-id: try-1/, /^HTTP\/1\.1 202 Accepted/m);
  expect(/messages\/batch/, /"accepted":1,"rejected":1/);
  expect(/messages\/batch/, /"path":"\/items\/0\/quantity"/);
  expect(/messages\/batch/, /"name":"order.created"/);
  // Poison to the DLQ, the status, the redrive.
  expect(/not json/, /"MessageId"/);
  expect(/not json/, /^before: DLQ 1 visible/m);
  expect(/not json/, /task COMPLETED: moved 1 of 1/);
  // The smoke test.
  expect(/^scripts\/send\.sh$/m, /All checks passed/);
  // One function, one event: the producer's 202 and the consumer's empty batchItemFailures.
  expect(/ferry invoke ProducerFunction/, /"statusCode": 202/);
  expect(/ferry invoke ProducerFunction/, /"batchItemFailures": \[\]/);
  expect(/ferry invoke ProducerFunction/, /ferry-consumer \| .*"outcome":"processed"/);
  // The CLI and SDKs: the queues, the processed line, the stack, the story of try-1, boto3.
  const cli = /list-queues/;
  expect(cli, /ferry-messages-dlq/);
  expect(cli, /"outcome":\s*"processed"/);
  expect(cli, /"OutputKey": "QueueUrl"/);
  expect(cli, /== producer[\s\S]*try-1[\s\S]*== consumer[\s\S]*try-1/);
  expect(cli, /^\[.*'http:\/\/127\.0\.0\.1:\d+\/000000000000\/ferry-messages'.*\]$/m);
});

readme.run();
