import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { reject } from './rejection.js';
import type { Rejection } from './rejection.js';

export type BodyResult = { ok: true; value: unknown } | { ok: false; rejection: Rejection };

// application/json, or a structured-syntax +json type, with optional parameters such as charset.
const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/** HTTP API (payload 2.0) lower-cases header names; be lenient for hand-built events. */
export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const headers = event.headers ?? {};
  const found = Object.keys(headers).find((key) => key.toLowerCase() === name);
  return found === undefined ? undefined : headers[found];
}

/** The request body as JSON: checks the content type, decodes base64, parses. */
export function readJsonBody(event: APIGatewayProxyEventV2): BodyResult {
  const contentType = header(event, 'content-type');
  if (contentType === undefined || !JSON_MEDIA_TYPE.test(contentType)) {
    return reject(
      'unsupported-media-type',
      `content-type must be application/json, got ${contentType === undefined ? 'none' : `"${contentType}"`}`,
    );
  }
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (text.trim() === '')
    return reject('malformed-json', 'the request body is empty; expected a JSON document');
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return reject('malformed-json', `the request body is not valid JSON: ${(error as Error).message}`);
  }
}
