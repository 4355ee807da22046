import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FilterPatternError, compilePattern } from '../../../../local/logs/pattern/index.js';
import { compileRegex } from '../../../../local/logs/pattern/regex.js';

// #15.3: `%regex%` patterns ran as JavaScript RegExps, which backtrack: `%(.*)*Q%` from the
// console pinned the CPU, `%(a+)+$%` over 28 characters blocked every port for 11 s, and 5,000
// nested parentheses overflowed the stack (500). CloudWatch Logs accepts a restricted syntax
// (no parentheses, no backreferences, no lookaround, at most 1,024 characters); Ferry now parses
// that syntax and matches it without backtracking.

function refusal(pattern: string): string {
  try {
    compilePattern(pattern);
  } catch (error) {
    assert.instance(error, FilterPatternError);
    return (error as Error).message;
  }
  throw new Error(`pattern accepted: ${pattern.slice(0, 80)}`);
}

test('#15.3: the reported backtracking patterns are refused as CloudWatch refuses them', () => {
  assert.equal(
    refusal('%(.*)*Q%'),
    "Invalid filter pattern: unsupported character '(' in regular expression %(.*)*Q%",
  );
  assert.equal(
    refusal('%(a+)+$%'),
    "Invalid filter pattern: unsupported character '(' in regular expression %(a+)+$%",
  );
  assert.equal(
    refusal(`%${'('.repeat(5000)}a${')'.repeat(5000)}%`),
    'Invalid filter pattern: the pattern has 10003 characters; the most is 1024',
  );
  assert.equal(
    refusal(`%${'('.repeat(500)}a${')'.repeat(500)}%`),
    `Invalid filter pattern: unsupported character '(' in regular expression %${'('.repeat(40)}...%`,
  );
  assert.equal(refusal('{ $.a = %(a+)+$% }'), refusal('%(a+)+$%'));
  assert.equal(refusal('[w1 = %(a+)+$%, w2]'), refusal('%(a+)+$%'));
});

test('#15.3: what CloudWatch does not support is refused, named', () => {
  const cases: [string, string][] = [
    ['%a(?=b)%', "unsupported character '(' in regular expression %a(?=b)%"],
    ['%something!%', "unsupported character '!' in regular expression %something!%"],
    ['%a b%', "unsupported character ' ' in regular expression %a b%"],
    ['%é%', "unsupported character 'é' in regular expression %é%"],
    ['%a\\1%', "unsupported escape '\\1' in regular expression %a\\1%"],
    ['%\\bword%', "unsupported escape '\\b' in regular expression %\\bword%"],
    ['%a**%', "'*' has nothing to repeat in regular expression %a**%"],
    ['%*a%', "'*' has nothing to repeat in regular expression %*a%"],
    ['%^*%', "'*' has nothing to repeat in regular expression %^*%"],
    ['%a{2}{3}%', "'{' has nothing to repeat in regular expression %a{2}{3}%"],
    ['%a{x}%', "'{' must start a count such as {2}, {2,} or {2,5} in regular expression %a{x}%"],
    ['%a{3,2}%', 'count out of order {3,2} in regular expression %a{3,2}%'],
    ['%a{1001}%', 'a count over 1000 in regular expression %a{1001}%'],
    [
      '%a{1000}b{25}%',
      'more than 1024 steps once repetitions are expanded in regular expression %a{1000}b{25}%',
    ],
    ['%[]%', 'empty character class in regular expression %[]%'],
    ['%[z-a]%', "range out of order 'z-a' in regular expression %[z-a]%"],
    ['%[ab%', 'unexpected end in regular expression %[ab%'],
    ['%a]%', "unmatched ']' in regular expression %a]%"],
    ['{ $.a = %a% || $.b = %b% || $.c = %c% }', '3 regular expressions; a pattern may hold at most 2'],
    ['[w1 = %a%, w2 = %b%, w3 = %c%]', '3 regular expressions; a pattern may hold at most 2'],
  ];
  assert.equal(
    cases.map(([pattern]) => refusal(pattern)),
    cases.map(([, message]) => `Invalid filter pattern: ${message}`),
  );
  assert.equal(
    compilePattern(`%${'a'.repeat(1022)}%`)('a'.repeat(1022)),
    true,
    '1,024 characters are accepted',
  );
});

test('#15.3: the documented examples match as CloudWatch describes', () => {
  const ip = compilePattern('%\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}%');
  const errors = compilePattern('%[Ee]rror|[Ff]ail%');
  const auth = compilePattern('%AUTHORIZED%');
  assert.equal(
    [
      'from 10.0.12.7 ok',
      'from 10.0.x.7',
      'an error',
      'Failed',
      'ok',
      '[ERROR 401] UNAUTHORIZED REQUEST',
    ].map((m) => [ip(m), errors(m), auth(m)]),
    [
      [true, false, false],
      [false, false, false],
      [false, true, false],
      [false, true, false],
      [false, false, false],
      [false, false, true],
    ],
  );
});

test('#15.3: patterns that make a backtracking engine explode answer at once, correctly', () => {
  const line = 'a'.repeat(100_000);
  assert.equal(compileRegex('a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b')(line), false);
  assert.equal(compileRegex('a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*$')(line), true);
  assert.equal(compileRegex('.*.*.*.*.*.*.*.*=')(`${line}!`), false);
  assert.equal(compileRegex('[a-z]{0,250}Q')(line), false);
  assert.equal(compileRegex('a{28}$')('a'.repeat(27)), false);
});

/** A small seeded generator (mulberry32), so a failure names a case that reproduces. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const ATOMS = [
  'a',
  'b',
  '1',
  ':',
  '-',
  '.',
  '\\d',
  '\\D',
  '\\w',
  '\\W',
  '\\s',
  '\\S',
  '\\.',
  '\\-',
  '[ab]',
  '[^a]',
  '[a-c1]',
  '[-a]',
  '[\\d:]',
  '[^\\s]',
];
const QUANTIFIERS = ['', '', '', '*', '+', '?', '{2}', '{0,2}', '{1,}', '*?', '+?'];
const TEXT = ['a', 'b', 'c', '1', '2', ':', '-', '.', ' ', '\t', '\n', '\r', 'é', '\u2028'];

function generatePattern(next: () => number): string {
  const pick = <T>(from: T[]) => from[Math.floor(next() * from.length)]!;
  const alternatives: string[] = [];
  for (let a = 0, n = 1 + Math.floor(next() * 3); a < n; a++) {
    let alt = next() < 0.2 ? '^' : '';
    for (let i = 0, m = Math.floor(next() * 5); i < m; i++) alt += pick(ATOMS) + pick(QUANTIFIERS);
    alternatives.push(alt + (next() < 0.2 ? '$' : ''));
  }
  return alternatives.join('|');
}

test('#15.3: the supported syntax matches as JavaScript RegExp does (40,000 generated cases)', () => {
  const next = random(15_3);
  const disagreements: string[] = [];
  for (let p = 0; p < 1000; p++) {
    const source = generatePattern(next);
    const ours = compileRegex(source);
    const theirs = new RegExp(source);
    for (let t = 0; t < 40; t++) {
      let text = '';
      for (let i = 0, n = Math.floor(next() * 24); i < n; i++) text += TEXT[Math.floor(next() * TEXT.length)];
      // One matcher for every text, as for every event of a search: what it remembers must hold.
      if (ours(text) !== theirs.test(text))
        disagreements.push(`${JSON.stringify(source)} on ${JSON.stringify(text)}`);
    }
  }
  assert.equal(disagreements.slice(0, 10), []);
});

test.run();
