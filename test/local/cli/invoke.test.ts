// `ferry invoke`'s flags and event: what each flag set asks for, and each wrong one's message.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseInvokeFlags, readEvent } from '../../../local/cli/invoke.js';

const noStdin = () => Promise.reject(new Error('stdin was not to be read'));

test('a function by name, with an event from stdin and the template flags', () => {
  assert.equal(
    parseInvokeFlags([
      'ferry-producer',
      '--event',
      '-',
      '--template',
      't.yaml',
      '--parameters',
      'none',
      '--sqs-port',
      '0',
      '--parameter-overrides',
      'LogLevel=debug',
    ]),
    {
      templatePath: resolve('t.yaml'),
      ports: { sqs: 0 },
      parameterOverrides: { LogLevel: 'debug' },
      function: 'ferry-producer',
      eventFrom: '-',
    },
  );
});

test('every wrong flag set is refused with a message that names it', () => {
  const cases: [string[], string][] = [
    [['A', 'B'], 'one function at a time, got A B'],
    [['A', '--sqs-port', '70000'], "--sqs-port must be an integer from 0 to 65535, got '70000'"],
    [['A', '--parameter-overrides', 'oops'], "--parameter-overrides: 'oops' is not Key=Value"],
  ];
  for (const [argv, message] of cases) assert.is(parseInvokeFlags(argv), message, argv.join(' '));
  assert.match(String(parseInvokeFlags(['A', '--payload', 'x'])), "Unknown option '--payload'");
  assert.equal(parseInvokeFlags(['--help']), { help: true });
  // Named by the invocation, which knows the template's functions.
  assert.equal(parseInvokeFlags(['--parameters', 'none']), {
    templatePath: resolve('cloudformation/template.yaml'),
    ports: { sqs: 9324 },
    function: '',
  });
});

test('the event: {} without --event, a file’s JSON, stdin’s for -', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-invoke-'));
  try {
    writeFileSync(join(dir, 'event.json'), '{"Records":[]}');
    assert.equal(
      [
        await readEvent(undefined, noStdin),
        await readEvent(join(dir, 'event.json'), noStdin),
        await readEvent('-', () => Promise.resolve('[1, "two"]')),
      ],
      [{ event: {} }, { event: { Records: [] } }, { event: [1, 'two'] }],
    );
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('an event that cannot be read, or is not JSON, is named with why', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-invoke-'));
  try {
    writeFileSync(join(dir, 'bad.json'), '{"Records":');
    assert.equal(
      [
        await readEvent(join(dir, 'missing.json'), noStdin),
        await readEvent(join(dir, 'bad.json'), noStdin),
        await readEvent('-', () => Promise.resolve('')),
      ],
      [
        `--event ${join(dir, 'missing.json')}: cannot read it: ENOENT`,
        `--event ${join(dir, 'bad.json')}: not JSON: Unexpected end of JSON input`,
        '--event - (stdin): not JSON: Unexpected end of JSON input',
      ],
    );
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test.run();
