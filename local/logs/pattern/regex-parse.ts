import { invalid } from './errors.js';

// The regular expressions CloudWatch Logs accepts between `%...%`: letters and digits, the symbols
// : _ # = @ / ; , - and the operators ^ $ ? [ ] { } | \ * + . — no parentheses (so no groups,
// no nesting, no backreferences, no lookaround) and no multi-byte characters.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/regex-expressions.html
// The parser turns one into flat alternatives of single-character steps; regex.ts runs them.

/** Tests one UTF-16 code unit, as a JavaScript RegExp without flags does. */
export type CharTest = (code: number) => boolean;

/** One step of an alternative: a character to consume (once, optionally, or any number of times), or an anchor. */
export type Step =
  { kind: 'char'; test: CharTest; repeat: 'one' | 'optional' | 'star' } | { kind: 'start' | 'end' };

/** The most a `{m,n}` may count: beyond it the expansion would be large for no real pattern's sake. */
export const MAX_REPEAT = 1000;
/** The most steps all alternatives may have once `+` and `{m,n}` are expanded: bounds a match's work per character. */
export const MAX_STEPS = 1024;

const SYMBOLS = ':_#=@/;,-';
const OPERATORS = '^$?[]{}|\\*+.';
const ALLOWED = /^[A-Za-z0-9:_#=@/;,\-^$?[\]{}|\\*+.]*$/;

const DIGIT: CharTest = (c) => c >= 48 && c <= 57;
const WORD: CharTest = (c) => DIGIT(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const SPACE: CharTest = (c) =>
  (c >= 9 && c <= 13) ||
  c === 32 ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;
const not =
  (t: CharTest): CharTest =>
  (c) =>
    !t(c);
const ANY: CharTest = (c) => c !== 10 && c !== 13 && c !== 0x2028 && c !== 0x2029;
const CLASSES = new Map<string, CharTest>([
  ['d', DIGIT],
  ['D', not(DIGIT)],
  ['w', WORD],
  ['W', not(WORD)],
  ['s', SPACE],
  ['S', not(SPACE)],
]);

/** Parses the text between the `%`s into alternatives of steps, or throws FilterPatternError. */
export function parseRegex(source: string): Step[][] {
  const where = source.length > 40 ? `%${source.slice(0, 40)}...%` : `%${source}%`;
  if (!ALLOWED.test(source)) {
    const bad = [...source].find((c) => !ALLOWED.test(c));
    throw invalid(`unsupported character '${bad}' in regular expression ${where}`);
  }
  const reader = new Reader(source, where);
  const alternatives: Step[][] = [[]];
  let total = 0;
  while (!reader.done()) {
    const c = reader.next();
    if (c === '|') {
      alternatives.push([]);
      continue;
    }
    const steps = alternatives[alternatives.length - 1]!;
    const before = steps.length;
    if (c === '^' || c === '$') steps.push({ kind: c === '^' ? 'start' : 'end' });
    else if ('?*+{'.includes(c)) throw reader.fail(`'${c}' has nothing to repeat`);
    else if (c === '}' || c === ']') throw reader.fail(`unmatched '${c}'`);
    else {
      const test =
        c === '[' ? charClass(reader) : c === '.' ? ANY : c === '\\' ? escape(reader, false) : same(c);
      steps.push(...repeated(test, reader));
    }
    total += steps.length - before;
    if (total > MAX_STEPS) throw reader.fail(`more than ${MAX_STEPS} steps once repetitions are expanded`);
  }
  return alternatives;
}

class Reader {
  at = 0;
  constructor(
    readonly text: string,
    private readonly where: string,
  ) {}
  done(): boolean {
    return this.at >= this.text.length;
  }
  peek(): string | undefined {
    return this.text[this.at];
  }
  next(): string {
    const c = this.text[this.at++];
    if (c === undefined) throw this.fail('unexpected end');
    return c;
  }
  fail(detail: string) {
    return invalid(`${detail} in regular expression ${this.where}`);
  }
}

const same =
  (c: string): CharTest =>
  (code) =>
    code === c.charCodeAt(0);

/** `\d \D \w \W \s \S`, or an escaped symbol or operator standing for itself. */
function escape(reader: Reader, inClass: boolean): CharTest {
  const c = reader.next();
  const known = CLASSES.get(c);
  if (known !== undefined) return known;
  if (SYMBOLS.includes(c) || OPERATORS.includes(c)) return same(c);
  throw reader.fail(`unsupported escape '\\${c}'${inClass ? ' in a character class' : ''}`);
}

/** `[abc]`, `[a-z0-9_]`, `[^,]`, with escapes; after the `[`. */
function charClass(reader: Reader): CharTest {
  const negate = reader.peek() === '^';
  if (negate) reader.at++;
  const parts: CharTest[] = [];
  for (;;) {
    const c = reader.next();
    if (c === ']' && parts.length > 0) break;
    if (c === ']') throw reader.fail('empty character class');
    if (c === '[') throw reader.fail("'[' inside a character class");
    const low = c === '\\' ? escape(reader, true) : undefined;
    if (
      low === undefined &&
      reader.peek() === '-' &&
      reader.text[reader.at + 1] !== ']' &&
      reader.at + 1 < reader.text.length
    ) {
      reader.at++;
      const end = reader.next();
      if (end === '\\' || end === '[') throw reader.fail(`a range cannot end in '${end}'`);
      const [from, to] = [c.charCodeAt(0), end.charCodeAt(0)];
      if (from > to) throw reader.fail(`range out of order '${c}-${end}'`);
      parts.push((code) => code >= from && code <= to);
    } else parts.push(low ?? same(c));
  }
  return (code) => parts.some((t) => t(code)) !== negate;
}

/** The atom with its quantifier, if any, expanded into steps: `x+` -> x x*, `x{2,4}` -> x x x? x?. */
function repeated(test: CharTest, reader: Reader): Step[] {
  const q = reader.peek();
  let min = 1;
  let max: number | undefined = 1;
  if (q === '*' || q === '+' || q === '?') {
    reader.at++;
    [min, max] = q === '*' ? [0, undefined] : q === '+' ? [1, undefined] : [0, 1];
  } else if (q === '{') {
    [min, max] = counts(reader);
  } else return [{ kind: 'char', test, repeat: 'one' }];
  if (reader.peek() === '?') reader.at++; // lazy: the same match or no match, only a different span
  if (reader.peek() !== undefined && '*+?{'.includes(reader.peek()!)) {
    throw reader.fail(`'${reader.peek()}' has nothing to repeat`);
  }
  const steps: Step[] = [];
  for (let i = 0; i < min; i++) steps.push({ kind: 'char', test, repeat: 'one' });
  if (max === undefined) steps.push({ kind: 'char', test, repeat: 'star' });
  else for (let i = min; i < max; i++) steps.push({ kind: 'char', test, repeat: 'optional' });
  return steps;
}

/** `{n}`, `{n,}` or `{n,m}`, from the `{`. */
function counts(reader: Reader): [number, number | undefined] {
  const m = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(reader.text.slice(reader.at, reader.at + 12));
  if (m === null) throw reader.fail("'{' must start a count such as {2}, {2,} or {2,5}");
  reader.at += m[0].length;
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : m[3] === '' ? undefined : Number(m[3]);
  if ((max ?? min) > MAX_REPEAT) throw reader.fail(`a count over ${MAX_REPEAT}`);
  if (max !== undefined && max < min) throw reader.fail(`count out of order {${min},${max}}`);
  return [min, max];
}
