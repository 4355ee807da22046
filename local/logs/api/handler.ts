import { randomUUID } from 'node:crypto';
import { InternalErrorLog } from '../../http/internal-errors.js';
import type { HttpHandler, HttpResponse } from '../../http/types.js';
import { scanBudget } from '../store/read.js';
import type { LogStore, ScanBudget } from '../store/types.js';
import type { LogsAction, LogsContext } from './context.js';
import { LogsError, type LogsErrorCode } from './errors.js';
import { filterLogEvents, getLogEvents, putLogEvents } from './events.js';
import {
  createLogGroup,
  deleteLogGroup,
  deleteRetentionPolicy,
  describeLogGroups,
  putRetentionPolicy,
} from './groups.js';
import type { Input } from './params.js';
import { createLogStream, deleteLogStream, describeLogStreams } from './streams.js';
import { jsonObjectBody } from '../../http/json-body.js';
import { DEFAULTS } from '../../config/index.js';

// The CloudWatch Logs API on AWS JSON 1.1: `X-Amz-Target: Logs_20140328.<Action>`, a JSON body.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/Welcome.html

const LOGS_TARGET_PREFIX = 'Logs_20140328.';
const JSON_TYPE = 'application/x-amz-json-1.1';

const ACTIONS = new Map<string, LogsAction>([
  ['CreateLogGroup', createLogGroup],
  ['DeleteLogGroup', deleteLogGroup],
  ['DescribeLogGroups', describeLogGroups],
  ['PutRetentionPolicy', putRetentionPolicy],
  ['DeleteRetentionPolicy', deleteRetentionPolicy],
  ['CreateLogStream', createLogStream],
  ['DeleteLogStream', deleteLogStream],
  ['DescribeLogStreams', describeLogStreams],
  ['GetLogEvents', getLogEvents],
  ['FilterLogEvents', filterLogEvents],
  ['PutLogEvents', putLogEvents],
]);

/** The HTTP status of each error: the service's own failure is a 500, every other code a 400. */
const STATUS: Readonly<Record<LogsErrorCode, number>> = {
  InvalidParameterException: 400,
  ResourceNotFoundException: 400,
  ResourceAlreadyExistsException: 400,
  UnknownOperationException: 400,
  SerializationException: 400,
  ServiceUnavailableException: 500,
};

export interface LogsHandlerOptions {
  store: LogStore;
  /** Default DEFAULTS.region. */
  region?: string;
  /** Default DEFAULTS.accountId, the account every local ARN carries. */
  accountId?: string;
  now?: () => number;
  /** The work one FilterLogEvents call may do before it answers with a nextToken: default 100 ms. */
  filterBudget?: Partial<ScanBudget>;
}

export function createLogsHandler(options: LogsHandlerOptions): HttpHandler {
  const ctx: LogsContext = {
    store: options.store,
    region: options.region ?? DEFAULTS.region,
    accountId: options.accountId ?? DEFAULTS.accountId,
    now: options.now ?? Date.now,
    filterBudget: () => scanBudget(options.filterBudget),
  };
  return (req) => {
    const requestId = randomUUID();
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      const action = target.startsWith(LOGS_TARGET_PREFIX)
        ? ACTIONS.get(target.slice(LOGS_TARGET_PREFIX.length))
        : undefined;
      if (action === undefined) {
        throw new LogsError(
          'UnknownOperationException',
          `Operation ${target || '(no X-Amz-Target)'} is not supported.`,
        );
      }
      return Promise.resolve(respond(200, action(ctx, parse(req.body)), requestId));
    } catch (error) {
      const e =
        error instanceof LogsError
          ? error
          : internal(error, requestId, String(req.headers['x-amz-target'] ?? ''));
      return Promise.resolve(respond(STATUS[e.code], { __type: e.code, message: e.message }, requestId));
    }
  };
}

function parse(body: Buffer): Input {
  return jsonObjectBody(body, (message) => new LogsError('SerializationException', message)) as Input;
}

function respond(status: number, body: unknown, requestId: string): HttpResponse {
  return {
    status,
    headers: { 'content-type': JSON_TYPE, 'x-amzn-requestid': requestId },
    body: JSON.stringify(body),
  };
}

const internalErrors = new InternalErrorLog('ferry logs');

function internal(error: unknown, requestId: string, target: string): LogsError {
  // A bug, not a bad request: one line on stderr (the stack once); the client sees a 500.
  internalErrors.report(requestId, target.slice(LOGS_TARGET_PREFIX.length), error);
  return new LogsError('ServiceUnavailableException', 'The service cannot complete the request.');
}
