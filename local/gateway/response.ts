// Maps a function's result to the HTTP response, as HTTP APIs do for payload format 2.0:
// a result with statusCode is a response; anything else is the body of a 200 (the shorthand).
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response
import { validateHeaderName, validateHeaderValue } from 'node:http';
import { setOwn } from '../records.js';

// Framing is the gateway's business: these never pass from the function to the client.
const DROPPED = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'upgrade',
  'trailer',
]);

/**
 * Not local/http's HttpResponse: a function's response carries bytes (isBase64Encoded) and
 * several set-cookie headers, which that contract's string body and headers cannot hold.
 */
export interface FunctionResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

export type Mapped = { ok: true; response: FunctionResponse } | { ok: false; reason: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shorthand(result: unknown): FunctionResponse {
  const body = typeof result === 'string' ? result : (JSON.stringify(result) ?? 'null');
  return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) };
}

function scalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

export function mapResult(result: unknown): Mapped {
  if (!isObject(result) || !('statusCode' in result)) return { ok: true, response: shorthand(result) };

  const { statusCode, headers, cookies, body, isBase64Encoded } = result;
  if (
    typeof statusCode !== 'number' ||
    !Number.isInteger(statusCode) ||
    statusCode < 100 ||
    statusCode > 599
  ) {
    return {
      ok: false,
      reason: `statusCode must be an integer from 100 to 599, got ${JSON.stringify(statusCode)}`,
    };
  }
  const out: Record<string, string | string[]> = {};
  if (headers !== undefined && headers !== null) {
    if (!isObject(headers)) return { ok: false, reason: 'headers must be an object of strings' };
    for (const [name, value] of Object.entries(headers)) {
      if (!scalar(value)) {
        return { ok: false, reason: `header "${name}" must be a string, number or boolean` };
      }
      try {
        validateHeaderName(name);
        validateHeaderValue(name, String(value));
      } catch {
        return { ok: false, reason: `header "${name}" has characters HTTP does not allow` };
      }
      if (!DROPPED.has(name.toLowerCase())) setOwn(out, name.toLowerCase(), String(value));
    }
  }
  if (cookies !== undefined && cookies !== null) {
    if (!Array.isArray(cookies) || !cookies.every((c) => typeof c === 'string' && !/[\r\n\0]/.test(c))) {
      return { ok: false, reason: 'cookies must be an array of strings' };
    }
    if (cookies.length > 0) out['set-cookie'] = cookies;
  }
  if (body !== undefined && body !== null && typeof body !== 'string') {
    return { ok: false, reason: 'body must be a string' };
  }
  if (isBase64Encoded !== undefined && isBase64Encoded !== null && typeof isBase64Encoded !== 'boolean') {
    return { ok: false, reason: 'isBase64Encoded must be a boolean' };
  }
  const text = body ?? '';
  out['content-type'] ??= 'text/plain; charset=utf-8';
  return {
    ok: true,
    response: {
      status: statusCode,
      headers: out,
      body: isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text),
    },
  };
}
