// A template the runtime cannot play stops start-up with a message naming the resource and the
// property, before any store is opened; whatever start-up had bound is released.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startRuntime } from '../../../local/runtime/index.js';
import { FIXTURE_TEMPLATE, ROOT } from '../../helpers/runtime/runtime.js';

const original = readFileSync(FIXTURE_TEMPLATE, 'utf8').replace(
  'Code: ./handlers',
  `Code: ${ROOT}test/fixtures/runtime/handlers`,
);

/** Starts the fixture template edited by `edit`; answers the error message start-up failed with. */
async function startEdited(edit: (text: string) => string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-runtime-'));
  const file = join(dir, 'template.yaml');
  const text = edit(original);
  assert.is.not(text, original, 'the edit changed the template');
  writeFileSync(file, text);
  try {
    const runtime = await startRuntime({
      templatePath: file,
      store: { kind: 'memory' },
      ports: { api: 0, sqs: 0, console: 0 },
    });
    await runtime.stop();
    return 'started';
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('an unknown reference names the resource and the property', async () => {
  const message = await startEdited((t) =>
    t.replace('FunctionName: !Ref Worker', 'FunctionName: !Ref Wroker'),
  );
  assert.match(message, /^TemplateError: Resources\.Mapping\.Properties\.FunctionName: .*Wroker/);
});

test('a missing handler file names the Handler property', async () => {
  const message = await startEdited((t) => t.replace('Handler: worker.handler', 'Handler: missing.handler'));
  assert.match(
    message,
    /^TemplateError: Resources\.Worker\.Properties\.Handler: missing\.handler: no missing\.js/,
  );
});

test('an integration the runtime cannot play names its property', async () => {
  const message = await startEdited((t) =>
    t.replace("PayloadFormatVersion: '2.0'", "PayloadFormatVersion: '1.0'"),
  );
  assert.is(
    message,
    'TemplateError: Resources.Integration.Properties.PayloadFormatVersion: 1.0: only payload format 2.0 is played locally',
  );
});

test('an event source that is not a queue of the template names EventSourceArn', async () => {
  const message = await startEdited((t) =>
    t.replace(
      'EventSourceArn: !GetAtt Queue.Arn',
      'EventSourceArn: arn:aws:sqs:us-east-1:000000000000:elsewhere',
    ),
  );
  assert.is(
    message,
    "TemplateError: Resources.Mapping.Properties.EventSourceArn: arn:aws:sqs:us-east-1:000000000000:elsewhere: only the template's own SQS queues can be event sources locally",
  );
});

test('a queue visibility timeout shorter than the function timeout is refused, as Lambda does', async () => {
  const message = await startEdited((t) => t.replace('      Timeout: 1\n', '      Timeout: 2\n'));
  assert.is(
    message,
    'TemplateError: Resources.Mapping.Properties.EventSourceArn: Queue visibility timeout: 1 seconds is less than Function timeout: 2 seconds (Queue and Worker)',
  );
});

test('a queue property SQS does not have is named', async () => {
  const message = await startEdited((t) =>
    t.replace('QueueName: shape-dlq', 'QueueName: shape-dlq\n      Colour: blue'),
  );
  assert.is(message, 'TemplateError: Resources.Dlq.Properties.Colour: is not a property of AWS::SQS::Queue');
});

test('a queue attribute value SQS refuses is named with what SQS said', async () => {
  const message = await startEdited((t) => t.replace('Default: 1\n', 'Default: 99999\n'));
  assert.match(message, /^TemplateError: Resources\.Queue: CreateQueue shape: .*VisibilityTimeout/);
});

test('a failed start-up releases the ports it had bound', async () => {
  const held = createServer();
  await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve));
  const sqsPort = (held.address() as { port: number }).port;
  await new Promise<void>((resolve) => held.close(() => resolve()));
  const dir = mkdtempSync(join(tmpdir(), 'ferry-runtime-'));
  const file = join(dir, 'template.yaml');
  writeFileSync(file, original.replace('Default: 1\n', 'Default: 99999\n'));
  try {
    await startRuntime({
      templatePath: file,
      store: { kind: 'memory' },
      ports: { api: 0, sqs: sqsPort, console: 0 },
    }).then(
      () => assert.unreachable('start-up should fail'),
      () => undefined,
    );
    // The SQS port it had bound is free again.
    const again = createServer();
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject);
      again.listen(sqsPort, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => again.close(() => resolve()));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a port in use is named by its flag, before any alarm is evaluated', async () => {
  const held = createServer();
  await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve));
  const port = (held.address() as { port: number }).port;
  try {
    for (const flag of ['api', 'sqs', 'console'] as const) {
      const alarms: string[] = [];
      const message = await startRuntime({
        templatePath: 'cloudformation/template.yaml',
        store: { kind: 'memory' },
        ports: { api: 0, sqs: 0, console: 0, [flag]: port },
        onAlarm: (change) => alarms.push(change.alarmName),
      }).then(
        async (runtime) => {
          await runtime.stop();
          return 'started';
        },
        (error: Error) => error.message,
      );
      const name = `--${flag}-port`;
      assert.is(
        message,
        `${name} ${port}: the port is already in use (another ferry up?); choose another, or 0 for a free one`,
      );
      assert.equal(alarms, [], `${name}: no alarm evaluated`);
    }
  } finally {
    await new Promise<void>((resolve) => held.close(() => resolve()));
  }
});

test.run();
