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
