// What Ref and Fn::GetAtt answer for each resource when the stack runs locally: the local queue's
// URL, the function's name and ARN, the local API's URL... Callers can replace any type's hook.
// Names follow CloudFormation: the Name property when given, else `<stack>-<LogicalId>-<SUFFIX>`,
// with a suffix hashed from stack and logical id so names (and queues) survive restarts.
import { createHash } from 'node:crypto';
import { arn, functionArn, queueArn, queueUrl } from '../config/index.js';
import type { IdentityHook, IdentityInput, ResourceClass, StackInfo } from './types.js';

const PLAYED_TYPES = [
  'AWS::SQS::Queue',
  'AWS::Lambda::Function',
  'AWS::Lambda::EventSourceMapping',
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Stage',
];

const RECORDED_TYPES = [
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::Lambda::Permission',
  'AWS::Logs::LogGroup',
  'AWS::CloudWatch::Alarm',
  'AWS::CloudWatch::Dashboard',
  'AWS::SNS::Topic',
  'AWS::SNS::Subscription',
  'AWS::SQS::QueuePolicy',
];

export function classify(type: string): ResourceClass {
  if (PLAYED_TYPES.includes(type)) return 'played';
  return RECORDED_TYPES.includes(type) ? 'recorded' : 'unknown';
}

const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Deterministic stand-in for CloudFormation's random suffixes and ids. */
export function stableId(seed: string, length: number, alphabet = ALPHANUM): string {
  const bytes = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[(bytes[i % bytes.length] ?? 0) % alphabet.length];
  return out;
}

export function generatedName(stackName: string, logicalId: string): string {
  return `${stackName}-${logicalId}-${stableId(`${stackName}/${logicalId}`, 12)}`;
}

function stableUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const lower = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** An ARN in the stack's partition and account; IAM's are global (no region). */
const stackArn = (s: StackInfo, service: string, resource: string, region = s.region) =>
  arn(service, region, s.accountId, resource, s.partition);
const nameOr = (input: IdentityInput, property: string): string => {
  const given = input.properties[property];
  return typeof given === 'string' && given !== '' ? given : input.generatedName;
};
const seed = (input: IdentityInput) => `${input.stack.stackName}/${input.logicalId}`;

export interface EndpointOptions {
  sqsEndpoint: string;
  apiEndpoint: string;
}

export function builtinIdentities(endpoints: EndpointOptions): Record<string, IdentityHook> {
  return {
    'AWS::SQS::Queue': (input) => {
      const fifo = input.properties.FifoQueue === true;
      const name = nameOr(input, 'QueueName') + (fifo && !input.properties.QueueName ? '.fifo' : '');
      const { region, accountId, partition } = input.stack;
      // The same builder as local/sqs's answers, so Ref and GetQueueUrl cannot disagree.
      const url = queueUrl(endpoints.sqsEndpoint, accountId, name);
      const queue = queueArn(region, accountId, name, partition);
      return { ref: url, attributes: { Arn: queue, QueueName: name, QueueUrl: url } };
    },
    'AWS::Lambda::Function': (input) => {
      const name = nameOr(input, 'FunctionName');
      const { region, accountId, partition } = input.stack;
      return { ref: name, attributes: { Arn: functionArn(region, accountId, name, partition) } };
    },
    'AWS::Lambda::EventSourceMapping': (input) => {
      const id = stableUuid(seed(input));
      return {
        ref: id,
        attributes: {
          Id: id,
          EventSourceMappingArn: stackArn(input.stack, 'lambda', `event-source-mapping:${id}`),
        },
      };
    },
    'AWS::ApiGatewayV2::Api': (input) => {
      const id = stableId(seed(input), 10, lower);
      return { ref: id, attributes: { ApiId: id, ApiEndpoint: endpoints.apiEndpoint } };
    },
    'AWS::ApiGatewayV2::Route': (input) => idOnly(stableId(seed(input), 7, lower), 'RouteId'),
    'AWS::ApiGatewayV2::Integration': (input) => idOnly(stableId(seed(input), 7, lower), 'IntegrationId'),
    'AWS::ApiGatewayV2::Stage': (input) => ({ ref: nameOr(input, 'StageName'), attributes: {} }),
    'AWS::IAM::Role': (input) => {
      const name = nameOr(input, 'RoleName');
      const roleId = `AROA${stableId(seed(input), 17)}`;
      return {
        ref: name,
        attributes: { Arn: stackArn(input.stack, 'iam', `role/${name}`, ''), RoleId: roleId },
      };
    },
    'AWS::IAM::Policy': (input) => idOnly(stableId(seed(input), 12), 'Id'),
    'AWS::IAM::ManagedPolicy': (input) => {
      const policyArn = stackArn(input.stack, 'iam', `policy/${nameOr(input, 'ManagedPolicyName')}`, '');
      return { ref: policyArn, attributes: { PolicyArn: policyArn } };
    },
    'AWS::Lambda::Permission': (input) => ({ ref: input.generatedName, attributes: {} }),
    'AWS::Logs::LogGroup': (input) => {
      const name = nameOr(input, 'LogGroupName');
      return { ref: name, attributes: { Arn: stackArn(input.stack, 'logs', `log-group:${name}:*`) } };
    },
    'AWS::CloudWatch::Alarm': (input) => {
      const name = nameOr(input, 'AlarmName');
      return { ref: name, attributes: { Arn: stackArn(input.stack, 'cloudwatch', `alarm:${name}`) } };
    },
    'AWS::CloudWatch::Dashboard': (input) => ({ ref: nameOr(input, 'DashboardName'), attributes: {} }),
    'AWS::SNS::Topic': (input) => {
      const name = nameOr(input, 'TopicName');
      const topicArn = stackArn(input.stack, 'sns', name);
      return { ref: topicArn, attributes: { TopicArn: topicArn, TopicName: name } };
    },
    'AWS::SNS::Subscription': (input) => {
      const topic = typeof input.properties.TopicArn === 'string' ? input.properties.TopicArn : 'topic';
      return { ref: `${topic}:${stableUuid(seed(input))}`, attributes: {} };
    },
    'AWS::SQS::QueuePolicy': (input) => idOnly(stableId(seed(input), 12), 'Id'),
  };
}

function idOnly(id: string, attribute: string) {
  return { ref: id, attributes: { [attribute]: id } };
}

/** For a type the runtime does not know: its name as Ref, and an ARN-shaped Arn. */
export const unknownIdentity: IdentityHook = (input) => {
  const service = (input.type.split('::')[1] ?? 'unknown').toLowerCase();
  return {
    ref: input.generatedName,
    attributes: { Arn: stackArn(input.stack, service, input.generatedName) },
  };
};
