import { invalid } from './errors.js';
import type { Comparison, Literal } from './value.js';
import { checkOperand, checkRegexCount, compare, literal } from './value.js';

// JSON patterns: `{ $.a.b[0] = "x*" && ($.n > 3 || $.flag IS TRUE) }`, with `!=`, numeric
// comparisons, `%regex%`, `IS NULL`, `IS TRUE`, `IS FALSE` and `NOT EXISTS`.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html

type Path = (string | number)[];
type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'compare'; path: Path; op: Comparison; value: Literal }
  | { kind: 'is'; path: Path; value: null | true | false }
  | { kind: 'missing'; path: Path };

type Token = { type: 'punct' | 'op' | 'string' | 'word'; text: string };

export function compileJson(pattern: string): (message: string) => boolean {
  const inner = pattern.trim();
  if (!inner.endsWith('}')) throw invalid("If a filter pattern starts with '{' it must end with '}'");
  const parser = new Parser(lex(inner.slice(1, -1)));
  const tree = parser.expression();
  if (!parser.done()) throw invalid(`unexpected '${parser.peek()?.text}'`);
  checkRegexCount(literals(tree));
  const needles = requiredText(tree);
  return (message) => {
    for (const needle of needles) if (!message.includes(needle)) return false;
    const event = parseEvent(message);
    return event !== undefined && evaluate(tree, event);
  };
}

/** The event as JSON: the whole message, or from its first `{` (a line with a prefix). */
function parseEvent(message: string): unknown {
  const start = message.indexOf('{');
  if (start === -1) return undefined;
  try {
    return JSON.parse(start === 0 ? message : message.slice(start));
  } catch {
    return undefined;
  }
}

function evaluate(node: Node, event: unknown): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, event) && evaluate(node.right, event);
    case 'or':
      return evaluate(node.left, event) || evaluate(node.right, event);
    case 'compare':
      return compare(resolve(event, node.path), node.op, node.value);
    case 'is':
      return resolve(event, node.path) === node.value;
    case 'missing':
      return resolve(event, node.path) === undefined;
  }
}

function resolve(event: unknown, path: Path): unknown {
  let at = event;
  for (const step of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    if (typeof step === 'number') {
      if (!Array.isArray(at)) return undefined;
      at = at[step];
    } else {
      if (Array.isArray(at) || !Object.hasOwn(at, step)) return undefined;
      at = (at as Record<string, unknown>)[step];
    }
  }
  return at;
}

function literals(node: Node): Literal[] {
  if (node.kind === 'and' || node.kind === 'or') return [...literals(node.left), ...literals(node.right)];
  return node.kind === 'compare' ? [node.value] : [];
}

/** Plain texts every match must contain (equalities under `&&` only): a cheap scan before JSON.parse. */
function requiredText(node: Node): string[] {
  if (node.kind === 'and') return [...requiredText(node.left), ...requiredText(node.right)];
  if (node.kind === 'compare' && node.op === '=' && node.value.kind === 'string') {
    const { text, wildcard } = node.value;
    if (wildcard === undefined && /^[\w.:-]+$/.test(text)) return [text];
  }
  return [];
}

function lex(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const two = source.slice(i, i + 2);
    if (/\s/.test(c)) i++;
    else if (two === '&&' || two === '||') {
      tokens.push({ type: 'punct', text: two });
      i += 2;
    } else if (c === '(' || c === ')') {
      tokens.push({ type: 'punct', text: c });
      i++;
    } else if (two === '!=' || two === '<=' || two === '>=') {
      tokens.push({ type: 'op', text: two });
      i += 2;
    } else if (c === '=' || c === '<' || c === '>') {
      tokens.push({ type: 'op', text: c });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      while (j < source.length && source[j] !== '"') {
        if (source[j] === '\\' && j + 1 < source.length) j++;
        text += source[j];
        j++;
      }
      if (j >= source.length) throw invalid(`unterminated quote in ${source.slice(i)}`);
      tokens.push({ type: 'string', text });
      i = j + 1;
    } else if (c === '%') {
      const end = source.indexOf('%', i + 1);
      if (end === -1) throw invalid(`unterminated regular expression in ${source.slice(i)}`);
      tokens.push({ type: 'word', text: source.slice(i, end + 1) });
      i = end + 1;
    } else {
      let j = i;
      while (j < source.length && !/[\s()=!<>&|"]/.test(source[j]!)) j++;
      if (j === i) throw invalid(`unexpected '${c}'`);
      tokens.push({ type: 'word', text: source.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  done(): boolean {
    return this.at >= this.tokens.length;
  }

  peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private next(what: string): Token {
    const token = this.tokens[this.at++];
    if (token === undefined) throw invalid(`expected ${what} at the end of the pattern`);
    return token;
  }

  expression(): Node {
    let left = this.conjunction();
    while (this.peek()?.text === '||') {
      this.at++;
      left = { kind: 'or', left, right: this.conjunction() };
    }
    return left;
  }

  private conjunction(): Node {
    let left = this.unary();
    while (this.peek()?.text === '&&') {
      this.at++;
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Node {
    const token = this.next('a selector such as $.field');
    if (token.type === 'punct' && token.text === '(') {
      const inner = this.expression();
      if (this.next("')'").text !== ')') throw invalid("expected ')'");
      return inner;
    }
    if (token.type !== 'word') throw invalid(`expected a selector such as $.field, found '${token.text}'`);
    const path = selector(token.text);
    const op = this.next(`an operator after ${token.text}`);
    if (op.type === 'op') {
      const value = this.next(`a value after ${token.text} ${op.text}`);
      if (value.type !== 'string' && value.type !== 'word')
        throw invalid(`expected a value, found '${value.text}'`);
      const lit = literal(value.text, value.type === 'string');
      checkOperand(op.text as Comparison, lit, token.text);
      return { kind: 'compare', path, op: op.text as Comparison, value: lit };
    }
    const keyword = op.text.toUpperCase();
    const word = this.next(`a keyword after ${token.text} ${op.text}`).text.toUpperCase();
    if (keyword === 'IS' && (word === 'NULL' || word === 'TRUE' || word === 'FALSE')) {
      return { kind: 'is', path, value: word === 'NULL' ? null : word === 'TRUE' };
    }
    if (keyword === 'NOT' && word === 'EXISTS') return { kind: 'missing', path };
    throw invalid(`expected a comparison, IS NULL, IS TRUE, IS FALSE or NOT EXISTS after ${token.text}`);
  }
}

/** `$.a.b[0].c` -> ['a', 'b', 0, 'c']. */
function selector(text: string): Path {
  if (!/^\$(\.[^.[\]]+|\[\d+\])+$/.test(text)) {
    throw invalid(`'${text}' is not a selector such as $.field, $.a.b or $.list[0]`);
  }
  const path: Path = [];
  for (const m of text.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)) {
    path.push(m[1] !== undefined ? m[1] : Number(m[2]));
  }
  return path;
}
