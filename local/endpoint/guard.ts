import type { HttpRequest } from '../http/types.js';

// What keeps a web page from using the endpoint through the developer's browser. AWS's own
// endpoints refuse every unsigned request; Ferry's answers unsigned ones so that curl and scripts
// can read without signing, but a request a browser could forge from any page, an <img> GET or a
// form POST, is never signed. So:
// - a request the browser marks as coming from another site (Sec-Fetch-Site), or whose Origin is
//   not the endpoint's own, is refused: the endpoint serves no pages and grants no CORS, so no
//   page of any origin has a reason to call it;
// - a query-protocol request that may change state (any Action but List*, Get*, Describe*) must
//   have the shape of a SigV4 signature (an AWS4-HMAC-SHA256 Authorization header, or a presigned
//   URL's X-Amz-Signature), as AWS answers it without one: 403 MissingAuthenticationToken.
// The JSON and CBOR protocols need a content type no form can send and an X-Amz-Target or
// Smithy header no simple request carries: a browser must ask a CORS preflight first, and the
// endpoint answers none with an Access-Control-Allow-Origin.

const READS = /^(List|Get|Describe)[A-Za-z]*$/;
const SIGNED_QUERY = /(?:^|&)X-Amz-Signature=/i;

export interface Refusal {
  code: 'AccessDenied' | 'MissingAuthenticationToken';
  message: string;
}

/** Why a request a browser may have forged is refused (403), or undefined for one to serve. */
export function forged(req: HttpRequest): Refusal | undefined {
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  const own = `http://${String(req.headers.host ?? '').toLowerCase()}`;
  if (site === 'cross-site' || site === 'same-site' || (origin !== undefined && origin.toLowerCase() !== own))
    return {
      code: 'AccessDenied',
      message:
        `Ferry's AWS endpoint does not answer requests from web pages (this one came from ` +
        `${origin ?? `a ${site} page`}); use an AWS SDK or the AWS CLI.`,
    };
  if (signedShape(req) || !isQuery(req) || readsOnly(req)) return undefined;
  return { code: 'MissingAuthenticationToken', message: 'Request is missing Authentication Token' };
}

function signedShape(req: HttpRequest): boolean {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('AWS4-HMAC-SHA256 ')) return true;
  const q = req.url.indexOf('?');
  return q !== -1 && SIGNED_QUERY.test(req.url.slice(q + 1));
}

function isQuery(req: HttpRequest): boolean {
  return (
    req.headers['x-amz-target'] === undefined &&
    req.headers['smithy-protocol'] === undefined &&
    !req.url.startsWith('/service/')
  );
}

/**
 * Whether every Action the request names, in its URL or its body (whatever its content type: the
 * query protocols read both), only reads. Naming none, it can do nothing: the service's own error
 * says what is missing.
 */
function readsOnly(req: HttpRequest): boolean {
  const q = req.url.indexOf('?');
  const actions: string[] = [];
  for (const part of [q === -1 ? '' : req.url.slice(q + 1), req.body.toString('utf8')])
    for (const pair of part.split('&')) {
      const eq = pair.indexOf('=');
      if (eq !== -1 && decode(pair.slice(0, eq)).toLowerCase() === 'action')
        actions.push(decode(pair.slice(eq + 1)));
    }
  return actions.every((action) => READS.test(action));
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}
