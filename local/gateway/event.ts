// Builds the payload format 2.0 event the way HTTP APIs do: header names lower-cased, repeated
// headers and query parameters joined with commas, cookies moved out of the headers, and a body
// that is base64-encoded unless its content type is text.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
import { randomBytes } from 'node:crypto';
import type { ApiGatewayEventV2 } from './types.js';
import { setOwn } from '../records.js';

export interface RequestFacts {
  method: string;
  /** The path as the client sent it, stage prefix included, query excluded. */
  rawPath: string;
  rawQueryString: string;
  /** node's rawHeaders: name, value, name, value, ... */
  rawHeaders: string[];
  sourceIp: string;
  localPort: number;
  body: Buffer;
  timeEpoch: number;
}

export interface EventContext {
  routeKey: string;
  stage: string;
  apiId: string;
  accountId: string;
  requestId: string;
  pathParameters?: Record<string, string>;
  stageVariables?: Record<string, string>;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TEXT_TYPE =
  /^(text\/|application\/(json|xml|javascript|ecmascript|x-javascript|graphql)\b|[^;]*\+(json|xml)\b)/i;

// Connection-level headers end at API Gateway's edge; the function never sees them.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** dd/MMM/yyyy:HH:mm:ss +0000, the form of $context.requestTime. */
export function requestTime(epochMs: number): string {
  const d = new Date(epochMs);
  return (
    `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`
  );
}

/** Request ids shaped like API Gateway's: 16 characters of base64. */
export function newRequestId(): string {
  return randomBytes(11).toString('base64').replace(/\+/g, 'A').replace(/\//g, 'B');
}

function traceId(epochMs: number): string {
  return `Root=1-${Math.floor(epochMs / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}

export function isTextContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && TEXT_TYPE.test(contentType);
}

function decodeQueryPart(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}

export function parseQuery(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const params: Record<string, string> = {};
  for (const pair of rawQueryString.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decodeQueryPart(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decodeQueryPart(pair.slice(eq + 1));
    setOwn(params, name, Object.hasOwn(params, name) ? `${params[name]},${value}` : value);
  }
  return params;
}

export function buildEvent(req: RequestFacts, ctx: EventContext): ApiGatewayEventV2 {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = (req.rawHeaders[i] as string).toLowerCase();
    const value = req.rawHeaders[i + 1] as string;
    if (HOP_BY_HOP.has(name)) continue;
    if (name === 'cookie') {
      for (const cookie of value.split(';')) if (cookie.trim() !== '') cookies.push(cookie.trim());
      continue;
    }
    setOwn(headers, name, Object.hasOwn(headers, name) ? `${headers[name]},${value}` : value);
  }
  // What API Gateway adds in front of the function.
  headers['x-amzn-trace-id'] ??= traceId(req.timeEpoch);
  headers['x-forwarded-for'] = headers['x-forwarded-for']
    ? `${headers['x-forwarded-for']}, ${req.sourceIp}`
    : req.sourceIp;
  headers['x-forwarded-port'] = String(req.localPort);
  headers['x-forwarded-proto'] = 'http';

  const domainName = (headers['host'] ?? 'localhost').replace(/:\d+$/, '');
  const text = isTextContentType(headers['content-type']);
  const body =
    req.body.length === 0 ? undefined : text ? req.body.toString('utf8') : req.body.toString('base64');
  return {
    version: '2.0',
    routeKey: ctx.routeKey,
    rawPath: req.rawPath,
    rawQueryString: req.rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(req.rawQueryString !== '' ? { queryStringParameters: parseQuery(req.rawQueryString) } : {}),
    requestContext: {
      accountId: ctx.accountId,
      apiId: ctx.apiId,
      domainName,
      domainPrefix: domainName.split('.')[0] as string,
      http: {
        method: req.method,
        path: req.rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: req.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: ctx.requestId,
      routeKey: ctx.routeKey,
      stage: ctx.stage,
      time: requestTime(req.timeEpoch),
      timeEpoch: req.timeEpoch,
    },
    ...(body !== undefined ? { body } : {}),
    ...(ctx.pathParameters ? { pathParameters: ctx.pathParameters } : {}),
    isBase64Encoded: body !== undefined && !text,
    ...(ctx.stageVariables && Object.keys(ctx.stageVariables).length > 0
      ? { stageVariables: ctx.stageVariables }
      : {}),
  };
}
