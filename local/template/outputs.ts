// Outputs: each Value (and Export.Name) resolved; an output whose Condition is false is left out.
import { TemplateError } from './errors.js';
import { resolve, type Scope } from './intrinsics.js';
import type { OutputModel } from './types.js';

type Raw = Record<string, unknown>;

export function resolveOutputs(declared: Record<string, Raw>, scope: Scope): Record<string, OutputModel> {
  const outputs: Record<string, OutputModel> = {};
  for (const [name, decl] of Object.entries(declared)) {
    const output = resolveOutput(`Outputs.${name}`, decl, scope);
    if (output !== undefined) outputs[name] = output;
  }
  return outputs;
}

function resolveOutput(path: string, decl: Raw, scope: Scope): OutputModel | undefined {
  if (typeof decl.Condition === 'string' && !scope.condition(decl.Condition, `${path}.Condition`))
    return undefined;
  if (decl.Value === undefined) throw new TemplateError(path, 'Value is required');
  const output: OutputModel = { value: resolve(decl.Value, `${path}.Value`, scope) };
  if (typeof decl.Description === 'string') output.description = decl.Description;
  const exported = (decl.Export as Raw | undefined)?.Name;
  if (exported !== undefined) output.exportName = String(resolve(exported, `${path}.Export.Name`, scope));
  return output;
}
