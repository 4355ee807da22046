import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { LocalError } from '../errors.js';
import type { HttpRequest } from '../http/types.js';

// AWS Signature Version 4, checked the way SQS, CloudWatch and CloudWatch Logs check it:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
// The payload hash is always the hash of the body received (only S3 signs UNSIGNED-PAYLOAD);
// host and the date must be signed, and X-Amz-Target, which names the action, too; the request's
// date must lie within 15 minutes of the server's clock; the scope names this region and the
// service that answers. Texts are the ones AWS answers with.

export type AuthErrorCode =
  'MissingAuthenticationToken' | 'IncompleteSignature' | 'InvalidClientTokenId' | 'SignatureDoesNotMatch';

/** A request refused before any service reads it; each service puts it on its own wire. */
export class AuthError extends LocalError<AuthErrorCode> {
  override readonly name = 'AuthError';
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface Verification {
  credentials: Credentials;
  /** The server's region: the only one a scope may name. */
  region: string;
  /** Epoch milliseconds; default Date.now. */
  now?: () => number;
}

/** AWS's window for a request's date against the server's clock, either way. */
export const CLOCK_SKEW_MS = 15 * 60 * 1000;

const AUTH =
  /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)\s*$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const INVALID_TOKEN = 'The security token included in the request is invalid.';
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

export class SigV4Verifier {
  private readonly keys = new Map<string, Buffer>();
  private readonly now: () => number;

  constructor(private readonly options: Verification) {
    this.now = options.now ?? Date.now;
  }

  /** Throws AuthError unless `req` is signed with these credentials for `service` in this region. */
  verify(req: HttpRequest, service: string): void {
    const auth = header(req.headers, 'authorization');
    if (auth === undefined || auth === '') {
      throw new AuthError('MissingAuthenticationToken', 'Request is missing Authentication Token');
    }
    const m = AUTH.exec(auth);
    if (m === null) {
      throw new AuthError(
        'IncompleteSignature',
        `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.`,
      );
    }
    const [, credential, signedHeaders, signature] = m as unknown as [string, string, string, string];
    const [accessKey, day, region, scopeService, terminator, extra] = credential.split('/');
    if (accessKey !== this.options.credentials.accessKeyId)
      throw new AuthError('InvalidClientTokenId', INVALID_TOKEN);
    if (day === undefined || terminator !== 'aws4_request' || extra !== undefined) {
      throw mismatch(`Credential should be scoped to a valid region, not '${region ?? ''}'. `);
    }
    if (region !== this.options.region)
      throw mismatch(`Credential should be scoped to a valid region, not '${region}'. `);
    if (scopeService !== service)
      throw mismatch(`Credential should be scoped to correct service: '${service}'. `);
    const names = signedHeaders.split(';');
    const stamp = this.requestTime(req.headers, names);
    if (!names.includes('host')) {
      throw new AuthError(
        'IncompleteSignature',
        `'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.`,
      );
    }
    if (req.headers['x-amz-target'] !== undefined && !names.includes('x-amz-target')) {
      throw new AuthError(
        'IncompleteSignature',
        `'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.`,
      );
    }
    if (stamp.slice(0, 8) !== day) {
      throw mismatch(
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${day}' != '${stamp.slice(0, 8)}', from '${stamp}'.`,
      );
    }
    const payloadHash = sha256(req.body);
    const claimed = header(req.headers, 'x-amz-content-sha256');
    if (claimed !== undefined && claimed !== payloadHash) throw mismatch(MISMATCH);

    const q = req.url.indexOf('?');
    const path = q === -1 ? req.url : req.url.slice(0, q);
    let canonical = `${req.method}\n${canonicalPath(path)}\n${canonicalQuery(q === -1 ? '' : req.url.slice(q + 1))}\n`;
    for (const name of names)
      canonical += `${name}:${(header(req.headers, name) ?? '').trim().replace(/\s+/g, ' ')}\n`;
    canonical += `\n${signedHeaders}\n${payloadHash}`;
    const scope = `${day}/${region}/${service}/aws4_request`;
    const toSign = `AWS4-HMAC-SHA256\n${stamp}\n${scope}\n${sha256(canonical)}`;
    const expected = createHmac('sha256', this.signingKey(day, service)).update(toSign).digest();
    const given = Buffer.from(signature, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw mismatch(MISMATCH);
  }

  /** The signed request time (X-Amz-Date, else Date), in ISO 8601 basic form, within the skew window. */
  private requestTime(headers: IncomingHttpHeaders, signed: string[]): string {
    const amz = header(headers, 'x-amz-date');
    const date = header(headers, 'date');
    let stamp: string | undefined;
    let time = NaN;
    if (amz !== undefined) {
      const d = AMZ_DATE.exec(amz);
      if (d !== null) time = Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!, +d[4]!, +d[5]!, +d[6]!);
      stamp = amz;
    } else if (date !== undefined) {
      time = Date.parse(date);
      stamp = Number.isNaN(time) ? undefined : basic(time);
    }
    if (stamp === undefined || Number.isNaN(time)) {
      throw new AuthError(
        'IncompleteSignature',
        `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.`,
      );
    }
    if (!signed.includes(amz !== undefined ? 'x-amz-date' : 'date')) {
      throw new AuthError(
        'IncompleteSignature',
        `'X-Amz-Date' or 'Date' must be a 'SignedHeader' in the AWS Authorization.`,
      );
    }
    const now = this.now();
    if (time < now - CLOCK_SKEW_MS) {
      throw mismatch(
        `Signature expired: ${stamp} is now earlier than ${basic(now - CLOCK_SKEW_MS)} (${basic(now)} - 15 min.)`,
      );
    }
    if (time > now + CLOCK_SKEW_MS) {
      throw mismatch(
        `Signature not yet current: ${stamp} is still later than ${basic(now + CLOCK_SKEW_MS)} (${basic(now)} + 15 min.)`,
      );
    }
    return stamp;
  }

  private signingKey(day: string, service: string): Buffer {
    const id = `${day}/${service}`;
    let key = this.keys.get(id);
    if (key === undefined) {
      const kDate = createHmac('sha256', `AWS4${this.options.credentials.secretAccessKey}`)
        .update(day)
        .digest();
      const kRegion = createHmac('sha256', kDate).update(this.options.region).digest();
      const kService = createHmac('sha256', kRegion).update(service).digest();
      key = createHmac('sha256', kService).update('aws4_request').digest();
      if (this.keys.size > 16) this.keys.clear();
      this.keys.set(id, key);
    }
    return key;
  }
}

/**
 * The headers that sign a request the runtime makes itself (host, x-amz-date, authorization added),
 * for the few calls that do not go through an SDK client.
 */
export function signedHeaders(
  req: { method: string; url: string; headers: Record<string, string>; body: string },
  credentials: Credentials,
  region: string,
  service: string,
  now = Date.now(),
): Record<string, string> {
  const url = new URL(req.url);
  const stamp = basic(now);
  const day = stamp.slice(0, 8);
  const headers: Record<string, string> = { ...req.headers, host: url.host, 'x-amz-date': stamp };
  const names = Object.keys(headers)
    .map((n) => n.toLowerCase())
    .sort();
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  let canonical = `${req.method}\n${canonicalPath(url.pathname)}\n${canonicalQuery(url.search.slice(1))}\n`;
  for (const name of names) canonical += `${name}:${lower.get(name)!.trim().replace(/\s+/g, ' ')}\n`;
  canonical += `\n${names.join(';')}\n${sha256(req.body)}`;
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = `AWS4-HMAC-SHA256\n${stamp}\n${scope}\n${sha256(canonical)}`;
  let key = createHmac('sha256', `AWS4${credentials.secretAccessKey}`).update(day).digest();
  for (const part of [region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  headers.authorization =
    `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, ` +
    `SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return headers;
}

function mismatch(message: string): AuthError {
  return new AuthError('SignatureDoesNotMatch', message);
}

/** `20261208T001500Z`, as X-Amz-Date writes a time. */
function basic(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  // SignedHeaders names come from the request: only the headers it really sent count.
  const v = Object.hasOwn(headers, name) ? headers[name] : undefined;
  return Array.isArray(v) ? v.join(',') : v;
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** RFC 3986 encoding, as SigV4 wants it. */
function encode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Services other than S3 sign the path with each segment URI-encoded once more. */
function canonicalPath(path: string): string {
  if (path === '' || path === '/') return '/';
  return path
    .split('/')
    .map((segment) => encode(segment))
    .join('/');
}

function canonicalQuery(query: string): string {
  if (query === '') return '';
  return query
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      const k = eq === -1 ? p : p.slice(0, eq);
      const v = eq === -1 ? '' : p.slice(eq + 1);
      return [encode(safeDecode(k)), encode(safeDecode(v))] as const;
    })
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}
