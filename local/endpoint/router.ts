import { randomUUID } from 'node:crypto';
import { forged } from './guard.js';
import { markedService, serviceOf } from './route.js';
import type { HttpHandler, HttpRequest, HttpResponse } from '../http/types.js';
import { AuthError, type AuthErrorCode, type SigV4Verifier } from './sigv4.js';
import type { Services } from './types.js';

/**
 * One AWS endpoint for many services: each request goes to the handler of the service it is
 * signed for (see route.ts). A request that names no service goes to SQS, the port's first
 * service, whose own errors then say what is missing. A service without a handler gets an error
 * in the request's protocol. A request a web page may have forged is refused first (guard.ts).
 * With a verifier, the service a request's protocol names (else the one it is signed for)
 * answers, and only a request signed for it with the right key gets in.
 */
export function createRouter(services: Services, verifier?: SigV4Verifier): HttpHandler {
  return (req) => {
    const refused = forged(req);
    if (refused !== undefined) return Promise.resolve(errorResponse(req, refused.code, refused.message, 403));
    const service = verifier === undefined ? serviceFor(services, req) : answering(services, req);
    const mounted = service === undefined ? undefined : services.get(service);
    if (mounted !== undefined) {
      try {
        verifier?.verify(req, service!);
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        return Promise.resolve(mounted.refuse?.(req, error) ?? refusal(req, error));
      }
      return mounted.handle(req);
    }
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

/** The service that must answer a request under SigV4: the one its protocol names, else its scope's. */
function answering(services: Services, req: HttpRequest): string | undefined {
  return markedService(req) ?? serviceFor(services, req);
}

/** The service a request is for: the one it names, else SQS when SQS is mounted. */
export function serviceFor(services: Services, req: HttpRequest): string | undefined {
  return serviceOf(req) ?? (services.has('sqs') ? 'sqs' : undefined);
}

/**
 * How services without their own table refuse a request. The query protocol (CloudWatch,
 * CloudFormation) and the query-compatible AWS JSON 1.0 (CloudWatch's JSON clients, which read
 * the code from x-amzn-query-error) take the query codes and statuses; AWS JSON 1.1 (CloudWatch
 * Logs) takes coral's exceptions, all 400.
 */
const REFUSALS: ReadonlyMap<AuthErrorCode, { status: number; json: string }> = new Map([
  ['MissingAuthenticationToken', { status: 403, json: 'MissingAuthenticationTokenException' }],
  ['IncompleteSignature', { status: 400, json: 'IncompleteSignatureException' }],
  ['InvalidClientTokenId', { status: 403, json: 'UnrecognizedClientException' }],
  ['SignatureDoesNotMatch', { status: 403, json: 'InvalidSignatureException' }],
]);

export function refusal(req: HttpRequest, error: AuthError): HttpResponse {
  const wire = REFUSALS.get(error.code)!;
  if (req.headers['x-amz-target'] === undefined)
    return errorResponse(req, error.code, error.message, wire.status);
  if (String(req.headers['content-type'] ?? '').startsWith('application/x-amz-json-1.1'))
    return errorResponse(req, wire.json, error.message, 400);
  const out = errorResponse(req, error.code, error.message, wire.status);
  out.headers['x-amzn-query-error'] = `${error.code};Sender`;
  return out;
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
