// Loads a CloudFormation template and resolves it to the local stack: parameters, conditions,
// every resource's properties in dependency order, and the outputs, with Ref and Fn::GetAtt
// answered by each resource type's local identity (identity.ts).
import { readFile } from 'node:fs/promises';
import { dirname, resolve as resolvePath } from 'node:path';
import { DEFAULTS } from '../config/index.js';
import { TemplateError } from './errors.js';
import { builtinIdentities } from './identity.js';
import { resolveOutputs } from './outputs.js';
import { resolveParameters } from './parameters.js';
import { parseTemplate } from './parse.js';
import { dependencyGraph, resolveResources } from './resources.js';
import { StackScope } from './scope.js';
import { stackInfo } from './stack.js';
import type { IdentityHook, LoadOptions, ResourceModel, TemplateModel } from './types.js';

type Raw = Record<string, unknown>;

export async function loadTemplate(file: string, options: LoadOptions = {}): Promise<TemplateModel> {
  const path = resolvePath(file);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new TemplateError(
      '',
      `cannot read the template ${file}: ${error.code ?? error.message}`,
      'TemplateUnreadable',
    );
  });
  return resolveTemplate(parseTemplate(text, file), { ...options, baseDir: dirname(path) });
}

export function resolveTemplate(
  template: unknown,
  options: LoadOptions & { baseDir: string },
): TemplateModel {
  const raw = templateMap(template);
  const declared = section(raw, 'Resources');
  if (Object.keys(declared).length === 0)
    throw new TemplateError('Resources', 'at least one resource is required');
  const stack = stackInfo(options);
  const parameters = resolveParameters(raw.Parameters, options.parameterOverrides ?? {});
  const identities = identityHooks(options);
  const conditions = section(raw, 'Conditions');
  const scope = new StackScope(stack, parameters, section(raw, 'Mappings'), conditions, declared);
  scope.evaluateConditions();
  resolveResources(declared, dependencyGraph(declared, scope), scope, identities);
  const outputs = resolveOutputs(section(raw, 'Outputs'), scope);
  const resources = [...scope.resolved.values()];
  return {
    baseDir: options.baseDir,
    stack,
    description: typeof raw.Description === 'string' ? raw.Description : undefined,
    parameters,
    conditions: scope.conditions,
    resources,
    excluded: [...scope.excluded.keys()],
    outputs,
    unknownTypes: unknownTypes(resources),
  };
}

function templateMap(template: unknown): Raw {
  if (template === null || typeof template !== 'object' || Array.isArray(template))
    throw new TemplateError('', 'the template is not a map');
  const raw = template as Raw;
  if (raw.Transform !== undefined)
    throw new TemplateError(
      'Transform',
      `${JSON.stringify(raw.Transform)} is not supported locally`,
      'NotSupportedLocally',
    );
  return raw;
}

function section(raw: Raw, name: string): Record<string, Raw> {
  const value = raw[name] ?? {};
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new TemplateError(name, 'expected a map');
  return value as Record<string, Raw>;
}

/** The built-in identities on the local endpoints, with the caller's replacements. */
function identityHooks(options: LoadOptions): Record<string, IdentityHook> {
  return {
    ...builtinIdentities({
      sqsEndpoint: options.sqsEndpoint ?? `http://${DEFAULTS.host}:${DEFAULTS.ports.sqs}`,
      apiEndpoint: options.apiEndpoint ?? `http://${DEFAULTS.host}:${DEFAULTS.ports.api}`,
    }),
    ...options.identities,
  };
}

function unknownTypes(resources: ResourceModel[]): TemplateModel['unknownTypes'] {
  const unknown = new Map<string, string[]>();
  for (const r of resources)
    if (r.kind === 'unknown') unknown.set(r.type, [...(unknown.get(r.type) ?? []), r.logicalId]);
  return [...unknown].map(([type, logicalIds]) => ({ type, logicalIds }));
}

/** The one warning to print at start for the types the runtime neither plays nor records. */
export function unknownTypesWarning(model: TemplateModel): string | undefined {
  if (model.unknownTypes.length === 0) return undefined;
  const list = model.unknownTypes.map((u) => `${u.type} (${u.logicalIds.join(', ')})`).join('; ');
  return `warning: the local runtime does not play these resource types, which are ignored: ${list}`;
}
