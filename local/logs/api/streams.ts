import type { LogsAction } from './context.js';
import { groupArn } from './context.js';
import { invalidParameter, LogsError, noGroup, noStream } from './errors.js';
import type { Input } from './params.js';
import {
  decodeToken,
  encodeToken,
  GROUP_NAME,
  groupOf,
  optionalBool,
  optionalInt,
  optionalString,
  requiredString,
  STREAM_NAME,
  optionalToken,
} from './params.js';

// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogStreams.html

export const createLogStream: LogsAction = (ctx, input) => {
  const result = ctx.store.createStream(
    requiredString(input, 'logGroupName', GROUP_NAME),
    requiredString(input, 'logStreamName', STREAM_NAME),
  );
  if (result === 'no-group') throw noGroup();
  if (result === 'exists')
    throw new LogsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
  return {};
};

export const deleteLogStream: LogsAction = (ctx, input) => {
  const result = ctx.store.deleteStream(
    requiredString(input, 'logGroupName', GROUP_NAME),
    requiredString(input, 'logStreamName', STREAM_NAME),
  );
  if (result === 'no-group') throw noGroup();
  if (result === 'no-stream') throw noStream();
  return {};
};

const isOffset = (v: unknown): v is { offset: number } =>
  typeof v === 'object' && v !== null && Number.isInteger((v as { offset?: unknown }).offset);

function orderOf(input: Input): 'LogStreamName' | 'LastEventTime' {
  const orderBy = optionalString(input, 'orderBy') ?? 'LogStreamName';
  if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') {
    throw invalidParameter(
      `1 validation error detected: Value '${orderBy}' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]`,
    );
  }
  return orderBy;
}

export const describeLogStreams: LogsAction = (ctx, input) => {
  const group = groupOf(input);
  const orderBy = orderOf(input);
  const prefix = optionalString(input, 'logStreamNamePrefix', STREAM_NAME);
  if (orderBy === 'LastEventTime' && prefix !== undefined) {
    throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
  }
  const limit = optionalInt(input, 'limit', 1, 50) ?? 50;
  const offset = decodeToken(optionalToken(input), isOffset)?.offset ?? 0;
  const page = ctx.store.streams(group, {
    orderBy,
    descending: optionalBool(input, 'descending') ?? false,
    offset,
    limit,
    prefix,
  });
  if (page === undefined) throw noGroup();
  return {
    logStreams: page.streams.map((s) => ({
      logStreamName: s.name,
      creationTime: s.creationTime,
      firstEventTimestamp: s.firstEventTimestamp,
      lastEventTimestamp: s.lastEventTimestamp,
      lastIngestionTime: s.lastIngestionTime,
      arn: `${groupArn(ctx, group)}:log-stream:${s.name}`,
      // Deprecated by CloudWatch Logs in 2019 and always reported as zero.
      storedBytes: 0,
    })),
    nextToken: page.more ? encodeToken({ offset: offset + limit }) : undefined,
  };
};
