// Resolves CloudFormation's intrinsic functions (long form; parse.ts has turned the short tags
// into it). Errors name the property path and show the failing function in its short form.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
import { showIntrinsic, TemplateError } from './errors.js';

/** AWS::NoValue: the key (or list item) holding it is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

export interface Scope {
  parameters: Record<string, string | string[]>;
  pseudo: Record<string, string>;
  mappings: Record<string, unknown>;
  condition(name: string, path: string): boolean;
  /** Ref of a resource; undefined when no resource has that logical id. */
  ref(logicalId: string, path: string, shown: string): string | undefined;
  getAtt(logicalId: string, attribute: string, path: string, shown: string): unknown;
}

type Fn = (arg: unknown, path: string, scope: Scope, fail: (why: string) => never) => unknown;

export function isIntrinsic(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0]!.startsWith('Fn::'));
}

export function resolve(value: unknown, path: string, scope: Scope): unknown {
  if (Array.isArray(value))
    return value.map((item, i) => resolve(item, `${path}[${i}]`, scope)).filter((v) => v !== NO_VALUE);
  if (value === null || typeof value !== 'object') return value;
  if (isIntrinsic(value)) {
    const [name, arg] = Object.entries(value)[0]!;
    const fn = FUNCTIONS[name];
    const fail = (why: string): never => {
      throw new TemplateError(path, `${showIntrinsic(value)}: ${why}`);
    };
    if (!fn) return fail(`unknown intrinsic function ${name}`);
    return fn(arg, path, scope, fail);
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const resolved = resolve(item, path === '' ? key : `${path}.${key}`, scope);
    if (resolved !== NO_VALUE) out[key] = resolved;
  }
  return out;
}

function args(arg: unknown, count: number, fail: (why: string) => never, shape: string): unknown[] {
  if (!Array.isArray(arg) || arg.length !== count) fail(`expected ${shape}`);
  return arg as unknown[];
}

function text(value: unknown, fail: (why: string) => never, what: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return fail(`${what} must be a string, got ${JSON.stringify(value)}`);
}

function ref(name: string, path: string, scope: Scope, shown: string, fail: (why: string) => never): unknown {
  if (name === 'AWS::NoValue') return NO_VALUE;
  if (name === 'AWS::NotificationARNs') return [];
  if (Object.hasOwn(scope.pseudo, name)) return scope.pseudo[name];
  if (name.startsWith('AWS::')) return fail(`unknown pseudo parameter ${name}`);
  if (Object.hasOwn(scope.parameters, name)) return scope.parameters[name];
  const found = scope.ref(name, path, shown);
  return found ?? fail(`unknown reference ${name}: no parameter or resource has that name`);
}

function getAtt(arg: unknown, path: string, scope: Scope, fail: (why: string) => never, shown: string) {
  const parts =
    typeof arg === 'string' ? [arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1)] : arg;
  if (!Array.isArray(parts) || parts.length !== 2 || typeof parts[0] !== 'string' || parts[0] === '')
    return fail('expected [LogicalId, Attribute] or LogicalId.Attribute');
  const attribute = text(resolve(parts[1], path, scope), fail, 'the attribute name');
  return scope.getAtt(parts[0], attribute, path, shown);
}

/** `${Name}`, `${Res.Attr}`, `${!Literal}` in a Fn::Sub string. */
function sub(arg: unknown, path: string, scope: Scope, fail: (why: string) => never, shown: string): string {
  const [template, vars] = Array.isArray(arg) ? args(arg, 2, fail, '[String, { Var: Value }]') : [arg, {}];
  if (typeof template !== 'string') return fail('the first argument must be a string');
  if (vars === null || typeof vars !== 'object' || Array.isArray(vars))
    return fail('the variables must be a map');
  const values = resolve(vars, path, scope) as Record<string, unknown>;
  return template.replace(/\$\{([^}]*)\}/g, (_whole, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    const name = inner.trim();
    if (Object.hasOwn(values, name)) return text(values[name], fail, `variable ${name}`);
    const dot = name.indexOf('.');
    const value =
      dot > 0 && !name.startsWith('AWS::')
        ? scope.getAtt(name.slice(0, dot), name.slice(dot + 1), path, shown)
        : ref(name, path, scope, shown, fail);
    if (Array.isArray(value)) return fail(`\${${name}} is a list; Fn::Sub needs a string (use Fn::Join)`);
    return text(value, fail, `\${${name}}`);
  });
}

function list(value: unknown, fail: (why: string) => never, what: string): unknown[] {
  return Array.isArray(value) ? value : fail(`${what} must be a list, got ${JSON.stringify(value)}`);
}

function bool(value: unknown, fail: (why: string) => never): boolean {
  return typeof value === 'boolean' ? value : fail(`expected a condition, got ${JSON.stringify(value)}`);
}

const FUNCTIONS: Record<string, Fn> = {
  Ref: (arg, path, scope, fail) =>
    ref(text(arg, fail, 'the name'), path, scope, showIntrinsic({ Ref: arg }), fail),
  'Fn::GetAtt': (arg, path, scope, fail) =>
    getAtt(arg, path, scope, fail, showIntrinsic({ 'Fn::GetAtt': arg })),
  'Fn::Sub': (arg, path, scope, fail) => sub(arg, path, scope, fail, showIntrinsic({ 'Fn::Sub': arg })),
  'Fn::Join': (arg, path, scope, fail) => {
    const [delimiter, items] = args(arg, 2, fail, '[Delimiter, [Values]]');
    const values = list(resolve(items, path, scope), fail, 'the values');
    return values.map((v) => text(v, fail, 'each value')).join(text(delimiter, fail, 'the delimiter'));
  },
  'Fn::Select': (arg, path, scope, fail) => {
    const [index, items] = args(arg, 2, fail, '[Index, [Values]]');
    const i = Number(resolve(index, path, scope));
    const values = list(resolve(items, path, scope), fail, 'the values');
    if (!Number.isInteger(i) || i < 0 || i >= values.length)
      return fail(`index ${String(index)} is out of range (the list has ${values.length} items)`);
    return values[i];
  },
  'Fn::Split': (arg, path, scope, fail) => {
    const [delimiter, source] = args(arg, 2, fail, '[Delimiter, String]');
    return text(resolve(source, path, scope), fail, 'the source').split(
      text(delimiter, fail, 'the delimiter'),
    );
  },
  'Fn::FindInMap': (arg, path, scope, fail) => {
    const keys = args(arg, 3, fail, '[MapName, TopLevelKey, SecondLevelKey]').map((k) =>
      text(resolve(k, path, scope), fail, 'each key'),
    );
    let node: unknown = scope.mappings;
    for (const key of keys) {
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
      if (node === undefined)
        return fail(`Mappings has no ${keys.slice(0, keys.indexOf(key) + 1).join('.')}`);
    }
    return node;
  },
  'Fn::If': (arg, path, scope, fail) => {
    const [name, yes, no] = args(arg, 3, fail, '[ConditionName, ValueIfTrue, ValueIfFalse]');
    return resolve(scope.condition(text(name, fail, 'the condition name'), path) ? yes : no, path, scope);
  },
  'Fn::Equals': (arg, path, scope, fail) => {
    const [a, b] = args(arg, 2, fail, '[Value1, Value2]').map((v) => resolve(v, path, scope));
    return (
      JSON.stringify(typeof a === 'number' ? String(a) : a) ===
      JSON.stringify(typeof b === 'number' ? String(b) : b)
    );
  },
  'Fn::Not': (arg, path, scope, fail) =>
    !bool(resolve(args(arg, 1, fail, '[Condition]')[0], path, scope), fail),
  'Fn::And': (arg, path, scope, fail) => {
    if (!Array.isArray(arg) || arg.length < 2 || arg.length > 10) fail('expected 2 to 10 conditions');
    return (arg as unknown[]).every((c) => bool(resolve(c, path, scope), fail));
  },
  'Fn::Or': (arg, path, scope, fail) => {
    if (!Array.isArray(arg) || arg.length < 2 || arg.length > 10) fail('expected 2 to 10 conditions');
    return (arg as unknown[]).some((c) => bool(resolve(c, path, scope), fail));
  },
  Condition: (arg, path, scope, fail) => scope.condition(text(arg, fail, 'the condition name'), path),
  'Fn::GetAZs': (arg, path, scope, fail) => {
    const region = text(resolve(arg, path, scope), fail, 'the region') || scope.pseudo['AWS::Region']!;
    return ['a', 'b', 'c'].map((zone) => `${region}${zone}`);
  },
  'Fn::Base64': (arg, path, scope, fail) =>
    Buffer.from(text(resolve(arg, path, scope), fail, 'the value')).toString('base64'),
  'Fn::ImportValue': (_arg, _path, _scope, fail) =>
    fail(
      "Fn::ImportValue reads another stack's exports, which is not supported locally; pass the value as a parameter",
    ),
};
for (const name of ['Fn::Cidr', 'Fn::Transform', 'Fn::ToJsonString', 'Fn::Length'])
  FUNCTIONS[name] = (_arg, _path, _scope, fail) => fail(`${name} is not supported locally`);
