import { compilePattern, FilterPatternError } from '../pattern/index.js';
import type { Cursor, GroupEvent, StoredEvent } from '../store/types.js';
import type { LogsAction } from './context.js';
import { badToken, invalidParameter, noGroup, noStream } from './errors.js';
import type { Input } from './params.js';
import {
  decodeToken,
  encodeToken,
  GROUP_NAME,
  groupOf,
  optionalBool,
  optionalInt,
  optionalString,
  optionalStrings,
  optionalTime,
  requiredString,
  STREAM_NAME,
  optionalToken,
} from './params.js';

// GetLogEvents, FilterLogEvents and PutLogEvents.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html

const HEAD: Cursor = { ts: Number.MIN_SAFE_INTEGER, id: 0 };
const TWO_HOURS = 2 * 3600_000;
const FOURTEEN_DAYS = 14 * 86_400_000;

/** `f/<ts>:<id>` reads forward after an event, `b/<ts>:<id>` backward before it. */
function streamToken(direction: 'f' | 'b', c: Cursor): string {
  return `${direction}/${c.ts}:${c.id}`;
}

function parseStreamToken(token: string): { direction: 'forward' | 'backward'; cursor: Cursor } {
  const m = /^([fb])\/(-?\d+):(\d+)$/.exec(token);
  const cursor = m === null ? undefined : { ts: Number(m[2]), id: Number(m[3]) };
  // A token the service could not have issued (digits past a safe integer) is refused, not echoed.
  if (m === null || !isCursor(cursor)) throw badToken();
  return { direction: m[1] === 'f' ? 'forward' : 'backward', cursor };
}

const cursorOf = (e: StoredEvent): Cursor => ({ ts: e.timestamp, id: e.id });
const eventId = (e: StoredEvent) => String(e.id);

function timeRange(input: Input): { startTime?: number; endTime?: number } {
  const startTime = optionalTime(input, 'startTime');
  const endTime = optionalTime(input, 'endTime');
  return { startTime, endTime };
}

export const getLogEvents: LogsAction = (ctx, input) => {
  const group = groupOf(input);
  const stream = requiredString(input, 'logStreamName', STREAM_NAME);
  if (ctx.store.group(group) === undefined) throw noGroup();
  if (ctx.store.stream(group, stream) === undefined) throw noStream();
  const limit = optionalInt(input, 'limit', 1, 10_000) ?? 10_000;
  const token = optionalToken(input);
  const from = token !== undefined ? parseStreamToken(token) : undefined;
  const direction = from?.direction ?? (optionalBool(input, 'startFromHead') ? 'forward' : 'backward');
  const events = ctx.store.events(group, stream, {
    ...timeRange(input),
    direction,
    limit,
    cursor: from?.cursor,
  });
  const first = events[0];
  const last = events.at(-1);
  // At either end the token passed in comes back: that is how a reader knows it reached the end.
  const here = from?.cursor ?? HEAD;
  return {
    events: events.map((e) => ({
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.ingestionTime,
    })),
    nextForwardToken: streamToken('f', last !== undefined ? cursorOf(last) : here),
    nextBackwardToken: streamToken('b', first !== undefined ? cursorOf(first) : here),
  };
};

const isCursor = (v: unknown): v is Cursor =>
  typeof v === 'object' &&
  v !== null &&
  Number.isSafeInteger((v as Cursor).ts) &&
  Number.isSafeInteger((v as Cursor).id);

export const filterLogEvents: LogsAction = (ctx, input) => {
  const group = groupOf(input);
  const streams = optionalStrings(input, 'logStreamNames');
  const streamPrefix = optionalString(input, 'logStreamNamePrefix', STREAM_NAME);
  if (streams !== undefined && streamPrefix !== undefined) {
    throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
  }
  const pattern = input['filterPattern'];
  if (pattern !== undefined && pattern !== null && typeof pattern !== 'string') {
    throw invalidParameter('filterPattern must be a string');
  }
  let match;
  try {
    match = pattern ? compilePattern(pattern) : undefined;
  } catch (error) {
    if (error instanceof FilterPatternError) throw invalidParameter(error.message);
    throw error;
  }
  const limit = optionalInt(input, 'limit', 1, 10_000) ?? 10_000;
  const after = decodeToken(optionalToken(input), isCursor);
  if (ctx.store.group(group) === undefined) throw noGroup();
  const page = ctx.store.filter(group, {
    ...timeRange(input),
    limit,
    streams,
    streamPrefix,
    match,
    after,
    budget: ctx.filterBudget(),
  });
  return {
    events: page.events.map((e: GroupEvent) => ({
      logStreamName: e.logStreamName,
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.ingestionTime,
      eventId: eventId(e),
    })),
    // No longer filled in by CloudWatch Logs since 2020: always an empty list.
    searchedLogStreams: [],
    // Also when the call's budget ran out first: fewer events than the limit, even none, and a token
    // to go on from, as CloudWatch Logs answers a long search; clients loop until no token comes.
    nextToken: page.next !== undefined ? encodeToken(page.next) : undefined,
  };
};

interface InputEvent {
  timestamp: number;
  message: string;
}

function eventsOf(input: Input): InputEvent[] {
  const value = input['logEvents'];
  if (!Array.isArray(value) || value.length < 1 || value.length > 10_000) {
    throw invalidParameter(
      `1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length between 1 and 10000`,
    );
  }
  return value.map((e: unknown, i) => {
    const { timestamp, message } = (e ?? {}) as Record<string, unknown>;
    if (
      typeof timestamp !== 'number' ||
      !Number.isSafeInteger(timestamp) ||
      typeof message !== 'string' ||
      message === ''
    ) {
      throw invalidParameter(`logEvents[${i}] needs an integer timestamp and a non-empty message`);
    }
    return { timestamp, message };
  });
}

export const putLogEvents: LogsAction = (ctx, input) => {
  const group = requiredString(input, 'logGroupName', GROUP_NAME);
  const stream = requiredString(input, 'logStreamName', STREAM_NAME);
  const events = eventsOf(input);
  for (let i = 1; i < events.length; i++) {
    if (events[i]!.timestamp < events[i - 1]!.timestamp) {
      throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
    }
  }
  const info = ctx.store.group(group);
  if (info === undefined) throw noGroup();
  if (ctx.store.stream(group, stream) === undefined) throw noStream();
  const now = ctx.now();
  const expiredBefore =
    info.retentionInDays !== undefined ? now - info.retentionInDays * 86_400_000 : -Infinity;
  const tooOld = events.findLastIndex((e) => e.timestamp < now - FOURTEEN_DAYS);
  const expired = events.findLastIndex((e) => e.timestamp < expiredBefore);
  const tooNew = events.findIndex((e) => e.timestamp > now + TWO_HOURS);
  const kept = events.filter((_, i) => i > tooOld && i > expired && (tooNew === -1 || i < tooNew));
  if (kept.length > 0) {
    ctx.store.append(group, stream, kept);
    ctx.store.flush();
  }
  const rejected = {
    ...(tooNew !== -1 ? { tooNewLogEventStartIndex: tooNew } : {}),
    ...(tooOld !== -1 ? { tooOldLogEventEndIndex: tooOld } : {}),
    ...(expired !== -1 ? { expiredLogEventEndIndex: expired } : {}),
  };
  return {
    nextSequenceToken: String(now).padStart(56, '0'),
    rejectedLogEventsInfo: Object.keys(rejected).length > 0 ? rejected : undefined,
  };
};
