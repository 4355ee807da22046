// API Gateway access logging for the local HTTP APIs: each request's access record written as one
// line in the stage's AccessLogSettings Format, to the log group its DestinationArn names.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
import type { AccessRecord } from '../gateway/index.js';
import type { ResourceModel } from '../template/index.js';

export interface AccessLogTarget {
  group: string;
  format: string;
}

/** The Stage's access log settings, or undefined when it has none (or no usable destination). */
export function accessLogTarget(stage: ResourceModel | undefined): AccessLogTarget | undefined {
  const settings = stage?.properties.AccessLogSettings as
    { DestinationArn?: unknown; Format?: unknown } | undefined;
  if (typeof settings?.DestinationArn !== 'string' || typeof settings.Format !== 'string') return undefined;
  // arn:aws:logs:<region>:<account>:log-group:<name>, sometimes with a trailing :*
  const group = settings.DestinationArn.split(':log-group:')[1]?.replace(/:\*$/, '');
  return group === undefined || group === '' ? undefined : { group, format: settings.Format };
}

type Values = Record<string, string | number | undefined>;

function contextValues(r: AccessRecord, apiId: string, stage: string): Values {
  return {
    requestId: r.requestId,
    extendedRequestId: r.requestId,
    'identity.sourceIp': r.ip,
    requestTime: r.requestTime,
    requestTimeEpoch: r.requestTimeEpoch,
    httpMethod: r.httpMethod,
    path: r.path,
    routeKey: r.routeKey,
    status: r.status,
    protocol: r.protocol,
    responseLength: r.responseLength,
    responseLatency: r.latency,
    integrationLatency: r.integrationLatency >= 0 ? r.integrationLatency : undefined,
    'integration.latency': r.integrationLatency >= 0 ? r.integrationLatency : undefined,
    integrationStatus: r.integrationStatus,
    'integration.status': r.integrationStatus,
    'integration.integrationStatus': r.integrationStatus,
    integrationErrorMessage: r.integrationError,
    'integration.error': r.integrationError,
    'error.message': r.error,
    'error.messageString': r.error === undefined ? undefined : JSON.stringify(r.error),
    apiId,
    stage,
    domainName: '',
  };
}

const VARIABLE = /\$context\.([A-Za-z0-9_.]+)/g;

/**
 * One access log line. A variable without a value is `-`, as API Gateway writes it; values are
 * escaped for a JSON string, so a JSON format stays JSON whatever a message holds.
 */
export function formatAccessLine(format: string, r: AccessRecord, apiId: string, stage: string): string {
  const values = contextValues(r, apiId, stage);
  return format.replace(VARIABLE, (whole, name: string) => {
    // The longest known name wins: `$context.status.` ends a sentence, it is not a variable.
    let key = name;
    let rest = '';
    while (!Object.hasOwn(values, key) && key.includes('.')) {
      rest = key.slice(key.lastIndexOf('.')) + rest;
      key = key.slice(0, key.lastIndexOf('.'));
    }
    if (!Object.hasOwn(values, key)) return '-';
    const value = values[key];
    const text = value === undefined || value === '' ? '-' : String(value);
    return JSON.stringify(text).slice(1, -1) + rest;
  });
}

/** The stream API Gateway writes an HTTP API stage's access log to. */
export function accessLogStream(apiId: string, stage: string): string {
  return `${apiId}_${stage}`;
}
