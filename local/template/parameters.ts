// Parameters: defaults, overrides (the AWS CLI's `--parameter-overrides Key=Value`, parsed by
// local/config where the flags are read), and the checks CloudFormation makes before it creates anything.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
import { TemplateError } from './errors.js';

type Declared = Record<string, unknown>;

export function resolveParameters(
  declared: unknown,
  overrides: Record<string, string>,
): Record<string, string | string[]> {
  const params = (declared ?? {}) as Record<string, Declared>;
  if (typeof params !== 'object' || Array.isArray(params))
    throw new TemplateError('Parameters', 'expected a map of parameter declarations');
  for (const key of Object.keys(overrides))
    if (!Object.hasOwn(params, key))
      throw new TemplateError(
        '',
        `parameter override ${key}: the template has no parameter ${key} (it has: ${Object.keys(params).join(', ') || 'none'})`,
        'InvalidParameter',
      );
  const out: Record<string, string | string[]> = {};
  for (const [name, decl] of Object.entries(params)) {
    const path = `Parameters.${name}`;
    const type = typeof decl.Type === 'string' ? decl.Type : undefined;
    if (type === undefined) throw new TemplateError(path, 'Type is required');
    if (type.startsWith('AWS::SSM::Parameter'))
      throw new TemplateError(
        path,
        `type ${type} reads SSM Parameter Store, which is not available locally`,
        'NotSupportedLocally',
      );
    const raw = overrides[name] ?? (decl.Default === undefined ? undefined : String(decl.Default));
    if (raw === undefined)
      throw new TemplateError(
        path,
        `no value: the parameter has no Default; pass --parameter-overrides ${name}=...`,
        'InvalidParameter',
      );
    out[name] = checkValue(path, type, raw, decl);
  }
  return out;
}

function checkValue(path: string, type: string, raw: string, decl: Declared): string | string[] {
  const isList = type === 'CommaDelimitedList' || type.startsWith('List<');
  const values = isList ? (raw === '' ? [] : raw.split(',').map((v) => v.trim())) : [raw];
  const numeric = type === 'Number' || type === 'List<Number>';
  for (const value of values) {
    const bad = (why: string) => new TemplateError(path, `value '${value}' ${why}`, 'InvalidParameter');
    if (numeric && (value.trim() === '' || !Number.isFinite(Number(value)))) throw bad('is not a number');
    if (Array.isArray(decl.AllowedValues) && !decl.AllowedValues.map(String).includes(value))
      throw bad(`is not one of the AllowedValues (${decl.AllowedValues.map(String).join(', ')})`);
    if (typeof decl.AllowedPattern === 'string' && !new RegExp(`^(?:${decl.AllowedPattern})$`).test(value))
      throw bad(`does not match the AllowedPattern ${decl.AllowedPattern}`);
    if (numeric && decl.MinValue !== undefined && Number(value) < Number(decl.MinValue))
      throw bad(`is below the MinValue ${String(decl.MinValue)}`);
    if (numeric && decl.MaxValue !== undefined && Number(value) > Number(decl.MaxValue))
      throw bad(`is above the MaxValue ${String(decl.MaxValue)}`);
    if (decl.MinLength !== undefined && value.length < Number(decl.MinLength))
      throw bad(`is shorter than the MinLength ${String(decl.MinLength)}`);
    if (decl.MaxLength !== undefined && value.length > Number(decl.MaxLength))
      throw bad(`is longer than the MaxLength ${String(decl.MaxLength)}`);
  }
  return isList ? values : raw;
}
