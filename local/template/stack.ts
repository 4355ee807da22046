// The stack's own identity: its name, region, account, and the id CloudFormation would give it,
// derived from the name so that a restart finds the same stack (and the same names) again.
import { arn, DEFAULTS } from '../config/index.js';
import { stableId } from './identity.js';
import type { LoadOptions, StackInfo } from './types.js';

export function stackInfo(options: LoadOptions): StackInfo {
  const stackName = options.stackName ?? DEFAULTS.stackName;
  const region = options.region ?? DEFAULTS.region;
  const accountId = options.accountId ?? DEFAULTS.accountId;
  const partition = 'aws';
  return {
    stackName,
    region,
    accountId,
    partition,
    urlSuffix: 'amazonaws.com',
    stackId: arn(
      'cloudformation',
      region,
      accountId,
      `stack/${stackName}/${stackUuid(stackName)}`,
      partition,
    ),
  };
}

/** What Ref answers for AWS::Region and the other pseudo parameters. */
export function pseudoParameters(stack: StackInfo): Record<string, string> {
  return {
    'AWS::Region': stack.region,
    'AWS::AccountId': stack.accountId,
    'AWS::StackName': stack.stackName,
    'AWS::StackId': stack.stackId,
    'AWS::Partition': stack.partition,
    'AWS::URLSuffix': stack.urlSuffix,
  };
}

/** 32 hex digits in the 8-4-4-4-12 shape of a stack id's last part. */
function stackUuid(stackName: string): string {
  const hex = stableId(stackName, 32, '0123456789abcdef');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
