// `ferry event`'s flags and sample bodies: what each flag set asks for, and each wrong one's message.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseEventFlags } from '../../../local/cli/event.js';
import { envelopeBody, messageTypes, typeOf } from '../../../local/cli/sample-body.js';
import { ROOT } from '../../helpers/runtime/runtime.js';

const TEMPLATE = { templatePath: resolve('cloudformation/template.yaml'), ports: { sqs: 9324 } };
const TYPES = `${ROOT}schemas/types`;

test('api: defaults to POST /messages, with no body', () => {
  assert.equal(parseEventFlags(['api', '--parameters', 'none']), {
    kind: 'api',
    template: TEMPLATE,
    from: undefined,
    method: 'POST',
    path: '/messages',
    headers: [],
  });
});

test('api: method, path, headers as curl -H takes them, a type, the API', () => {
  assert.equal(
    parseEventFlags([
      'api',
      '--parameters',
      'none',
      '--method',
      'get',
      '--path',
      '/types?x=1',
      '--header',
      'X-Correlation-Id: abc',
      '--header',
      'cookie:a=b',
      '--type',
      'order.created',
      '--api',
      'HttpApi',
      '--parameter-overrides',
      'LogLevel=debug',
      'BatchSize=1',
    ]),
    {
      kind: 'api',
      template: { ...TEMPLATE, parameterOverrides: { LogLevel: 'debug', BatchSize: '1' } },
      from: { type: 'order.created' },
      method: 'GET',
      path: '/types?x=1',
      headers: [
        ['X-Correlation-Id', 'abc'],
        ['cookie', 'a=b'],
      ],
      api: 'HttpApi',
    },
  );
});

test('sqs: a body, a count, a correlation id, a queue, another template and SQS port', () => {
  assert.equal(
    parseEventFlags([
      'sqs',
      '--body',
      'plain',
      '--count',
      '3',
      '--correlation-id',
      'c-1',
      '--queue',
      'DeadLetterQueue',
      '--template',
      'other.yaml',
      '--parameters',
      'none',
      '--sqs-port',
      '4566',
    ]),
    {
      kind: 'sqs',
      template: { templatePath: resolve('other.yaml'), ports: { sqs: 4566 } },
      from: { body: 'plain' },
      count: 3,
      correlationId: 'c-1',
      queue: 'DeadLetterQueue',
    },
  );
});

test('every wrong flag set is refused with a message that names it', () => {
  const cases: [string[], string][] = [
    [[], 'expected api or sqs, got nothing'],
    [['lambda'], 'expected api or sqs, got lambda'],
    [['api', 'extra'], 'unexpected extra'],
    [['api', '--count', '2'], '--count is not a flag of ferry event api'],
    [['sqs', '--type', 'a', '--method', 'GET'], '--method is not a flag of ferry event sqs'],
    [['sqs', '--type', 'a', '--body', 'b'], '--type and --body cannot be used together'],
    [['sqs'], 'ferry event sqs needs --type <message type> or --body <text>'],
    [['sqs', '--body', 'b', '--count', '0'], "--count must be an integer from 1 to 10000, got '0'"],
    [['sqs', '--body', 'b', '--count', '1.5'], "--count must be an integer from 1 to 10000, got '1.5'"],
    [['api', '--header', 'no-colon'], "--header 'no-colon': expected 'Name: value'"],
    [['api', '--path', 'messages'], "--path must start with /, got 'messages'"],
    [['api', '--sqs-port', 'x'], "--sqs-port must be an integer from 0 to 65535, got 'x'"],
  ];
  for (const [argv, message] of cases) assert.is(parseEventFlags(argv), message, argv.join(' '));
  assert.match(String(parseEventFlags(['api', '--nope'])), "Unknown option '--nope'");
});

test('a type’s body is the envelope of its schema’s first example', () => {
  const schema = JSON.parse(readFileSync(`${TYPES}/user.signed_up.schema.json`, 'utf8')) as {
    examples: unknown[];
  };
  const made = envelopeBody('user.signed_up', TYPES);
  assert.equal(typeof made === 'string' ? made : JSON.parse(made.body), {
    type: 'user.signed_up',
    data: schema.examples[0],
  });
});

test('an unknown type, or a schema without examples, names what there is', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-types-'));
  writeFileSync(join(dir, 'bare.schema.json'), '{"type":"object"}');
  assert.is(envelopeBody('bare', dir), '--type bare: its schema has no examples to take the data from');
  assert.is(
    envelopeBody('order.nope', TYPES),
    '--type order.nope: no schema schemas/types/order.nope.schema.json; the types are: order.created, payment.failed, user.signed_up',
  );
  // A name that is not a type's is never a path to read.
  assert.match(String(envelopeBody('../../package', TYPES)), /^--type \.\.\/\.\.\/package: no schema/);
  assert.equal(messageTypes(join(dir, 'missing')), []);
  rmSync(dir, { recursive: true });
});

test('typeOf: the type attribute the producer would set, from an envelope only', () => {
  assert.equal(['{"type":"a.b","data":{}}', '{"data":{}}', 'plain', '{"type":1}', 'null'].map(typeOf), [
    'a.b',
    undefined,
    undefined,
    undefined,
    undefined,
  ]);
});

test.run();
