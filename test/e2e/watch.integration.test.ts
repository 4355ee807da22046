// Watch mode under load: a processor edited while `ferry up --watch` takes a steady stream of
// messages. Every accepted message is processed, none lost or stuck; those sent after the reload
// line run the new code; the reload says how long it took. The project is a copy in a temp
// directory, so the test never edits the checkout.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { order, postJson, ROOT } from '../helpers/runtime/runtime.js';
import { FREE_PORTS } from '../helpers/cli/ferry.js';
import { until } from '../helpers/time/until.js';

const COPIED = [
  'services',
  'schemas',
  'cloudformation',
  'dist',
  'scripts',
  'package.json',
  'tsup.config.ts',
  'tsconfig.json',
];
const PROCESSOR = 'services/consumer/processors/order-created.ts';
const QUICK = [
  '--parameter-overrides',
  'MaximumBatchingWindowInSeconds=0',
  'QueueVisibilityTimeout=6',
  'ConsumerTimeout=1',
];
/** `ferry up --watch` on free ports and the quick settings in `dir`; `out()` is all it has printed. */
function watch(dir: string, args: string[]) {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'local/bin/ferry.js'), 'up', '--watch', ...args, ...FREE_PORTS, ...QUICK],
    {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  child.stdout.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr.on('data', (d: Buffer) => (text += d.toString()));
  return { child, out: () => text };
}

const credentials = { accessKeyId: 'AKIDWATCH', secretAccessKey: 'watch' };

function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-watch-'));
  for (const entry of COPIED) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** Correlation ids of the consumer's processed lines, each with whether it ran the new code. */
function processed(out: string): Map<string, boolean> {
  const seen = new Map<string, boolean>();
  for (const line of out.split('\n')) {
    if (!line.startsWith('ferry-consumer') || !line.includes('"outcome":"processed"')) continue;
    const id = /"correlationId":"([^"]+)"/.exec(line)?.[1];
    if (id !== undefined) seen.set(id, line.includes('"action":"stock-reserved-v2"'));
  }
  return seen;
}

test('a processor edited under load: every message processed, later ones by the new code', async () => {
  const dir = copyProject();
  const { child, out: printed } = watch(dir, ['--memory']);
  try {
    const api = await until(
      'ferry up to be ready',
      () => /^ {2}API \([^)]+\) +(\S+)$/m.exec(printed())?.[1],
      20_000,
    );
    const accepted: { id: string; afterReload: boolean }[] = [];
    const reloaded = () => /rebuilt in \d+ ms/.test(printed());
    let stop = false;
    const load = (async () => {
      for (let i = 0; !stop; i++) {
        const id = `watch-${i}`;
        const afterReload = reloaded();
        const res = await fetch(`${api}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-correlation-id': id },
          body: JSON.stringify(order()),
        });
        if (res.status === 202) accepted.push({ id, afterReload });
        await res.arrayBuffer();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    await until('messages before the edit', () => accepted.length >= 20);
    const source = join(dir, PROCESSOR);
    writeFileSync(
      source,
      readFileSync(source, 'utf8').replace("action: 'stock-reserved'", "action: 'stock-reserved-v2'"),
    );
    await until('the reload line', () => reloaded(), 30_000);
    await until('messages after the reload', () => accepted.filter((a) => a.afterReload).length >= 20);
    stop = true;
    await load;
    const all = await until(
      'every accepted message processed',
      () => {
        const seen = processed(printed());
        return accepted.every((a) => seen.has(a.id)) ? seen : undefined;
      },
      30_000,
    );
    const late = accepted.filter((a) => a.afterReload);
    assert.ok(late.length >= 20, `${late.length} messages sent after the reload`);
    assert.equal(
      late.filter((a) => all.get(a.id) !== true).map((a) => a.id),
      [],
      'sent after the reload line: processed by the new code',
    );
    assert.ok(
      accepted.some((a) => all.get(a.id) === false),
      'some ran the old code',
    );
    assert.not.match(printed(), /"outcome":"(failed|dead-lettered)"/);
    assert.match(
      printed(),
      new RegExp(
        `ferry up: ${PROCESSOR} changed: rebuilt in \\d+ ms; ferry-producer, ferry-consumer run the new code from their next invocation`,
      ),
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a template change re-plans the stack on the same queues; one that cannot be played changes nothing', async () => {
  const dir = copyProject();
  const { child, out: printed } = watch(dir, ['--data', join(dir, '.ferry')]);
  const template = join(dir, 'cloudformation/template.yaml');
  const edit = (from: string, to: string) => {
    const text = readFileSync(template, 'utf8');
    assert.ok(text.includes(from), `the template has ${from}`);
    writeFileSync(template, text.replace(from, to));
  };
  try {
    const api = await until(
      'ferry up to be ready',
      () => /^ {2}API \([^)]+\) +(\S+)$/m.exec(printed())?.[1],
      20_000,
    );
    const sqs = new SQSClient({
      endpoint: /^ {2}SQS +(\S+)$/m.exec(printed())![1],
      region: 'us-east-1',
      credentials,
    });
    const queueUrl = /^ {2}QueueUrl +(\S+)$/m.exec(printed())![1]!;
    const redrive = async () => {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['RedrivePolicy'] }),
      );
      return (JSON.parse(Attributes.RedrivePolicy ?? '{}') as { maxReceiveCount?: number }).maxReceiveCount;
    };
    assert.is(await redrive(), 5);
    const before = await postJson(`${api}/messages`, order(), { 'x-correlation-id': 'before-replan' });
    assert.is(before.status, 202);
    edit(
      '    Default: 5\n    MinValue: 1\n    MaxValue: 1000',
      '    Default: 3\n    MinValue: 1\n    MaxValue: 1000',
    );
    await until('the re-plan line', () => /re-planned in \d+ ms/.test(printed()), 30_000);
    assert.match(
      printed(),
      /ferry up: cloudformation\/template\.yaml changed: re-planned in \d+ ms \(changed MessagesQueue\)/,
    );
    assert.is(await redrive(), 3);
    edit('Handler: index.handler', 'Handler: missing.handler');
    await until('the refusal', () => printed().includes('the stack runs as it was'), 30_000);
    assert.match(
      printed(),
      /template\.yaml changed: Resources\.\w+\.Properties\.Handler: missing\.handler: .*; the stack runs as it was/,
    );
    const after = await postJson(`${api}/messages`, order(), { 'x-correlation-id': 'after-replan' });
    assert.is(after.status, 202);
    for (const id of ['before-replan', 'after-replan'])
      await until(
        `${id} processed`,
        () => printed().includes(`"correlationId":"${id}"`) && processed(printed()).has(id),
      );
    sqs.destroy();
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
