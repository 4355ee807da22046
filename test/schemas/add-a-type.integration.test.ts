// Adding a message type is adding one schema file: in a temporary copy of the project, add
// schemas/types/invoice.paid.schema.json, build, and send a message of that type through the
// built producer bundle to a stand-in SQS endpoint, then through the built consumer bundle.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { apiEvent, sqsEvent, sqsRecord } from '../helpers/services/events.js';
import { schemaTypes } from '../helpers/services/schema-types.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

const invoicePaid = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://ferry.dev/schemas/types/invoice.paid.schema.json',
  title: 'invoice.paid',
  version: '1.0.0',
  type: 'object',
  additionalProperties: false,
  required: ['invoiceId', 'amount', 'paidAt'],
  properties: {
    invoiceId: { type: 'string', pattern: '^inv_[0-9]+$' },
    amount: { type: 'number', exclusiveMinimum: 0 },
    paidAt: { type: 'string', format: 'date-time' },
  },
  examples: [{ invoiceId: 'inv_77', amount: 120.5, paidAt: '2026-11-27T03:00:00Z' }],
};

/** A copy of what the build reads, sharing node_modules, with nothing generated or built. */
function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-add-type-'));
  for (const path of [
    'schemas',
    'services',
    'scripts/build-validators.mjs',
    'tsup.config.ts',
    'tsconfig.json',
    'package.json',
  ]) {
    cpSync(join(root, path), join(dir, path), {
      recursive: true,
      filter: (src) => !src.includes('generated'),
    });
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Just enough of SQS's JSON protocol for SendMessage: records each request, answers with an id. */
async function fakeSqs() {
  const received: { target: string; input: Record<string, unknown> }[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      const input = JSON.parse(text) as { MessageBody: string };
      received.push({ target: String(req.headers['x-amz-target']), input });
      const md5 = createHash('md5').update(input.MessageBody).digest('hex');
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ MessageId: `fake-${received.length}`, MD5OfMessageBody: md5 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Runs a built bundle's handler in a fresh Node process, as Lambda would: returns its result and log lines. */
async function invoke(bundle: string, event: unknown, env: Record<string, string>) {
  const script = `
    const { handler } = await import(${JSON.stringify(bundle)});
    const result = await handler(JSON.parse(process.env.EVENT), { awsRequestId: 'req-bundle' });
    process.stdout.write(JSON.stringify({ result }) + '\\n');`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH, EVENT: JSON.stringify(event), AWS_REGION: 'eu-west-1', ...env },
  });
  const lines = stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { result: lines.at(-1)?.result as Record<string, unknown>, logs: lines.slice(0, -1) };
}

const credentials = {
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_SESSION_TOKEN: 'token',
};
const test = suite('adding a message type');
let dir = '';

test.before(async () => {
  dir = copyProject();
  writeFileSync(join(dir, 'schemas/types/invoice.paid.schema.json'), JSON.stringify(invoicePaid, null, 2));
  await run(process.execPath, ['scripts/build-validators.mjs'], { cwd: dir });
  await run(process.execPath, [join(root, 'node_modules/tsup/dist/cli-default.js')], { cwd: dir });
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test('a new schema file is enough: the built bundles accept, list and process the new type', async () => {
  const sqs = await fakeSqs();
  try {
    const env = { ...credentials, AWS_ENDPOINT_URL_SQS: sqs.url };
    const producer = join(dir, 'dist/producer/index.js');
    const queueUrl = `${sqs.url}/000000000000/ferry-queue`;
    const envelope = { type: 'invoice.paid', data: invoicePaid.examples[0] };
    const event = apiEvent(envelope, { headers: { 'x-correlation-id': 'add-type-1' } });
    const sent = await invoke(producer, event, { ...env, QUEUE_URL: queueUrl });
    assert.equal(sent.result, {
      statusCode: 202,
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'add-type-1' },
      body: JSON.stringify({ messageId: 'fake-1', correlationId: 'add-type-1', type: 'invoice.paid' }),
    });
    assert.equal(sqs.received, [
      {
        target: 'AmazonSQS.SendMessage',
        input: {
          QueueUrl: queueUrl,
          MessageBody: JSON.stringify(envelope),
          MessageAttributes: {
            type: { DataType: 'String', StringValue: 'invoice.paid' },
            correlationId: { DataType: 'String', StringValue: 'add-type-1' },
          },
        },
      },
    ]);
    assert.equal(
      sent.logs.map((l) => [l.service, l.correlationId, l.messageId, l.type, l.outcome]),
      [['ferry-producer', 'add-type-1', 'fake-1', 'invoice.paid', 'accepted']],
    );

    const types = await invoke(producer, apiEvent(undefined, { route: 'GET /types' }), {
      ...env,
      QUEUE_URL: queueUrl,
    });
    const listed = JSON.parse(String(types.result.body)) as { types: { name: string }[] };
    // The copy's own types (the shipped ones, and any a user has added) and the new one.
    assert.equal(
      listed.types.map((t) => t.name),
      schemaTypes(dir),
    );
    assert.ok(schemaTypes(dir).includes('invoice.paid'));

    const record = sqsRecord(JSON.stringify(envelope), {
      messageId: 'fake-1',
      attributes: { type: 'invoice.paid', correlationId: 'add-type-1' },
    });
    const consumed = await invoke(join(dir, 'dist/consumer/index.js'), sqsEvent(record), {
      ...env,
      DLQ_URL: `${sqs.url}/000000000000/ferry-dlq`,
    });
    assert.equal(consumed.result, { batchItemFailures: [] });
    assert.equal(
      consumed.logs.map((l) => [l.service, l.correlationId, l.messageId, l.type, l.outcome, l.result]),
      [['ferry-consumer', 'add-type-1', 'fake-1', 'invoice.paid', 'processed', { action: 'recorded' }]],
    );
  } finally {
    await sqs.close();
  }
});

test('a bundle started without its queue URL fails at cold start, naming the variable', async () => {
  const failures = [];
  for (const fn of ['producer', 'consumer']) {
    const error = await invoke(join(dir, `dist/${fn}/index.js`), {}, credentials).catch((e: Error) => e);
    failures.push(String((error as { stderr?: string }).stderr).match(/\[ConfigError\]: .*/)?.[0]);
  }
  assert.equal(failures, [
    '[ConfigError]: QUEUE_URL is required (the URL of an SQS queue) but is not set',
    '[ConfigError]: DLQ_URL is required (the URL of an SQS queue) but is not set',
  ]);
});

test('the build refuses a type schema without a valid example', async () => {
  const broken = { ...invoicePaid, examples: [{ invoiceId: 'inv_1', amount: 0 }] };
  writeFileSync(join(dir, 'schemas/types/invoice.paid.schema.json'), JSON.stringify(broken));
  const error = await run(process.execPath, ['scripts/build-validators.mjs'], { cwd: dir }).catch(
    (e: Error) => e,
  );
  assert.equal(
    [(error as { code?: number }).code, (error as { stderr?: string }).stderr?.trim()],
    [
      1,
      "build-validators: invoice.paid.schema.json: examples[0] is invalid: data must have required property 'paidAt', data/amount must be > 0",
    ],
  );
});

test('the build names what is wrong with a type schema: version, draft, file name, name length', async () => {
  const build = async () => {
    const error = await run(process.execPath, ['scripts/build-validators.mjs'], { cwd: dir }).catch(
      (e: Error) => e,
    );
    return (error as { stderr?: string }).stderr?.trim() ?? 'built';
  };
  const file = join(dir, 'schemas/types/invoice.paid.schema.json');
  const { version: _version, ...unversioned } = invoicePaid;
  writeFileSync(file, JSON.stringify(unversioned));
  const noVersion = await build();
  writeFileSync(
    file,
    JSON.stringify({ ...invoicePaid, $schema: 'https://json-schema.org/draft/2020-12/schema' }),
  );
  const draft = await build();
  rmSync(file);
  writeFileSync(join(dir, 'schemas/types/invoice.paid.json'), JSON.stringify(invoicePaid));
  const misnamed = await build();
  rmSync(join(dir, 'schemas/types/invoice.paid.json'));
  const long = `a.${'b'.repeat(99)}`;
  writeFileSync(
    join(dir, `schemas/types/${long}.schema.json`),
    JSON.stringify({ ...invoicePaid, $id: `https://x/${long}` }),
  );
  const tooLong = await build();
  rmSync(join(dir, `schemas/types/${long}.schema.json`));
  assert.equal(
    [noVersion, draft, misnamed, tooLong],
    [
      'build-validators: schemas/types/invoice.paid.schema.json: "version" is required, as MAJOR.MINOR.PATCH (e.g. "1.0.0")',
      'build-validators: schemas/types/invoice.paid.schema.json: $schema must be draft-07 ("http://json-schema.org/draft-07/schema#"), got "https://json-schema.org/draft/2020-12/schema"',
      "build-validators: schemas/types/invoice.paid.json: a type's schema is named <type>.schema.json; rename it or move it out",
      `build-validators: schemas/types/${long}.schema.json: type name is 101 characters; the envelope allows 100`,
    ],
  );
});

test.run();
