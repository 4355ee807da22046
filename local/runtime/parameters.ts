// A parameter file: values for the template's parameters, kept beside it, in the two shapes AWS
// documents for files of parameters: a template configuration file ({ "Parameters": { Key:
// "Value" } }, as CodePipeline takes it) or CreateStack's list ([{ "ParameterKey", "ParameterValue" }]).
// `ferry up` reads cloudformation/local.parameters.json this way: the local profile.
// https://docs.aws.amazon.com/codepipeline/latest/userguide/continuous-delivery-cloudformation.html#w2ab1c21c15c15
import { readFileSync } from 'node:fs';
import { TemplateError } from '../template/index.js';

export function readParameterFile(path: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new TemplateError('', `cannot read the parameter file ${path}: ${why}`);
  }
  const bad = (what: string) =>
    new TemplateError(
      '',
      `the parameter file ${path}: ${what}; expected { "Parameters": { "Key": "Value" } }`,
    );
  if (Array.isArray(value)) return fromList(value, bad);
  const parameters = (value as { Parameters?: unknown } | null)?.Parameters;
  if (parameters === null || typeof parameters !== 'object' || Array.isArray(parameters))
    throw bad('no Parameters object');
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(parameters)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
      throw bad(`${key} is not a string`);
    out[key] = String(v);
  }
  return out;
}

function fromList(list: unknown[], bad: (what: string) => Error): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [i, item] of list.entries()) {
    const { ParameterKey: key, ParameterValue: v } = (item ?? {}) as Record<string, unknown>;
    if (typeof key !== 'string' || typeof v !== 'string')
      throw bad(`item ${i} has no ParameterKey and ParameterValue`);
    out[key] = v;
  }
  return out;
}
