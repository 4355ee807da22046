// Every AWS::SQS::Queue of the template, created through the SQS API with the real SDK, as
// CloudFormation's SQS provider does: properties become queue attributes, Tags become tags.
// On a durable store the queue may already exist from an earlier run: then its attributes are
// brought up to date (CloudFormation's update), except FifoQueue, which SQS cannot change.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html
import {
  CreateQueueCommand,
  GetQueueUrlCommand,
  SetQueueAttributesCommand,
  TagQueueCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { TemplateError, type ResourceModel } from '../template/index.js';

// Property -> queue attribute. Every other property but QueueName and Tags is refused by name.
const ATTRIBUTES = [
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'DelaySeconds',
  'FifoQueue',
  'FifoThroughputLimit',
  'KmsDataKeyReusePeriodSeconds',
  'KmsMasterKeyId',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'RedriveAllowPolicy',
  'RedrivePolicy',
  'SqsManagedSseEnabled',
  'VisibilityTimeout',
];

export interface QueueSpec {
  logicalId: string;
  name: string;
  url: string;
  arn: string;
  attributes: Record<string, string>;
  tags: Record<string, string>;
}

export function queueSpec(resource: ResourceModel): QueueSpec {
  const path = `Resources.${resource.logicalId}.Properties`;
  const attributes: Record<string, string> = {};
  let tags: Record<string, string> = {};
  for (const [property, value] of Object.entries(resource.properties)) {
    if (property === 'QueueName') continue;
    if (property === 'Tags') {
      tags = tagMap(value, `${path}.Tags`);
      continue;
    }
    if (!ATTRIBUTES.includes(property))
      throw new TemplateError(`${path}.${property}`, 'is not a property of AWS::SQS::Queue');
    // Policies are JSON objects in the template and JSON strings in the SQS API.
    attributes[property] =
      typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  }
  const name = String(resource.attributes.QueueName);
  return {
    logicalId: resource.logicalId,
    name,
    url: resource.ref,
    arn: String(resource.attributes.Arn),
    attributes,
    tags,
  };
}

function tagMap(value: unknown, path: string): Record<string, string> {
  if (!Array.isArray(value)) throw new TemplateError(path, 'expected a list of { Key, Value }');
  const tags: Record<string, string> = {};
  for (const [i, tag] of value.entries()) {
    const { Key: key, Value: v } = (tag ?? {}) as { Key?: unknown; Value?: unknown };
    if (typeof key !== 'string') throw new TemplateError(`${path}.${i}.Key`, 'expected a string');
    tags[key] = String(v ?? '');
  }
  return tags;
}

/** Creates (or updates) one queue; answers its URL as SQS gives it. */
export async function createQueue(sqs: SQSClient, spec: QueueSpec): Promise<string> {
  const where = `Resources.${spec.logicalId}`;
  const tags = Object.keys(spec.tags).length > 0 ? { tags: spec.tags } : {};
  try {
    const created = await sqs.send(
      new CreateQueueCommand({ QueueName: spec.name, Attributes: spec.attributes, ...tags }),
    );
    return created.QueueUrl ?? spec.url;
  } catch (error) {
    if ((error as Error).name !== 'QueueNameExists' && (error as Error).name !== 'QueueAlreadyExists')
      throw new TemplateError(where, `CreateQueue ${spec.name}: ${(error as Error).message}`);
  }
  // Kept from an earlier run with other attributes: update it, as a stack update would.
  try {
    const { QueueUrl: url } = await sqs.send(new GetQueueUrlCommand({ QueueName: spec.name }));
    const { FifoQueue: _fifo, ...mutable } = spec.attributes;
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: mutable }));
    if (tags.tags) await sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: tags.tags }));
    return url ?? spec.url;
  } catch (error) {
    throw new TemplateError(where, `updating the existing queue ${spec.name}: ${(error as Error).message}`);
  }
}
