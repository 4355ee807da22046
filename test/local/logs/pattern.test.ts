import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FilterPatternError, compilePattern } from '../../../local/logs/pattern/index.js';

/** Which of the messages the pattern matches, in order. */
function matching(pattern: string, messages: string[]): string[] {
  const match = compilePattern(pattern);
  return messages.filter((m) => match(m));
}

function refused(pattern: string): string {
  try {
    compilePattern(pattern);
  } catch (error) {
    assert.instance(error, FilterPatternError);
    return (error as Error).message;
  }
  throw new Error(`pattern accepted: ${pattern}`);
}

const lines = [
  'ERROR Exception in thread main',
  'ERROR Exiting now',
  'WARN low disk',
  'INFO all good: [ok]',
  'error lowercase',
];

test('an empty pattern matches everything', () => {
  assert.equal(matching('', lines), lines);
  assert.equal(matching('   ', lines), lines);
});

test('terms: every term must appear, case-sensitively, anywhere in the message', () => {
  assert.equal(matching('ERROR', lines), ['ERROR Exception in thread main', 'ERROR Exiting now']);
  assert.equal(matching('ERROR thread', lines), ['ERROR Exception in thread main']);
  assert.equal(matching('Exit', lines), ['ERROR Exiting now']);
  assert.equal(matching('error', lines), ['error lowercase']);
});

test('terms: ?any, -excluded and "quoted phrases"', () => {
  assert.equal(matching('?WARN ?INFO', lines), ['WARN low disk', 'INFO all good: [ok]']);
  assert.equal(matching('ERROR -Exiting', lines), ['ERROR Exception in thread main']);
  assert.equal(matching('"good: [ok]"', lines), ['INFO all good: [ok]']);
  assert.equal(matching('"in thread" -"thread x"', lines), ['ERROR Exception in thread main']);
  assert.equal(matching('ERROR ?main ?now -Exiting', lines), ['ERROR Exception in thread main']);
});

test('terms: a whole-pattern %regex%', () => {
  assert.equal(matching('%^WARN\\s|^INFO\\s%', lines), ['WARN low disk', 'INFO all good: [ok]']);
});

test('terms: characters that need quotes are refused as AWS refuses them', () => {
  assert.equal(
    refused('user@example.com'),
    "Invalid filter pattern: Invalid character(s) in term 'user@example.com'",
  );
  assert.equal(refused('""'), `Invalid filter pattern: Invalid character(s) in term '""'`);
  assert.equal(refused('"open'), 'Invalid filter pattern: unterminated quote in "open');
});

const events = [
  {
    correlationId: 'abc',
    outcome: 'processed',
    latency: 120,
    ok: true,
    tags: ['x', 'y'],
    user: { id: 7, name: 'Ann' },
  },
  { correlationId: 'abc', outcome: 'failed', latency: 950, ok: false, note: null },
  { correlationId: 'abd', outcome: 'processed', latency: '40', user: { id: 8, name: 'Bob' } },
].map((e) => JSON.stringify(e));
const [processed, failed, other] = events as [string, string, string];
const json = [...events, 'START RequestId: 1 Version: $LATEST', '{not json}'];

test('json: equality on strings, the && and || operators, parentheses', () => {
  assert.equal(matching('{ $.correlationId = "abc" && $.outcome = "processed" }', json), [processed]);
  assert.equal(matching('{$.correlationId="abc"}', json), [processed, failed]);
  assert.equal(matching('{ $.outcome = failed || $.correlationId = abd }', json), [failed, other]);
  assert.equal(
    matching('{ ($.outcome = "failed" || $.outcome = "processed") && $.correlationId = "abc" }', json),
    [processed, failed],
  );
  assert.equal(matching('{ $.correlationId != "abc" }', json), [other]);
});

test('json: wildcards and regular expressions in values', () => {
  assert.equal(matching('{ $.correlationId = "ab*" }', json), events);
  assert.equal(matching('{ $.outcome = proc* }', json), [processed, other]);
  assert.equal(matching('{ $.outcome = %^fail% }', json), [failed]);
  assert.equal(matching('{ $.correlationId = "*" }', json), events);
});

test('json: numbers compare numerically, numeric strings too', () => {
  assert.equal(matching('{ $.latency > 100 }', json), [processed, failed]);
  assert.equal(matching('{ $.latency <= 120 }', json), [processed, other]);
  assert.equal(matching('{ $.latency = 950 }', json), [failed]);
  assert.equal(matching('{ $.latency != 950 }', json), [processed, other]);
  assert.equal(matching('{ $.latency >= 40 && $.latency < 41 }', json), [other]);
});

test('json: nested fields, array indexes, IS TRUE/FALSE/NULL and NOT EXISTS', () => {
  assert.equal(matching('{ $.user.name = "Bob" }', json), [other]);
  assert.equal(matching('{ $.user.id = 7 }', json), [processed]);
  assert.equal(matching('{ $.tags[1] = "y" }', json), [processed]);
  assert.equal(matching('{ $.tags[2] = "y" }', json), []);
  assert.equal(matching('{ $.ok IS TRUE }', json), [processed]);
  assert.equal(matching('{ $.ok is false }', json), [failed]);
  assert.equal(matching('{ $.note IS NULL }', json), [failed]);
  assert.equal(matching('{ $.user NOT EXISTS }', json), [failed]);
  assert.equal(matching('{ $.user = "x" }', json), []);
});

test('json: a prefixed line is read from its first brace; non-JSON never matches', () => {
  const prefixed = `2024-01-01T00:00:00.000Z\treq-1\tINFO\t${processed}`;
  assert.equal(matching('{ $.correlationId = "abc" }', [prefixed, 'abc plain']), [prefixed]);
  assert.equal(matching('{ $.outcome NOT EXISTS }', ['no json here', '{"a":1}']), ['{"a":1}']);
});

test('json: malformed patterns are refused with what was wrong', () => {
  assert.equal(
    refused('{ $.a = 1'),
    "Invalid filter pattern: If a filter pattern starts with '{' it must end with '}'",
  );
  assert.equal(
    refused('{ a = 1 }'),
    "Invalid filter pattern: 'a' is not a selector such as $.field, $.a.b or $.list[0]",
  );
  assert.equal(refused('{ $.a > "x" }'), "Invalid filter pattern: $.a: '>' compares numbers only");
  assert.equal(
    refused('{ $.a = }'),
    'Invalid filter pattern: expected a value after $.a = at the end of the pattern',
  );
  assert.equal(
    refused('{ $.a = 1 && }'),
    'Invalid filter pattern: expected a selector such as $.field at the end of the pattern',
  );
  assert.equal(refused('{ ($.a = 1 }'), "Invalid filter pattern: expected ')' at the end of the pattern");
  assert.equal(refused('{ $.a = 1 $.b = 2 }'), "Invalid filter pattern: unexpected '$.b'");
  assert.equal(
    refused('{ $.a IS MAYBE }'),
    'Invalid filter pattern: expected a comparison, IS NULL, IS TRUE, IS FALSE or NOT EXISTS after $.a',
  );
  assert.equal(refused('{ $.a = %[% }'), 'Invalid filter pattern: unexpected end in regular expression %[%');
});

const access = [
  '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534',
  '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
  '10.0.0.9 - ann [10/Oct/2000:13:50:35 -0700] "POST /api HTTP/1.0" 500 12',
];

test('space-delimited: fields bind words; quoted and bracketed runs are one word', () => {
  const all = '[ip, id, user, timestamp, request, status_code, bytes]';
  assert.equal(matching(all, access), access);
  assert.equal(matching('[ip, id, user, timestamp, request, status_code = 4*, bytes]', access), [access[0]!]);
  assert.equal(matching('[ip, id, user, timestamp, request, status_code, bytes > 2000]', access), [
    access[1]!,
  ]);
  assert.equal(matching('[ip=10.*, ...]', access), [access[2]!]);
  assert.equal(matching('[..., status_code != 200, bytes]', access), [access[0]!, access[2]!]);
  assert.equal(matching('[ip, id, user]', access), []);
  assert.equal(matching('[..., request = "*POST*", ...]', access), [access[2]!]);
});

test('space-delimited: && and || inside a field', () => {
  const pattern = '[ip, id, user, timestamp, request, status_code = 4* || status_code = 5*, bytes]';
  assert.equal(matching(pattern, access), [access[0]!, access[2]!]);
  const both = '[ip, id, user, timestamp, request, status_code = 4* && bytes > 1000, bytes]';
  assert.equal(matching(both, access), [access[0]!]);
});

test('space-delimited: malformed patterns are refused', () => {
  assert.equal(
    refused('[a, b'),
    "Invalid filter pattern: If a filter pattern starts with '[' it must end with ']'",
  );
  assert.equal(refused('[a, b > x]'), "Invalid filter pattern: b: '>' compares numbers only");
  assert.equal(
    refused('[a, b = 1 || c = 2]'),
    "Invalid filter pattern: the condition on 'c' names no field of the pattern",
  );
  assert.equal(
    refused('[a, $b]'),
    "Invalid filter pattern: '$b' is not a field such as name, name=value or name>10",
  );
});

test.run();
