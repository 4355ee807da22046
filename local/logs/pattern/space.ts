import { invalid } from './errors.js';
import type { Comparison, Literal } from './value.js';
import { checkOperand, checkRegexCount, compare, literal } from './value.js';

// Space-delimited patterns: `[ip, user, ..., status = 4*, bytes > 1000]`. The message splits on
// whitespace (a "quoted" or [bracketed] run is one word); `...` stands for any number of words.
// A field may test itself or other fields, joined with && and || (&& binds tighter).

type Condition = { name: string; op: Comparison; value: Literal };
type Field = { name: string; ellipsis: boolean; anyOf: Condition[][] };

export function compileSpaceDelimited(pattern: string): (message: string) => boolean {
  const inner = pattern.trim();
  if (!inner.endsWith(']')) throw invalid("If a filter pattern starts with '[' it must end with ']'");
  const fields = split(inner.slice(1, -1), ',').map(field);
  const names = new Set(fields.map((f) => f.name));
  checkRegexCount(fields.flatMap((f) => f.anyOf.flat().map((c) => c.value)));
  for (const f of fields) {
    for (const c of f.anyOf.flat()) {
      if (!names.has(c.name)) throw invalid(`the condition on '${c.name}' names no field of the pattern`);
    }
  }
  return (message) => {
    const words = wordsOf(message);
    const bound = new Map<string, string>();
    const holds = () => fields.every((f) => f.anyOf.length === 0 || f.anyOf.some((all) => all.every(test)));
    const test = (c: Condition) => compare(bound.get(c.name), c.op, c.value);
    const match = (fi: number, wi: number): boolean => {
      if (fi === fields.length) return wi === words.length && holds();
      const f = fields[fi]!;
      if (f.ellipsis) {
        for (let k = wi; k <= words.length; k++) if (match(fi + 1, k)) return true;
        return false;
      }
      if (wi >= words.length) return false;
      bound.set(f.name, words[wi]!);
      return match(fi + 1, wi + 1);
    };
    return match(0, 0);
  };
}

function field(text: string, index: number): Field {
  const trimmed = text.trim();
  if (trimmed === '...') return { name: `...${index}`, ellipsis: true, anyOf: [] };
  if (/^[\w-]+$/.test(trimmed)) return { name: trimmed, ellipsis: false, anyOf: [] };
  const anyOf = split(trimmed, '||').map((alt) => split(alt, '&&').map(condition));
  const first = anyOf[0]?.[0];
  if (first === undefined) throw invalid(`empty field ${index + 1}`);
  return { name: first.name, ellipsis: false, anyOf };
}

function condition(text: string): Condition {
  const m = /^\s*([\w-]+)\s*(!=|<=|>=|=|<|>)\s*(.+?)\s*$/s.exec(text);
  if (m === null) throw invalid(`'${text.trim()}' is not a field such as name, name=value or name>10`);
  const [, name, op, raw] = m as unknown as [string, string, Comparison, string];
  const quoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"');
  const value = literal(quoted ? raw.slice(1, -1) : raw, quoted);
  checkOperand(op, value, name);
  return { name, op, value };
}

/** Splits on a separator outside double quotes. */
function split(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (!quoted && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      start = i + separator.length;
      i += separator.length - 1;
    }
  }
  if (quoted) throw invalid(`unterminated quote in ${text}`);
  parts.push(text.slice(start));
  return parts;
}

function wordsOf(message: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|\[([^\]]*)\]|(\S+)/g;
  for (const m of message.matchAll(re)) words.push(m[1] ?? m[2] ?? m[3] ?? '');
  return words;
}
