import { randomUUID } from 'node:crypto';
import { forged } from './guard.js';
import { serviceOf } from './route.js';
import type { HttpHandler, HttpRequest, HttpResponse } from '../http/types.js';
import type { Services } from './types.js';

/**
 * One AWS endpoint for many services: each request goes to the handler of the service it is
 * signed for (see route.ts). A request that names no service goes to SQS, the port's first
 * service, whose own errors then say what is missing. A service without a handler gets an error
 * in the request's protocol. A request a web page may have forged is refused first (guard.ts).
 */
export function createRouter(services: Services): HttpHandler {
  return (req) => {
    const refused = forged(req);
    if (refused !== undefined) return Promise.resolve(errorResponse(req, refused.code, refused.message, 403));
    const service = serviceFor(services, req);
    const mounted = service === undefined ? undefined : services.get(service);
    if (mounted !== undefined) return mounted.handle(req);
    const served = [...services.keys()].sort().join(', ');
    const what = service === undefined ? 'a request for no known AWS service' : `the '${service}' service`;
    return Promise.resolve(
      errorResponse(
        req,
        'UnknownService',
        `Ferry's local AWS endpoint does not serve ${what}; it serves: ${served}.`,
      ),
    );
  };
}

/** The service a request is for: the one it names, else SQS when SQS is mounted. */
export function serviceFor(services: Services, req: HttpRequest): string | undefined {
  return serviceOf(req) ?? (services.has('sqs') ? 'sqs' : undefined);
}

/** An AWS error in the shape the request's protocol expects: JSON when it sent X-Amz-Target, else XML. */
export function errorResponse(req: HttpRequest, code: string, message: string, status = 400): HttpResponse {
  const requestId = randomUUID();
  if (req.headers['x-amz-target'] !== undefined) {
    const type = String(req.headers['content-type'] ?? '').startsWith('application/x-amz-json-1.1')
      ? '1.1'
      : '1.0';
    return {
      status,
      headers: { 'content-type': `application/x-amz-json-${type}`, 'x-amzn-requestid': requestId },
      body: JSON.stringify({ __type: code, message }),
    };
  }
  const xml =
    `<?xml version="1.0"?><ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body: xml };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');
}
