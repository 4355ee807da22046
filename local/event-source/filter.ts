// Lambda event filtering for SQS: a record passes when any filter's pattern matches it. Patterns
// use the EventBridge syntax over the record's fields, with `body` parsed when it is JSON.
// https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
import { invalidFilter } from './errors.js';
import type { FilterCriteria, SqsRecord } from './types.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Pattern = { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function numericMatch(conditions: Json[], value: Json): boolean {
  if (typeof value !== 'number') return false;
  for (let i = 0; i + 1 < conditions.length; i += 2) {
    const bound = conditions[i + 1] as number;
    const ok = {
      '=': value === bound,
      '>': value > bound,
      '>=': value >= bound,
      '<': value < bound,
      '<=': value <= bound,
    }[conditions[i] as '='];
    if (!ok) return false;
  }
  return true;
}

function wildcard(pattern: string, value: string): boolean {
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${source.join('.*')}$`, 's').test(value);
}

/** One element of a pattern's array against one (non-array) value of the record. */
function matchOne(matcher: Json, value: Json): boolean {
  if (!isObject(matcher)) return matcher === value;
  const [op, arg] = Object.entries(matcher)[0] ?? [];
  switch (op) {
    case 'prefix':
      if (isObject(arg))
        return (
          typeof value === 'string' &&
          value.toLowerCase().startsWith(String(arg['equals-ignore-case']).toLowerCase())
        );
      return typeof value === 'string' && value.startsWith(String(arg));
    case 'suffix':
      if (isObject(arg))
        return (
          typeof value === 'string' &&
          value.toLowerCase().endsWith(String(arg['equals-ignore-case']).toLowerCase())
        );
      return typeof value === 'string' && value.endsWith(String(arg));
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === String(arg).toLowerCase();
    case 'numeric':
      return Array.isArray(arg) && numericMatch(arg, value);
    case 'wildcard':
      return typeof value === 'string' && wildcard(String(arg), value);
    case 'anything-but':
      if (Array.isArray(arg)) return !arg.includes(value);
      if (isObject(arg)) return !matchOne(arg, value);
      return arg !== value;
    case 'exists':
      return arg === true; // reached only when the field is present
    default:
      throw invalidFilter(`unknown filter operator "${op}"`);
  }
}

function matchField(rule: Json, value: Json | undefined): boolean {
  if (isObject(rule)) return isObject(value) && matchPattern(rule, value);
  if (!Array.isArray(rule)) throw invalidFilter('a pattern value must be an array or an object');
  if (value === undefined) return rule.some((m) => isObject(m) && m['exists'] === false);
  const values = Array.isArray(value) ? value : [value];
  return rule.some((m) => !(isObject(m) && m['exists'] === false) && values.some((v) => matchOne(m, v)));
}

function matchPattern(pattern: Pattern, value: Record<string, Json>): boolean {
  for (const [key, rule] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!Array.isArray(rule)) throw invalidFilter('"$or" must be an array of patterns');
      if (!rule.some((p) => isObject(p) && matchPattern(p, value))) return false;
    } else if (!matchField(rule, value[key])) {
      return false;
    }
  }
  return true;
}

const OPERATORS = new Set([
  'prefix',
  'suffix',
  'equals-ignore-case',
  'numeric',
  'wildcard',
  'anything-but',
  'exists',
]);

/** Checks a pattern once, at start, so that a bad one fails with its place named. */
function validate(pattern: Record<string, Json>, where: string): void {
  for (const [key, rule] of Object.entries(pattern)) {
    const at = `${where}.${key}`;
    if (key === '$or') {
      if (!Array.isArray(rule)) throw invalidFilter(`${at} must be an array of patterns`);
      rule.forEach((p, i) => (isObject(p) ? validate(p, `${at}[${i}]`) : undefined));
    } else if (isObject(rule)) {
      validate(rule, at);
    } else if (!Array.isArray(rule)) {
      throw invalidFilter(`${at} must be an array of values or an object, got ${JSON.stringify(rule)}`);
    } else {
      for (const matcher of rule) {
        const op = isObject(matcher) ? Object.keys(matcher)[0] : undefined;
        if (isObject(matcher) && (op === undefined || !OPERATORS.has(op))) {
          throw invalidFilter(`${at}: unknown filter operator "${op ?? ''}"`);
        }
      }
    }
  }
}

function parseBody(body: string): Json {
  try {
    return JSON.parse(body) as Json;
  } catch {
    return body;
  }
}

/** Compiles FilterCriteria once; the answer is undefined when every record passes (no filters). */
export function compileFilter(
  criteria: FilterCriteria | undefined,
): ((record: SqsRecord) => boolean) | undefined {
  const filters = criteria?.Filters ?? [];
  if (filters.length === 0) return undefined;
  const patterns = filters.map((filter, index) => {
    let pattern: unknown;
    try {
      pattern = JSON.parse(filter.Pattern ?? '');
    } catch {
      throw invalidFilter(`FilterCriteria.Filters[${index}].Pattern is not JSON: ${filter.Pattern}`);
    }
    if (!isObject(pattern))
      throw invalidFilter(`FilterCriteria.Filters[${index}].Pattern must be a JSON object`);
    validate(pattern, `FilterCriteria.Filters[${index}].Pattern`);
    return pattern;
  });
  return (record) => {
    const subject = { ...record, body: parseBody(record.body) } as unknown as Record<string, Json>;
    return patterns.some((pattern) => matchPattern(pattern, subject));
  };
}
