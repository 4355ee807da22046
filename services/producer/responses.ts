import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { RejectReason, Rejection } from './rejection.js';

/** The one place where a rejection becomes an HTTP status. */
export const STATUS: Record<RejectReason, number> = {
  'malformed-json': 400,
  'too-many-entries': 400,
  'unsupported-media-type': 415,
  'too-large': 413,
  'invalid-envelope': 422,
  'invalid-data': 422,
  'unknown-type': 422,
  'queue-unavailable': 503,
};

/** How long a client should wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 5;

export function json(
  statusCode: number,
  body: unknown,
  correlationId: string,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId, ...headers },
    body: JSON.stringify(body),
  };
}

/** What the client is told: the reason, a sentence, and the details that let it fix the request. */
export function rejectionBody(rejection: Rejection): Record<string, unknown> {
  const { reason, ...details } = rejection;
  return { error: reason, ...details };
}

export function retryHeaders(statusCode: number): Record<string, string> {
  return statusCode === 503 ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {};
}

export function rejected(rejection: Rejection, correlationId: string): APIGatewayProxyStructuredResultV2 {
  const status = STATUS[rejection.reason];
  return json(status, { ...rejectionBody(rejection), correlationId }, correlationId, retryHeaders(status));
}
