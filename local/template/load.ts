// Loads a CloudFormation template and resolves it to the local stack: parameters, conditions,
// every resource's properties in dependency order, and the outputs, with Ref and Fn::GetAtt
// answered by each resource type's local identity (identity.ts).
import { readFile } from 'node:fs/promises';
import { dirname, resolve as resolvePath } from 'node:path';
import { arn, DEFAULTS } from '../config/index.js';
import { coerceProperties } from './coerce.js';
import { TemplateError } from './errors.js';
import { builtinIdentities, classify, generatedName, stableId, unknownIdentity } from './identity.js';
import { NO_VALUE, resolve, type Scope } from './intrinsics.js';
import { dependencyOrder, references } from './order.js';
import { resolveParameters } from './parameters.js';
import { parseTemplate } from './parse.js';
import type { LoadOptions, OutputModel, ResourceModel, StackInfo, TemplateModel } from './types.js';

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

function section(raw: Raw, name: string): Record<string, Raw> {
  const value = raw[name] ?? {};
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new TemplateError(name, 'expected a map');
  return value as Record<string, Raw>;
}

export function resolveTemplate(
  template: unknown,
  options: LoadOptions & { baseDir: string },
): TemplateModel {
  if (template === null || typeof template !== 'object' || Array.isArray(template))
    throw new TemplateError('', 'the template is not a map');
  const raw = template as Raw;
  if (raw.Transform !== undefined)
    throw new TemplateError(
      'Transform',
      `${JSON.stringify(raw.Transform)} is not supported locally`,
      'NotSupportedLocally',
    );
  const declared = section(raw, 'Resources');
  if (Object.keys(declared).length === 0)
    throw new TemplateError('Resources', 'at least one resource is required');

  const stackName = options.stackName ?? DEFAULTS.stackName;
  const region = options.region ?? DEFAULTS.region;
  const accountId = options.accountId ?? DEFAULTS.accountId;
  const stackUuid = stableId(stackName, 32, '0123456789abcdef');
  const partition = 'aws';
  const stack: StackInfo = {
    stackName,
    region,
    accountId,
    partition,
    urlSuffix: 'amazonaws.com',
    stackId: arn(
      'cloudformation',
      region,
      accountId,
      `stack/${stackName}/${stackUuid.slice(0, 8)}-${stackUuid.slice(8, 12)}-${stackUuid.slice(12, 16)}-${stackUuid.slice(16, 20)}-${stackUuid.slice(20)}`,
      partition,
    ),
  };
  const parameters = resolveParameters(raw.Parameters, options.parameterOverrides ?? {});
  const identities = {
    ...builtinIdentities({
      sqsEndpoint: options.sqsEndpoint ?? `http://${DEFAULTS.host}:${DEFAULTS.ports.sqs}`,
      apiEndpoint: options.apiEndpoint ?? `http://${DEFAULTS.host}:${DEFAULTS.ports.api}`,
    }),
    ...options.identities,
  };

  const conditionDecls = section(raw, 'Conditions');
  const conditions: Record<string, boolean> = {};
  const evaluating = new Set<string>();
  const resolved = new Map<string, ResourceModel>();
  const excluded = new Map<string, string>();

  const scope: Scope = {
    parameters,
    pseudo: {
      'AWS::Region': region,
      'AWS::AccountId': accountId,
      'AWS::StackName': stackName,
      'AWS::StackId': stack.stackId,
      'AWS::Partition': stack.partition,
      'AWS::URLSuffix': stack.urlSuffix,
    },
    mappings: section(raw, 'Mappings'),
    condition(name, path) {
      if (name in conditions) return conditions[name]!;
      if (!(name in conditionDecls)) throw new TemplateError(path, `unknown condition ${name}`);
      if (evaluating.has(name))
        throw new TemplateError(`Conditions.${name}`, 'the condition refers to itself');
      evaluating.add(name);
      const value = resolve(conditionDecls[name], `Conditions.${name}`, scope);
      if (typeof value !== 'boolean')
        throw new TemplateError(
          `Conditions.${name}`,
          'expected Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition',
        );
      evaluating.delete(name);
      return (conditions[name] = value);
    },
    ref(id, path, shown) {
      return resource(id, path, shown)?.ref;
    },
    getAtt(id, attribute, path, shown) {
      const found = resource(id, path, shown);
      if (!found) throw new TemplateError(path, `${shown}: unknown resource ${id}`);
      if (attribute in found.attributes) return found.attributes[attribute];
      throw new TemplateError(
        path,
        found.kind === 'unknown'
          ? `${shown}: ${found.type} is not known locally, so its attribute ${attribute} has no local value`
          : `${shown}: ${found.type} has no attribute ${attribute}`,
      );
    },
  };

  function resource(id: string, path: string, shown: string): ResourceModel | undefined {
    const cond = excluded.get(id);
    if (cond !== undefined)
      throw new TemplateError(path, `${shown}: ${id} is not created (its Condition ${cond} is false)`);
    if (!(id in declared)) return undefined;
    const found = resolved.get(id);
    if (!found) throw new TemplateError(path, `${shown}: ${id} is not resolved yet (missing dependency)`);
    return found;
  }

  for (const name of Object.keys(conditionDecls)) scope.condition(name, `Conditions.${name}`);

  const graph = new Map<string, string[]>();
  for (const [id, decl] of Object.entries(declared)) {
    const path = `Resources.${id}`;
    if (decl === null || typeof decl !== 'object' || typeof decl.Type !== 'string')
      throw new TemplateError(path, 'Type is required');
    if (decl.Condition !== undefined) {
      if (typeof decl.Condition !== 'string')
        throw new TemplateError(`${path}.Condition`, 'expected a condition name');
      if (!scope.condition(decl.Condition, `${path}.Condition`)) {
        excluded.set(id, decl.Condition);
        continue;
      }
    }
    const dependsOn = decl.DependsOn === undefined ? [] : [decl.DependsOn].flat();
    for (const dep of dependsOn)
      if (typeof dep !== 'string' || !(dep in declared))
        throw new TemplateError(`${path}.DependsOn`, `unknown resource ${String(dep)}`);
    const refs = [...references(decl.Properties)].filter((name) => name in declared && name !== id);
    graph.set(id, [...new Set([...(dependsOn as string[]), ...refs])]);
  }
  for (const [id, deps] of graph) {
    const dropped = [declared[id]!.DependsOn ?? []].flat().find((dep) => excluded.has(dep as string));
    if (dropped !== undefined)
      throw new TemplateError(
        `Resources.${id}.DependsOn`,
        `${String(dropped)} is not created (its Condition ${excluded.get(dropped as string)} is false)`,
      );
    graph.set(
      id,
      deps.filter((dep) => graph.has(dep)),
    );
  }

  for (const id of dependencyOrder(graph)) {
    const decl = declared[id]!;
    const type = decl.Type as string;
    const path = `Resources.${id}.Properties`;
    const value = resolve(decl.Properties ?? {}, path, scope);
    if (value === NO_VALUE || value === null || typeof value !== 'object' || Array.isArray(value))
      throw new TemplateError(path, 'expected a map');
    const properties = value as Record<string, unknown>;
    coerceProperties(type, properties, path);
    const kind = classify(type);
    const hook = identities[type] ?? unknownIdentity;
    const identity = hook({
      logicalId: id,
      type,
      properties,
      generatedName: generatedName(stackName, id),
      stack,
    });
    resolved.set(id, {
      logicalId: id,
      type,
      kind,
      properties,
      dependsOn: graph.get(id)!,
      ...(typeof decl.Condition === 'string' ? { condition: decl.Condition } : {}),
      ref: identity.ref,
      attributes: identity.attributes,
    });
  }

  const outputs: Record<string, OutputModel> = {};
  for (const [name, decl] of Object.entries(section(raw, 'Outputs'))) {
    const path = `Outputs.${name}`;
    if (typeof decl.Condition === 'string' && !scope.condition(decl.Condition, `${path}.Condition`)) continue;
    if (decl.Value === undefined) throw new TemplateError(path, 'Value is required');
    const output: OutputModel = { value: resolve(decl.Value, `${path}.Value`, scope) };
    if (typeof decl.Description === 'string') output.description = decl.Description;
    const exported = (decl.Export as Raw | undefined)?.Name;
    if (exported !== undefined) output.exportName = String(resolve(exported, `${path}.Export.Name`, scope));
    outputs[name] = output;
  }

  const resources = [...resolved.values()];
  const unknown = new Map<string, string[]>();
  for (const r of resources)
    if (r.kind === 'unknown') unknown.set(r.type, [...(unknown.get(r.type) ?? []), r.logicalId]);
  return {
    baseDir: options.baseDir,
    stack,
    ...(typeof raw.Description === 'string' ? { description: raw.Description } : {}),
    parameters,
    conditions,
    resources,
    excluded: [...excluded.keys()],
    outputs,
    unknownTypes: [...unknown].map(([type, logicalIds]) => ({ type, logicalIds })),
  };
}

/** The one warning to print at start for the types the runtime neither plays nor records. */
export function unknownTypesWarning(model: TemplateModel): string | undefined {
  if (model.unknownTypes.length === 0) return undefined;
  const list = model.unknownTypes.map((u) => `${u.type} (${u.logicalIds.join(', ')})`).join('; ');
  return `warning: the local runtime does not play these resource types, which are ignored: ${list}`;
}
