import { invalid } from './errors.js';
import { regex } from './value.js';

// Unstructured patterns: `ERROR Exception` (every term), `?ERROR ?WARN` (any of them),
// `ERROR -Exiting` (not this one), `"quoted phrase"`, and a whole-pattern `%regex%`.
// Terms are case-sensitive and match anywhere in the message.

type Term = { text: string; mode: 'all' | 'any' | 'not' };

/** A term outside quotes may hold letters, digits and a few joiners; anything else needs quotes. */
const BARE = /^[\p{L}\p{N}_.:\-']+$/u;

export function compileTerms(pattern: string): (message: string) => boolean {
  if (pattern.length >= 2 && pattern.startsWith('%') && pattern.endsWith('%')) {
    const re = regex(pattern.slice(1, -1));
    return re;
  }
  const terms = tokenize(pattern);
  const all = terms.filter((t) => t.mode === 'all').map((t) => t.text);
  const any = terms.filter((t) => t.mode === 'any').map((t) => t.text);
  const not = terms.filter((t) => t.mode === 'not').map((t) => t.text);
  return (message) =>
    all.every((t) => message.includes(t)) &&
    (any.length === 0 || any.some((t) => message.includes(t))) &&
    !not.some((t) => message.includes(t));
}

function tokenize(pattern: string): Term[] {
  const terms: Term[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    let mode: Term['mode'] = 'all';
    if (c === '?' || c === '-') {
      mode = c === '?' ? 'any' : 'not';
      i++;
    }
    if (pattern[i] === '"') {
      const end = closingQuote(pattern, i);
      const text = pattern.slice(i + 1, end).replace(/\\(["\\])/g, '$1');
      if (text === '') throw invalid(`Invalid character(s) in term '""'`);
      terms.push({ text, mode });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < pattern.length && !/\s/.test(pattern[j]!)) j++;
    const text = pattern.slice(i, j);
    if (text === '' || !BARE.test(text)) throw invalid(`Invalid character(s) in term '${text || c}'`);
    terms.push({ text, mode });
    i = j;
  }
  return terms;
}

function closingQuote(pattern: string, open: number): number {
  for (let i = open + 1; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '"') return i;
  }
  throw invalid(`unterminated quote in ${pattern.slice(open)}`);
}
