import { LocalError } from '../errors.js';

/**
 * Why a template cannot be played locally. The runtime has no wire to answer on here: `ferry up`
 * prints the error and stops, so the message (path first) is the whole answer.
 * - InvalidTemplate: the template (or a value it resolves to) is not what CloudFormation accepts.
 * - InvalidParameter: a parameter's value, default or override breaks its declaration.
 * - NotSupportedLocally: valid for AWS, but not played on one machine (Transform, SSM, S3 code).
 * - CodeNotFound: a function's built code or handler file is missing.
 * - TemplateUnreadable: the file itself cannot be read.
 */
export type TemplateErrorCode =
  'InvalidTemplate' | 'InvalidParameter' | 'NotSupportedLocally' | 'CodeNotFound' | 'TemplateUnreadable';

/** A template the local runtime cannot play. `path` names the resource and property. */
export class TemplateError extends LocalError<TemplateErrorCode> {
  override readonly name = 'TemplateError';
  constructor(
    readonly path: string,
    readonly detail: string,
    code: TemplateErrorCode = 'InvalidTemplate',
  ) {
    super(code, path === '' ? detail : `${path}: ${detail}`);
  }
}

/** Short YAML form of an intrinsic for messages: `!GetAtt Queue.Arn`, `!Ref Name`. */
export function showIntrinsic(value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return JSON.stringify(value);
  const entries = Object.entries(value);
  const [key, arg] = entries[0] ?? [];
  if (entries.length !== 1 || key === undefined) return short(JSON.stringify(value));
  if (key === 'Ref') return `!Ref ${typeof arg === 'string' ? arg : JSON.stringify(arg)}`;
  const tag = key.startsWith('Fn::') ? `!${key.slice(4)}` : key === 'Condition' ? '!Condition' : undefined;
  if (tag === undefined) return short(JSON.stringify(value));
  if (key === 'Fn::GetAtt' && Array.isArray(arg) && arg.every((a) => typeof a === 'string'))
    return `!GetAtt ${arg.join('.')}`;
  return short(`${tag} ${typeof arg === 'string' ? arg : JSON.stringify(arg)}`);
}

function short(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
