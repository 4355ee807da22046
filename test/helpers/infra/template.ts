import { readFileSync } from 'node:fs';
import { parseTemplate as parseCloudFormation } from '../../../local/template/index.js';

/** A template as JSON: short-form tags (!Ref, !GetAtt A.B, !Sub ...) become their long form. */
export type Template = {
  Parameters?: Record<string, { Type: string; Default?: unknown; MinValue?: number; MaxValue?: number }>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: unknown; Description?: string }>;
};
export type Resource = { Type: string; Condition?: string; Properties?: Record<string, unknown> };

/** The template's own parser, the one `ferry up` reads it with: short forms become long forms. */
export function parseTemplate(text: string, file = 'template'): Template {
  return parseCloudFormation(text, file) as Template;
}

export function loadTemplate(path: string): Template {
  return parseTemplate(readFileSync(path, 'utf8'), path);
}

export const ref = (name: string) => ({ Ref: name });
export const getAtt = (resource: string, attribute: string) => ({ 'Fn::GetAtt': [resource, attribute] });

/** The resource, or an error naming what is missing. */
export function resource(template: Template, logicalId: string, type?: string): Resource {
  const found = template.Resources[logicalId];
  if (found === undefined) throw new Error(`the template has no resource ${logicalId}`);
  if (type !== undefined && found.Type !== type)
    throw new Error(`${logicalId} is a ${found.Type}, not a ${type}`);
  return found;
}

export function resourcesOfType(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}

/** A number property: a literal, or a Ref to a parameter, read at its default. */
export function numberAtDefault(template: Template, value: unknown, what: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  if (typeof value === 'object' && value !== null && 'Ref' in value) {
    const name = (value as { Ref: string }).Ref;
    const parameter = template.Parameters?.[name];
    if (parameter === undefined) throw new Error(`${what} refers to ${name}, which is not a parameter`);
    return numberAtDefault(template, parameter.Default, `the default of ${name}`);
  }
  throw new Error(`${what} is not a number or a parameter: ${JSON.stringify(value)}`);
}

/** The largest value a number property can take: a literal, or a parameter's MaxValue. */
export function numberAtMost(template: Template, value: unknown, what: string): number {
  if (typeof value === 'object' && value !== null && 'Ref' in value) {
    const name = (value as { Ref: string }).Ref;
    const max = template.Parameters?.[name]?.MaxValue;
    if (max === undefined) throw new Error(`${what} refers to ${name}, which has no MaxValue`);
    return max;
  }
  return numberAtDefault(template, value, what);
}

type RawStatement = { Sid?: string; Effect: string; Action: string | string[]; Resource: unknown };
export type Statement = Omit<RawStatement, 'Action'> & { Action: string[] };

/** Every statement of a role's inline policies, with Action always a sorted list. */
export function roleStatements(template: Template, roleId: string): Statement[] {
  const role = resource(template, roleId, 'AWS::IAM::Role');
  const policies = (role.Properties?.Policies ?? []) as { PolicyDocument: { Statement: RawStatement[] } }[];
  if (role.Properties?.ManagedPolicyArns !== undefined) throw new Error(`${roleId} has managed policies`);
  return policies.flatMap((p) =>
    p.PolicyDocument.Statement.map((s) => ({
      ...s,
      Action: (Array.isArray(s.Action) ? [...s.Action] : [s.Action]).sort(),
    })),
  );
}
