// YAML (or JSON) text -> plain data with every short-form tag turned into its long form
// (`!Ref X` -> { Ref: 'X' }, `!GetAtt A.B` -> { 'Fn::GetAtt': ['A', 'B'] }), so the resolver
// only ever sees the JSON shape CloudFormation itself works on.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import { TemplateError } from './errors.js';

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
const FUNCTIONS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
  'ToJsonString',
  'Length',
];

export function parseTemplate(text: string, file: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new TemplateError('', `${file}: not valid JSON: ${(error as Error).message}`);
    }
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, merge: false });
  const first = doc.errors[0];
  if (first) {
    const [line, col] = [first.linePos?.[0].line ?? 0, first.linePos?.[0].col ?? 0];
    throw new TemplateError(
      '',
      `${file}:${line}:${col}: not valid YAML: ${first.message.split(' at line ')[0]}`,
    );
  }
  const toData = (node: unknown): unknown => {
    if (isAlias(node)) return toData(node.resolve(doc));
    if (!node) return null;
    const n = node as Node;
    const value = isSeq(n)
      ? n.items.map(toData)
      : isMap(n)
        ? Object.fromEntries(
            n.items.map((p) => [
              String(isScalar(p.key) ? p.key.value : p.key),
              toData(isPair(p) ? p.value : null),
            ]),
          )
        : isScalar(n)
          ? n.value
          : null;
    if (!n.tag || !n.tag.startsWith('!') || n.tag.startsWith('!!')) return value;
    return fromTag(n.tag, value, () => {
      const pos = n.range ? lines.linePos(n.range[0]) : undefined;
      return pos ? `${file}:${pos.line}:${pos.col}` : file;
    });
  };
  return toData(doc.contents);
}

function fromTag(tag: string, value: unknown, where: () => string): unknown {
  const name = tag.slice(1);
  if (name === 'Ref') return { Ref: scalarText(value) };
  if (name === 'Condition') return { Condition: scalarText(value) };
  if (!FUNCTIONS.includes(name)) throw new TemplateError('', `${where()}: unknown tag ${tag}`);
  // `!GetAtt Res.Attr` is the dotted short form of ['Res', 'Attr']: split on the first dot.
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
}

function scalarText(value: unknown): unknown {
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}
