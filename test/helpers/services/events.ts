import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2, SQSEvent, SQSRecord } from 'aws-lambda';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8')) as T;

export interface ApiEventOptions {
  /** e.g. "POST /messages/batch"; sets routeKey, method and path together. */
  route?: string;
  headers?: Record<string, string>;
  /** Drop these headers (lower-case names) from the fixture's. */
  without?: string[];
  base64?: boolean;
  /** Leave routeKey out, as some gateways do, so routing falls back to method and path. */
  noRouteKey?: boolean;
}

/** A real HTTP API (payload 2.0) event around `body` (a string is sent as-is, anything else as JSON). */
export function apiEvent(body: unknown, options: ApiEventOptions = {}): APIGatewayProxyEventV2 {
  const event = fixture<APIGatewayProxyEventV2>('apigw-http-v2-post-messages.json');
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const [method, path] = (options.route ?? 'POST /messages').split(' ') as [string, string];
  event.routeKey = options.noRouteKey ? (undefined as unknown as string) : `${method} ${path}`;
  event.rawPath = path;
  event.requestContext.http.method = method;
  event.requestContext.http.path = path;
  event.requestContext.routeKey = event.routeKey;
  const headers: Record<string, string | undefined> = { ...event.headers, ...options.headers };
  for (const name of options.without ?? []) delete headers[name];
  if (text === undefined) {
    delete event.body;
    delete headers['content-length'];
  } else {
    event.body = options.base64 ? Buffer.from(text).toString('base64') : text;
    headers['content-length'] = String(Buffer.byteLength(text));
  }
  event.headers = headers;
  event.isBase64Encoded = options.base64 ?? false;
  return event;
}

export interface SqsRecordOptions {
  messageId?: string;
  receiveCount?: number;
  sentTimestamp?: number;
  /** String message attributes; undefined leaves the fixture's type and correlationId. */
  attributes?: Record<string, string>;
}

/** A real SQS event record around `body` (a string is sent as-is, anything else as JSON). */
export function sqsRecord(body: unknown, options: SqsRecordOptions = {}): SQSRecord {
  const [record] = fixture<SQSEvent>('sqs-event.json').Records as [SQSRecord];
  record.body = typeof body === 'string' ? body : JSON.stringify(body);
  if (options.messageId !== undefined) record.messageId = options.messageId;
  if (options.receiveCount !== undefined)
    record.attributes.ApproximateReceiveCount = String(options.receiveCount);
  if (options.sentTimestamp !== undefined) record.attributes.SentTimestamp = String(options.sentTimestamp);
  if (options.attributes !== undefined) {
    record.messageAttributes = {};
    for (const [name, value] of Object.entries(options.attributes)) {
      record.messageAttributes[name] = {
        stringValue: value,
        stringListValues: [],
        binaryListValues: [],
        dataType: 'String',
      };
    }
  }
  return record;
}

export function sqsEvent(...records: SQSRecord[]): SQSEvent {
  return { Records: records };
}
