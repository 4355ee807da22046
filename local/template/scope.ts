// The scope intrinsics resolve in (intrinsics.ts's Scope): parameters, pseudo parameters and
// mappings, the conditions (each evaluated once, when first needed), and the resources resolved
// so far, whose identities Ref and Fn::GetAtt answer.
import { TemplateError } from './errors.js';
import { resolve, type Scope } from './intrinsics.js';
import { pseudoParameters } from './stack.js';
import type { ResourceModel, StackInfo } from './types.js';

type Raw = Record<string, unknown>;

export class StackScope implements Scope {
  readonly pseudo: Record<string, string>;
  /** Each condition's value, in the order they were evaluated. */
  readonly conditions: Record<string, boolean> = {};
  /** Resolved resources by logical id, in dependency order. */
  readonly resolved = new Map<string, ResourceModel>();
  /** Resources dropped by a false Condition, with that condition's name. */
  readonly excluded = new Map<string, string>();
  private readonly evaluating = new Set<string>();

  constructor(
    readonly stack: StackInfo,
    readonly parameters: Record<string, string | string[]>,
    readonly mappings: Record<string, unknown>,
    private readonly declaredConditions: Record<string, Raw>,
    private readonly declaredResources: Record<string, Raw>,
  ) {
    this.pseudo = pseudoParameters(stack);
  }

  /** Evaluates every declared condition, so that a broken one fails even when nothing uses it. */
  evaluateConditions(): void {
    for (const name of Object.keys(this.declaredConditions)) this.condition(name, `Conditions.${name}`);
  }

  condition(name: string, path: string): boolean {
    if (Object.hasOwn(this.conditions, name)) return this.conditions[name]!;
    if (!Object.hasOwn(this.declaredConditions, name))
      throw new TemplateError(path, `unknown condition ${name}`);
    const at = `Conditions.${name}`;
    if (this.evaluating.has(name)) throw new TemplateError(at, 'the condition refers to itself');
    this.evaluating.add(name);
    const value = resolve(this.declaredConditions[name], at, this);
    if (typeof value !== 'boolean')
      throw new TemplateError(at, 'expected Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition');
    this.evaluating.delete(name);
    return (this.conditions[name] = value);
  }

  ref(logicalId: string, path: string, shown: string): string | undefined {
    return this.resource(logicalId, path, shown)?.ref;
  }

  getAtt(logicalId: string, attribute: string, path: string, shown: string): unknown {
    const found = this.resource(logicalId, path, shown);
    if (!found) throw new TemplateError(path, `${shown}: unknown resource ${logicalId}`);
    if (Object.hasOwn(found.attributes, attribute)) return found.attributes[attribute];
    throw new TemplateError(
      path,
      found.kind === 'unknown'
        ? `${shown}: ${found.type} is not known locally, so its attribute ${attribute} has no local value`
        : `${shown}: ${found.type} has no attribute ${attribute}`,
    );
  }

  /** The resolved resource; undefined when the template declares no such resource. */
  private resource(id: string, path: string, shown: string): ResourceModel | undefined {
    const condition = this.excluded.get(id);
    if (condition !== undefined)
      throw new TemplateError(path, `${shown}: ${id} is not created (its Condition ${condition} is false)`);
    if (!Object.hasOwn(this.declaredResources, id)) return undefined;
    const found = this.resolved.get(id);
    if (!found) throw new TemplateError(path, `${shown}: ${id} is not resolved yet (missing dependency)`);
    return found;
  }
}
