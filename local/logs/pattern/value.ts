import { invalid } from './errors.js';
import type { RegexTest } from './regex.js';
import { compileRegex } from './regex.js';

// Literals shared by JSON and space-delimited patterns: strings with `*` wildcards, numbers and
// `%regex%`. https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html

export type Literal =
  | { kind: 'string'; text: string; wildcard?: RegExp }
  | { kind: 'number'; value: number; text: string }
  | { kind: 'regex'; regex: RegexTest };

export type Comparison = '=' | '!=' | '<' | '<=' | '>' | '>=';

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** A literal as written: `"quoted"` stays a string, `%...%` is a regular expression, digits a number. */
export function literal(raw: string, quoted: boolean): Literal {
  if (!quoted && raw.length >= 2 && raw.startsWith('%') && raw.endsWith('%')) {
    return { kind: 'regex', regex: regex(raw.slice(1, -1)) };
  }
  if (!quoted && NUMBER.test(raw)) return { kind: 'number', value: Number(raw), text: raw };
  return raw.includes('*')
    ? { kind: 'string', text: raw, wildcard: wildcard(raw) }
    : { kind: 'string', text: raw };
}

/** A `%regex%` in CloudWatch's restricted syntax, matched without backtracking. */
export function regex(source: string): RegexTest {
  return compileRegex(source);
}

function wildcard(text: string): RegExp {
  const body = text
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 's');
}

/**
 * Whether a value taken from the event satisfies `value <op> literal`. Only strings, numbers and
 * booleans compare; a missing value, null, an object or an array never does.
 */
export function compare(value: unknown, op: Comparison, lit: Literal): boolean {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return false;
  if (op !== '=' && op !== '!=') {
    if (lit.kind !== 'number') return false;
    const n = typeof value === 'number' ? value : typeof value === 'string' ? numeric(value) : NaN;
    if (Number.isNaN(n)) return false;
    if (op === '<') return n < lit.value;
    if (op === '<=') return n <= lit.value;
    if (op === '>') return n > lit.value;
    return n >= lit.value;
  }
  const equal = equals(value, lit);
  return op === '=' ? equal : !equal;
}

function equals(value: string | number | boolean, lit: Literal): boolean {
  const text = String(value);
  if (lit.kind === 'regex') return lit.regex(text);
  if (lit.kind === 'number') {
    const n = typeof value === 'number' ? value : typeof value === 'string' ? numeric(value) : NaN;
    return n === lit.value;
  }
  return lit.wildcard !== undefined ? lit.wildcard.test(text) : text === lit.text;
}

function numeric(text: string): number {
  return NUMBER.test(text.trim()) ? Number(text) : NaN;
}

/** Checks that a literal suits the operator: ordering needs a number. */
export function checkOperand(op: Comparison, lit: Literal, where: string): void {
  if (op !== '=' && op !== '!=' && lit.kind !== 'number') {
    throw invalid(`${where}: '${op}' compares numbers only`);
  }
}

/** CloudWatch allows at most two regular expressions in one JSON or space-delimited pattern. */
export const MAX_REGEXES = 2;

export function checkRegexCount(literals: Literal[]): void {
  const n = literals.filter((l) => l.kind === 'regex').length;
  if (n > MAX_REGEXES) throw invalid(`${n} regular expressions; a pattern may hold at most ${MAX_REGEXES}`);
}
