// Dependency order, as CloudFormation computes it: a resource waits for those named in its
// DependsOn and for those its properties reference (Ref, Fn::GetAtt, Fn::Sub). A cycle is an error.
import { TemplateError } from './errors.js';

/** Logical ids a value refers to (parameters and pseudo parameters included; the caller filters). */
export function references(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) references(item, out);
    return out;
  }
  if (value === null || typeof value !== 'object') return out;
  for (const [key, arg] of Object.entries(value)) {
    if (key === 'Ref' && typeof arg === 'string') out.add(arg);
    else if (key === 'Fn::GetAtt') {
      const id = Array.isArray(arg) ? arg[0] : typeof arg === 'string' ? arg.split('.')[0] : undefined;
      if (typeof id === 'string') out.add(id);
      if (Array.isArray(arg)) references(arg.slice(1), out);
    } else if (key === 'Fn::Sub') {
      const [template, vars] = Array.isArray(arg) ? arg : [arg, {}];
      const names = new Set(vars !== null && typeof vars === 'object' ? Object.keys(vars) : []);
      if (typeof template === 'string')
        for (const match of template.matchAll(/\$\{([^}!][^}]*)\}/g)) {
          const name = match[1]!.trim();
          if (!names.has(name)) out.add(name.split('.')[0]!);
        }
      references(vars, out);
    } else references(arg, out);
  }
  return out;
}

/** Kahn's algorithm, keeping the template's order among independent resources. */
export function dependencyOrder(graph: Map<string, string[]>): string[] {
  const order: string[] = [];
  const placed = new Set<string>();
  let remaining = [...graph.keys()];
  while (remaining.length > 0) {
    const ready = remaining.filter((id) => (graph.get(id) ?? []).every((dep) => placed.has(dep)));
    if (ready.length === 0)
      throw new TemplateError('Resources', `circular dependency: ${findCycle(graph, remaining)}`);
    for (const id of ready) {
      order.push(id);
      placed.add(id);
    }
    remaining = remaining.filter((id) => !placed.has(id));
  }
  return order;
}

function findCycle(graph: Map<string, string[]>, remaining: string[]): string {
  const stuck = new Set(remaining);
  const start = remaining[0]!;
  const path: string[] = [];
  let node = start;
  while (!path.includes(node)) {
    path.push(node);
    node = (graph.get(node) ?? []).find((dep) => stuck.has(dep)) ?? start;
  }
  return [...path.slice(path.indexOf(node)), node].join(' -> ');
}
