import { QueryError } from './errors.js';

/**
 * A small part of CloudWatch metric math: numbers, ids of other queries, + - * /, parentheses, and
 * SUM, AVG, MIN, MAX over a list ([m1, m2]) or over one series per timestamp, FILL(m, value), ABS,
 * and SEARCH('{Namespace,Dim} terms', 'Stat', period), which answers a list of series.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html
 */
export interface TimeSeries {
  /** Set on the series a SEARCH answers. */
  label?: string;
  /** ms, ascending. */
  timestamps: number[];
  values: number[];
}

export type Value = number | TimeSeries | TimeSeries[];

export interface ExpressionContext {
  /** The series of another query, by id; undefined when there is no such id. */
  series(id: string): TimeSeries | undefined;
  /** Every period start of the query range (for FILL). */
  grid: number[];
  /** The series a SEARCH expression matches, each with the statistic per period. */
  search(query: string, stat: string, period: number): TimeSeries[];
}

type Token =
  | { kind: 'num'; value: number }
  | { kind: 'id'; value: string }
  | { kind: 'op'; value: string }
  | { kind: 'str'; value: string };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re =
    /\s*(?:(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/(),[\]])|'((?:[^'\\]|\\.)*)')/y;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(text);
    if (m === null)
      throw new QueryError(
        'InvalidExpression',
        `Unexpected character at position ${pos + 1 + (/^\s*/.exec(text.slice(pos))?.[0].length ?? 0)} in expression: ${text}`,
      );
    pos = re.lastIndex;
    if (m[1] !== undefined) out.push({ kind: 'num', value: Number(m[1]) });
    else if (m[2] !== undefined) out.push({ kind: 'id', value: m[2] });
    else if (m[3] !== undefined) out.push({ kind: 'op', value: m[3] });
    else out.push({ kind: 'str', value: m[4]!.replace(/\\(.)/g, '$1') });
  }
  return out;
}

/** Evaluates `text`; throws a QueryError naming what is wrong. */
export function evaluateExpression(text: string, ctx: ExpressionContext): Value {
  return new Evaluation(text, ctx).run();
}

/**
 * One expression read by recursive descent and evaluated as it is read: sum := product (+|- product)*,
 * product := unary (*|/ unary)*, unary := -unary | primary, primary := number | (sum) | id | fn(args).
 */
class Evaluation {
  private readonly tokens: Token[];
  /** The next token to read. */
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly ctx: ExpressionContext,
  ) {
    this.tokens = tokenize(text);
  }

  run(): Value {
    const v = this.sum();
    if (this.i !== this.tokens.length)
      throw new QueryError(
        'InvalidExpression',
        `Unexpected tokens after position ${this.i} in expression: ${this.text}`,
      );
    return v;
  }

  private sum(): Value {
    let left = this.product();
    for (let t = this.peek(); t?.kind === 'op' && (t.value === '+' || t.value === '-'); t = this.peek()) {
      this.i++;
      left = binary(t.value, left, this.product());
    }
    return left;
  }

  private product(): Value {
    let left = this.unary();
    for (let t = this.peek(); t?.kind === 'op' && (t.value === '*' || t.value === '/'); t = this.peek()) {
      this.i++;
      left = binary(t.value, left, this.unary());
    }
    return left;
  }

  private unary(): Value {
    if (this.take('-')) return binary('*', -1, this.unary());
    return this.primary();
  }

  private primary(): Value {
    const t = this.tokens[this.i++];
    if (t === undefined)
      throw new QueryError('InvalidExpression', `Unexpected end of expression: ${this.text}`);
    if (t.kind === 'num') return t.value;
    if (t.kind === 'op' && t.value === '(') {
      const v = this.sum();
      this.expect(')');
      return v;
    }
    if (t.kind !== 'id')
      throw new QueryError('InvalidExpression', `Unexpected "${t.value}" in expression: ${this.text}`);
    if (this.take('(')) {
      const fn = t.value.toUpperCase();
      return fn === 'SEARCH' ? this.search() : call(fn, this.args(), this.ctx, this.text);
    }
    const s = this.ctx.series(t.value);
    if (s === undefined)
      throw new QueryError(
        'UnknownMetricId',
        `Unrecognized metric id "${t.value}" in expression: ${this.text}`,
      );
    return s;
  }

  /** SEARCH's arguments after its "(": a search string, a statistic and a period, then ")". */
  private search(): TimeSeries[] {
    const [query, stat, period] = [this.tokens[this.i], this.tokens[this.i + 2], this.tokens[this.i + 4]];
    if (query?.kind !== 'str' || stat?.kind !== 'str' || period?.kind !== 'num') {
      throw new QueryError(
        'InvalidExpression',
        `SEARCH takes a search string, a statistic and a period: ${this.text}`,
      );
    }
    this.i += 1;
    this.expect(',');
    this.i += 1;
    this.expect(',');
    this.i += 1;
    this.expect(')');
    return this.ctx.search(query.value, stat.value, period.value);
  }

  /** A function's arguments after its "(", through ")": each a list [a, b] or one expression. */
  private args(): Value[][] {
    const args: Value[][] = [];
    do {
      args.push(this.isOp('[') ? this.list() : [this.sum()]);
    } while (this.take(','));
    this.expect(')');
    return args;
  }

  private list(): Value[] {
    this.expect('[');
    const items = [this.sum()];
    while (this.take(',')) items.push(this.sum());
    this.expect(']');
    return items;
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private isOp(op: string): boolean {
    const t = this.peek();
    return t?.kind === 'op' && t.value === op;
  }

  /** Reads the operator `op` if it is next. */
  private take(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.i++;
    return true;
  }

  private expect(op: string): void {
    const t = this.tokens[this.i++];
    if (t?.kind !== 'op' || t.value !== op)
      throw new QueryError('InvalidExpression', `Expected "${op}" in expression: ${this.text}`);
  }
}

function call(fn: string, args: Value[][], ctx: ExpressionContext, text: string): Value {
  const first = args[0] ?? [];
  switch (fn) {
    case 'SUM':
    case 'AVG':
    case 'MIN':
    case 'MAX': {
      const reduce = (xs: number[]): number =>
        fn === 'SUM'
          ? xs.reduce((a, b) => a + b, 0)
          : fn === 'AVG'
            ? xs.reduce((a, b) => a + b, 0) / xs.length
            : fn === 'MIN'
              ? Math.min(...xs)
              : Math.max(...xs);
      if (first.length === 1 && Array.isArray(first[0])) {
        // SUM(SEARCH(...)): the list of series, combined per timestamp.
        return call(fn, [first[0]], ctx, text);
      }
      if (first.length === 1 && typeof first[0] !== 'number') {
        // One series: a single value over the whole range, as CloudWatch does.
        const s = first[0] as TimeSeries;
        return s.values.length === 0 ? { timestamps: [], values: [] } : reduce(s.values);
      }
      const byTime = new Map<number, number[]>();
      for (const v of first) {
        if (typeof v === 'number' || Array.isArray(v)) {
          throw new QueryError('InvalidExpression', `${fn} takes series, not numbers: ${text}`);
        }
        v.timestamps.forEach((t, k) => {
          const at = byTime.get(t);
          if (at === undefined) byTime.set(t, [v.values[k]!]);
          else at.push(v.values[k]!);
        });
      }
      const timestamps = [...byTime.keys()].sort((a, b) => a - b);
      return { timestamps, values: timestamps.map((t) => reduce(byTime.get(t)!)) };
    }
    case 'ABS':
      return map(first[0] ?? 0, Math.abs);
    case 'FILL': {
      const s = first[0];
      const fill = args[1]?.[0];
      if (s === undefined || typeof s === 'number' || Array.isArray(s) || typeof fill !== 'number') {
        throw new QueryError('InvalidExpression', `FILL takes a series and a number: ${text}`);
      }
      const have = new Map(s.timestamps.map((t, k) => [t, s.values[k]!]));
      return { timestamps: [...ctx.grid], values: ctx.grid.map((t) => have.get(t) ?? fill) };
    }
    default:
      throw new QueryError('InvalidExpression', `Unsupported function ${fn} in expression: ${text}`);
  }
}

function map(v: Value, f: (x: number) => number): Value {
  if (typeof v === 'number') return f(v);
  if (Array.isArray(v)) return v.map((s) => map(s, f) as TimeSeries);
  return { ...v, values: v.values.map(f) };
}

function apply(op: string, a: number, b: number): number {
  return op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : a / b;
}

/** Series with series: only the timestamps both have. */
function binary(op: string, a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') return apply(op, a, b);
  if (typeof a === 'number') return map(b, (y) => apply(op, a, y));
  if (typeof b === 'number') return map(a, (x) => apply(op, x, b));
  if (Array.isArray(a)) return a.map((s) => binary(op, s, b) as TimeSeries);
  if (Array.isArray(b)) return b.map((s) => binary(op, a, s) as TimeSeries);
  const other = new Map(b.timestamps.map((t, k) => [t, b.values[k]!]));
  const out: TimeSeries = { timestamps: [], values: [] };
  a.timestamps.forEach((t, k) => {
    const y = other.get(t);
    if (y !== undefined) {
      out.timestamps.push(t);
      out.values.push(apply(op, a.values[k]!, y));
    }
  });
  return out;
}
