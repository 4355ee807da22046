// The template's AWS::Lambda::EventSourceMapping resources, turned into what local/event-source takes.
// Only SQS sources are played; a mapping of another source stops start-up, naming it.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html
import type { FilterCriteria } from '../event-source/index.js';
import { TemplateError, type ResourceModel } from '../template/index.js';
import type { QueueSpec } from './queues.js';

export interface MappingSpec {
  logicalId: string;
  /** Logical id of the function it invokes. */
  functionId: string;
  queue: QueueSpec;
  batchSize?: number;
  maximumBatchingWindowInSeconds?: number;
  functionResponseTypes?: string[];
  maximumConcurrency?: number;
  filterCriteria?: FilterCriteria;
  enabled: boolean;
}

export function mappingSpecs(
  resources: ResourceModel[],
  queues: QueueSpec[],
  functions: Map<string, string>,
): MappingSpec[] {
  return resources
    .filter((r) => r.type === 'AWS::Lambda::EventSourceMapping')
    .map((r) => {
      const path = `Resources.${r.logicalId}.Properties`;
      const p = r.properties;
      const queue = queues.find((q) => q.arn === p.EventSourceArn);
      if (!queue)
        throw new TemplateError(
          `${path}.EventSourceArn`,
          `${String(p.EventSourceArn)}: only the template's own SQS queues can be event sources locally`,
        );
      // FunctionName takes a name, a function ARN, or a qualified ARN (:alias / :version).
      const name = String(p.FunctionName);
      const functionId = functions.get(name) ?? functions.get(name.replace(/:[^:]+$/, ''));
      if (functionId === undefined)
        throw new TemplateError(
          `${path}.FunctionName`,
          `${name}: no AWS::Lambda::Function of the template has this name or ARN`,
        );
      // Lambda refuses the mapping (InvalidParameterValueException) when a batch could become
      // visible again while the function still runs.
      const fnTimeout = resources.find((f) => f.logicalId === functionId)?.properties.Timeout;
      const timeout = typeof fnTimeout === 'number' ? fnTimeout : 3;
      const visibility = Number(queue.attributes.VisibilityTimeout ?? 30);
      if (visibility < timeout)
        throw new TemplateError(
          `${path}.EventSourceArn`,
          `Queue visibility timeout: ${visibility} seconds is less than Function timeout: ${timeout} seconds (${queue.logicalId} and ${functionId})`,
        );
      const spec: MappingSpec = { logicalId: r.logicalId, functionId, queue, enabled: p.Enabled !== false };
      if (typeof p.BatchSize === 'number') spec.batchSize = p.BatchSize;
      if (typeof p.MaximumBatchingWindowInSeconds === 'number')
        spec.maximumBatchingWindowInSeconds = p.MaximumBatchingWindowInSeconds;
      if (Array.isArray(p.FunctionResponseTypes))
        spec.functionResponseTypes = p.FunctionResponseTypes.map(String);
      const concurrency = (p.ScalingConfig as { MaximumConcurrency?: unknown } | undefined)
        ?.MaximumConcurrency;
      if (typeof concurrency === 'number') spec.maximumConcurrency = concurrency;
      if (p.FilterCriteria !== undefined) spec.filterCriteria = p.FilterCriteria as FilterCriteria;
      return spec;
    });
}

/**
 * AWS's rule for an SQS event source: the queue's visibility timeout at least six times the
 * function's timeout plus the batching window, or a message can come back while its batch still
 * runs (and, retried, reach the DLQ unprocessed). One warning per mapping that breaks it, naming
 * the parameters (or properties) that set the three values.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html#events-sqs-queueconfig
 */
export function visibilityWarnings(
  mappings: readonly MappingSpec[],
  resources: readonly ResourceModel[],
  template: unknown,
): string[] {
  const nameOf = sourceNames(template);
  return mappings.flatMap((m) => {
    const timeout = resources.find((f) => f.logicalId === m.functionId)?.properties.Timeout;
    const seconds = typeof timeout === 'number' ? timeout : 3;
    const window = m.maximumBatchingWindowInSeconds ?? 0;
    const visibility = Number(m.queue.attributes.VisibilityTimeout ?? 30);
    const least = 6 * seconds + window;
    if (visibility >= least) return [];
    const v = nameOf(m.queue.logicalId, 'VisibilityTimeout');
    const t = nameOf(m.functionId, 'Timeout');
    const w = nameOf(m.logicalId, 'MaximumBatchingWindowInSeconds');
    return [
      `warning: ${v} (${visibility} s) is less than 6 x ${t} (${seconds} s) + ${w} (${window} s) = ${least} s, ` +
        `the least AWS recommends for ${m.logicalId}: a message can become visible again while its batch still runs`,
    ];
  });
}

/** The parameter a resource's property takes its value from (`!Ref Name`), else the property's path. */
function sourceNames(template: unknown): (logicalId: string, property: string) => string {
  const raw = (template ?? {}) as { Resources?: Record<string, { Properties?: Record<string, unknown> }> };
  return (logicalId, property) => {
    const value = raw.Resources?.[logicalId]?.Properties?.[property] as { Ref?: unknown } | undefined;
    if (typeof value?.Ref === 'string') return value.Ref;
    return `${logicalId}.${property}`;
  };
}
