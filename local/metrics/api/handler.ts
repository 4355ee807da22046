import { gunzipSync } from 'node:zlib';
import type { AlarmEvaluator } from '../alarms/evaluator.js';
import type { MetricStore } from '../store.js';
import { describeAlarms } from './describe-alarms.js';
import type { HttpHandler, HttpRequest, HttpResponse } from '../../http/types.js';
import { CloudWatchError, errorResponse } from './errors.js';
import { getMetricData } from './get-metric-data.js';
import { getMetricStatistics } from './get-metric-statistics.js';
import { listMetrics } from './list-metrics.js';
import { putMetricData } from './put-metric-data.js';
import type { Input } from './params.js';
import { jsonObjectBody } from '../../http/json-body.js';

export interface CloudWatchApiOptions {
  store: MetricStore;
  alarms?: AlarmEvaluator;
  /** Told about a request that failed with an internal error (the response says only InternalServiceError). */
  onError?: (error: unknown) => void;
}

const PREFIX = 'GraniteServiceVersion20100801.';

/**
 * Largest request CloudWatch takes, after decompression: PutMetricData's 1 MB, the largest of its
 * actions. https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html
 */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * The CloudWatch API as @aws-sdk/client-cloudwatch speaks it: AWS JSON 1.0, POST /,
 * `X-Amz-Target: GraniteServiceVersion20100801.<Action>`. Requests signed for `monitoring` come here.
 */
export function createCloudWatchHandler(options: CloudWatchApiOptions): HttpHandler {
  // A Map: the action name comes from the request, and `constructor` or `toString` must not
  // find Object.prototype's (#15.1: `GraniteServiceVersion20100801.constructor` echoed the body).
  const actions = new Map<string, (input: Input) => unknown>([
    ['GetMetricData', (i) => getMetricData(options.store, i)],
    ['GetMetricStatistics', (i) => getMetricStatistics(options.store, i)],
    ['ListMetrics', (i) => listMetrics(options.store, i)],
    ['DescribeAlarms', (i) => describeAlarms(options.alarms, i)],
    ['PutMetricData', (i) => putMetricData(options.store, i)],
  ]);
  return (req) => {
    if (target(req) === undefined && isQueryProtocol(req)) return Promise.resolve(queryProtocolRefusal());
    try {
      const requested = target(req) ?? '';
      const action = requested.startsWith(PREFIX) ? actions.get(requested.slice(PREFIX.length)) : undefined;
      if (req.method !== 'POST' || action === undefined) {
        throw new CloudWatchError(
          'InvalidAction',
          `The action ${requested.slice(PREFIX.length) || '(none)'} is not valid for this endpoint.`,
        );
      }
      const out = action(parseBody(req));
      return Promise.resolve({
        status: 200,
        headers: { 'content-type': 'application/x-amz-json-1.0' },
        body: JSON.stringify(out),
      });
    } catch (e) {
      if (e instanceof CloudWatchError) return Promise.resolve(errorResponse(e));
      options.onError?.(e);
      return Promise.resolve(
        errorResponse(new CloudWatchError('InternalServiceError', 'Internal service error.')),
      );
    }
  };
}

function header(req: HttpRequest, name: string): string | undefined {
  const v = req.headers[name] ?? req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function parseBody(req: HttpRequest): Input {
  let raw = req.body;
  // The SDK gzips PutMetricData bodies above 10 KB; inflating stops one byte past the limit, so a
  // small body that inflates to gigabytes costs 1 MB.
  if (header(req, 'content-encoding') === 'gzip') {
    try {
      raw = gunzipSync(raw, { maxOutputLength: MAX_REQUEST_BYTES + 1 });
    } catch (e) {
      if ((e as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
      throw new CloudWatchError('SerializationException', 'The request body is not valid gzip.');
    }
    if (raw.length > MAX_REQUEST_BYTES) throw tooLarge();
  } else if (raw.length > MAX_REQUEST_BYTES) {
    throw tooLarge(raw.length);
  }
  return jsonObjectBody(raw, (message) => new CloudWatchError('SerializationException', message)) as Input;
}

/** CloudWatch's answer to a body over the endpoint's own limit, which it never reads. */
export function cloudWatchTooLarge(req: HttpRequest): HttpResponse {
  return errorResponse(tooLarge(Number(req.headers['content-length']) || undefined));
}

/** CloudWatch's 413 (`Request size 45305 exceeded 40960 bytes`); an inflated size past the limit is not known. */
function tooLarge(size?: number): CloudWatchError {
  return new CloudWatchError(
    'RequestEntityTooLarge',
    `Request size ${size === undefined ? '' : `${size} `}exceeded ${MAX_REQUEST_BYTES} bytes`,
  );
}

/** A form body, or (the query protocol allows GET) an Action in the URL. */
function isQueryProtocol(req: HttpRequest): boolean {
  if (header(req, 'content-type')?.startsWith('application/x-www-form-urlencoded')) return true;
  const q = req.url.indexOf('?');
  return q !== -1 && new URLSearchParams(req.url.slice(q + 1)).has('Action');
}

function target(req: HttpRequest): string | undefined {
  return header(req, 'x-amz-target');
}

/**
 * Older clients (such as Debian's AWS CLI 2.9) speak CloudWatch's query protocol (form body, XML
 * answers). Only the JSON protocol is played: say so in the query protocol's own error shape, so
 * those clients print it.
 */
function queryProtocolRefusal(): HttpResponse {
  const message =
    "The local runtime answers CloudWatch in the AWS JSON 1.0 protocol only (X-Amz-Target), and this client sent the query protocol. Use a client that sends JSON: the project's @aws-sdk/client-cloudwatch, or a newer AWS CLI (the AWS CLI v1 installed here does).";
  return {
    status: 400,
    headers: { 'content-type': 'text/xml' },
    body:
      '<ErrorResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><Error><Type>Sender</Type>' +
      `<Code>InvalidAction</Code><Message>${message}</Message></Error><RequestId>local</RequestId></ErrorResponse>`,
  };
}
