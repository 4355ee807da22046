import type { HttpRequest } from '../http/types.js';

// Which AWS service a request is for. First the service it is signed for (the SigV4 credential
// scope `<key>/<date>/<region>/<service>/aws4_request`, in the Authorization header or a presigned
// URL), then the protocol's own markers: the X-Amz-Target prefix (JSON), the path of Smithy RPC v2
// (`/service/<Name>/operation/<Op>`), and the query protocol's Version or Action.

/** Target prefixes and Smithy service names, by signing name. */
const BY_TARGET: ReadonlyMap<string, string> = new Map([
  ['AmazonSQS', 'sqs'],
  ['Logs_20140328', 'logs'],
  ['GraniteServiceVersion20100801', 'monitoring'],
]);

/** Query-protocol API versions. */
const BY_VERSION: ReadonlyMap<string, string> = new Map([
  ['2012-11-05', 'sqs'],
  ['2010-08-01', 'monitoring'],
  ['2010-05-15', 'cloudformation'],
]);

/** CloudWatch's query actions; any other Action is taken for SQS, the endpoint's first service. */
const MONITORING_ACTIONS = new Set([
  'PutMetricData',
  'GetMetricData',
  'GetMetricStatistics',
  'ListMetrics',
  'DescribeAlarms',
  'DescribeAlarmHistory',
  'DescribeAlarmsForMetric',
  'PutMetricAlarm',
  'DeleteAlarms',
  'SetAlarmState',
  'EnableAlarmActions',
  'DisableAlarmActions',
  'GetDashboard',
  'PutDashboard',
  'ListDashboards',
  'DeleteDashboards',
]);

const SCOPE = /Credential=[^/,\s]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/;
const QUERY_SCOPE =
  /(?:^|&)X-Amz-Credential=[^/&]+(?:\/|%2F)\d{8}(?:\/|%2F)[^/&%]+(?:\/|%2F)([^/&%]+)(?:\/|%2F)aws4_request/i;

export function serviceOf(req: HttpRequest): string | undefined {
  const auth = req.headers.authorization;
  const signed = typeof auth === 'string' ? SCOPE.exec(auth) : null;
  if (signed !== null) return signed[1];
  const q = req.url.indexOf('?');
  const query = q === -1 ? '' : req.url.slice(q + 1);
  const presigned = QUERY_SCOPE.exec(query);
  if (presigned !== null) return presigned[1];
  return markedService(req);
}

/** The service a request's protocol markers name (X-Amz-Target, Smithy path, Version, Action), if any. */
export function markedService(req: HttpRequest): string | undefined {
  const q = req.url.indexOf('?');
  const query = q === -1 ? '' : req.url.slice(q + 1);
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    const service = BY_TARGET.get(target.slice(0, target.indexOf('.')));
    if (service !== undefined) return service;
  }
  const smithy = /^\/service\/([^/]+)\/operation\//.exec(q === -1 ? req.url : req.url.slice(0, q));
  if (smithy !== null) return BY_TARGET.get(smithy[1]!);
  if (target !== undefined) return undefined;
  const form = new URLSearchParams(isForm(req) ? `${query}&${req.body.toString('utf8')}` : query);
  const version = form.get('Version');
  const byVersion = version === null ? undefined : BY_VERSION.get(version);
  if (byVersion !== undefined) return byVersion;
  const action = form.get('Action');
  if (action !== null) return MONITORING_ACTIONS.has(action) ? 'monitoring' : 'sqs';
  return undefined;
}

function isForm(req: HttpRequest): boolean {
  const type = req.headers['content-type'];
  return typeof type === 'string' && type.startsWith('application/x-www-form-urlencoded');
}
