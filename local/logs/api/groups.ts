import type { LogsAction } from './context.js';
import { groupArn } from './context.js';
import { invalidParameter, LogsError, noGroup } from './errors.js';
import {
  decodeToken,
  encodeToken,
  GROUP_NAME,
  optionalInt,
  optionalString,
  requiredString,
  optionalToken,
} from './params.js';

// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html

/** The retention periods CloudWatch Logs accepts. */
const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

export const createLogGroup: LogsAction = (ctx, input) => {
  const name = requiredString(input, 'logGroupName', GROUP_NAME);
  if (ctx.store.createGroup(name) === 'exists') {
    throw new LogsError('ResourceAlreadyExistsException', 'The specified log group already exists');
  }
  return {};
};

export const deleteLogGroup: LogsAction = (ctx, input) => {
  if (ctx.store.deleteGroup(requiredString(input, 'logGroupName', GROUP_NAME)) === 'no-group')
    throw noGroup();
  return {};
};

export const putRetentionPolicy: LogsAction = (ctx, input) => {
  const name = requiredString(input, 'logGroupName', GROUP_NAME);
  const days = optionalInt(input, 'retentionInDays', 1, 3653);
  if (days === undefined || !RETENTION_DAYS.includes(days)) {
    throw invalidParameter(
      `1 validation error detected: Value '${days ?? 'null'}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`,
    );
  }
  if (ctx.store.setRetention(name, days) === 'no-group') throw noGroup();
  return {};
};

export const deleteRetentionPolicy: LogsAction = (ctx, input) => {
  if (ctx.store.setRetention(requiredString(input, 'logGroupName', GROUP_NAME), undefined) === 'no-group') {
    throw noGroup();
  }
  return {};
};

const isAfter = (v: unknown): v is { after: string } =>
  typeof v === 'object' && v !== null && typeof (v as { after?: unknown }).after === 'string';

export const describeLogGroups: LogsAction = (ctx, input) => {
  const prefix = optionalString(input, 'logGroupNamePrefix', GROUP_NAME);
  const contains = optionalString(input, 'logGroupNamePattern', GROUP_NAME);
  if (prefix !== undefined && contains !== undefined) {
    throw invalidParameter(
      'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.',
    );
  }
  const limit = optionalInt(input, 'limit', 1, 50) ?? 50;
  const after = decodeToken(optionalToken(input), isAfter)?.after;
  const page = ctx.store.groups({
    limit,
    prefix,
    contains,
    after,
  });
  const last = page.groups.at(-1);
  return {
    logGroups: page.groups.map((g) => ({
      logGroupName: g.name,
      creationTime: g.creationTime,
      retentionInDays: g.retentionInDays,
      metricFilterCount: 0,
      arn: `${groupArn(ctx, g.name)}:*`,
      storedBytes: g.storedBytes,
      logGroupClass: 'STANDARD',
      logGroupArn: groupArn(ctx, g.name),
    })),
    nextToken: page.more && last !== undefined ? encodeToken({ after: last.name }) : undefined,
  };
};
