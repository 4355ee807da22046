// The resources, as CloudFormation creates them: first the graph of what each waits for (its
// DependsOn and the resources its properties reference; those a false Condition drops are left
// out), then, in dependency order, each one's properties resolved and typed, and its identity.
import { coerceProperties } from './coerce.js';
import { TemplateError } from './errors.js';
import { classify, generatedName, unknownIdentity } from './identity.js';
import { NO_VALUE, resolve } from './intrinsics.js';
import { dependencyOrder, references } from './order.js';
import type { StackScope } from './scope.js';
import type { IdentityHook, ResourceModel } from './types.js';

type Raw = Record<string, unknown>;

/** Each created resource's dependencies; a resource its Condition drops goes to scope.excluded. */
export function dependencyGraph(declared: Record<string, Raw>, scope: StackScope): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [id, decl] of Object.entries(declared)) {
    const path = `Resources.${id}`;
    if (decl === null || typeof decl !== 'object' || typeof decl.Type !== 'string')
      throw new TemplateError(path, 'Type is required');
    if (decl.Condition !== undefined) {
      if (typeof decl.Condition !== 'string')
        throw new TemplateError(`${path}.Condition`, 'expected a condition name');
      if (!scope.condition(decl.Condition, `${path}.Condition`)) {
        scope.excluded.set(id, decl.Condition);
        continue;
      }
    }
    graph.set(id, dependencies(id, decl, declared));
  }
  dropExcluded(graph, declared, scope.excluded);
  return graph;
}

function dependencies(id: string, decl: Raw, declared: Record<string, Raw>): string[] {
  const dependsOn = decl.DependsOn === undefined ? [] : [decl.DependsOn].flat();
  for (const dep of dependsOn)
    if (typeof dep !== 'string' || !Object.hasOwn(declared, dep))
      throw new TemplateError(`Resources.${id}.DependsOn`, `unknown resource ${String(dep)}`);
  const refs = [...references(decl.Properties)].filter(
    (name) => Object.hasOwn(declared, name) && name !== id,
  );
  return [...new Set([...(dependsOn as string[]), ...refs])];
}

/**
 * Naming a dropped resource in DependsOn is an error; a reference to one is only taken out of the
 * graph, since it may sit in the branch of an Fn::If that is not taken (resolving names it if not).
 */
function dropExcluded(
  graph: Map<string, string[]>,
  declared: Record<string, Raw>,
  excluded: Map<string, string>,
): void {
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
}

/** Resolves every resource of the graph into scope.resolved, each after those it waits for. */
export function resolveResources(
  declared: Record<string, Raw>,
  graph: Map<string, string[]>,
  scope: StackScope,
  identities: Record<string, IdentityHook>,
): void {
  for (const id of dependencyOrder(graph))
    scope.resolved.set(id, resolveResource(id, declared[id]!, graph.get(id)!, scope, identities));
}

function resolveResource(
  id: string,
  decl: Raw,
  dependsOn: string[],
  scope: StackScope,
  identities: Record<string, IdentityHook>,
): ResourceModel {
  const type = decl.Type as string;
  const properties = resolveProperties(type, decl.Properties, `Resources.${id}.Properties`, scope);
  const kind = classify(type);
  const hook = identities[type] ?? unknownIdentity;
  const { stack } = scope;
  const identity = hook({
    logicalId: id,
    type,
    properties,
    generatedName: generatedName(stack.stackName, id),
    stack,
  });
  return {
    logicalId: id,
    type,
    kind,
    properties,
    dependsOn,
    condition: typeof decl.Condition === 'string' ? decl.Condition : undefined,
    ref: identity.ref,
    attributes: identity.attributes,
  };
}

/** Properties resolved, then typed as the resource type's schema types them. */
function resolveProperties(type: string, declared: unknown, path: string, scope: StackScope): Raw {
  const value = resolve(declared ?? {}, path, scope);
  if (value === NO_VALUE || value === null || typeof value !== 'object' || Array.isArray(value))
    throw new TemplateError(path, 'expected a map');
  const properties = value as Raw;
  coerceProperties(type, properties, path);
  return properties;
}
