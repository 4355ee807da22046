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

/** A charset parameter, if the content type has one (quotes removed, lower-cased). */
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/** The request body as JSON: checks the content type, decodes base64, parses. */
export function readJsonBody(event: APIGatewayProxyEventV2): BodyResult {
  const contentType = header(event, 'content-type');
  if (contentType === undefined || !JSON_MEDIA_TYPE.test(contentType)) {
    return reject(
      'unsupported-media-type',
      `content-type must be application/json, got ${contentType === undefined ? 'none' : `"${contentType}"`}`,
    );
  }
  // JSON between systems is UTF-8 (RFC 8259); a body declared in another charset would be read as
  // UTF-8 anyway and its text silently changed.
  const charset = CHARSET.exec(contentType)?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return reject('unsupported-media-type', `the body must be UTF-8 JSON, got charset "${charset}"`);
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
