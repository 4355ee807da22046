import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SqsError } from './errors.js';

// AWS Signature Version 4, checked the way the service does:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html

export interface Credentials {
  accessKey: string;
  secretKey: string;
}

const AUTH =
  /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)\s*$/;
const INVALID_TOKEN = 'The security token included in the request is invalid.';
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** The caller's access key id when the header names one (for SenderId), without checking it. */
export function accessKeyOf(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (auth === undefined) return undefined;
  const start = auth.indexOf('Credential=');
  if (start === -1) return undefined;
  const end = auth.indexOf('/', start);
  return end === -1 ? undefined : auth.slice(start + 11, end);
}

export class SigV4Verifier {
  private readonly keys = new Map<string, Buffer>();

  constructor(
    private readonly credentials: Credentials,
    private readonly region: string,
    private readonly service = 'sqs',
  ) {}

  /** Throws the SQS error for a request that is not signed with these credentials. */
  verify(method: string, url: string, headers: IncomingHttpHeaders, body: Buffer): void {
    const auth = headers.authorization;
    if (auth === undefined || auth === '') {
      throw new SqsError('MissingAuthenticationToken', 'Request is missing Authentication Token');
    }
    const m = AUTH.exec(auth);
    if (m === null) {
      throw new SqsError(
        'IncompleteSignature',
        `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.`,
      );
    }
    const [, credential, signedHeaders, signature] = m as unknown as [string, string, string, string];
    const [accessKey, date, region, service, terminator] = credential.split('/');
    if (accessKey !== this.credentials.accessKey) throw new SqsError('InvalidClientTokenId', INVALID_TOKEN);
    if (
      date === undefined ||
      region !== this.region ||
      service !== this.service ||
      terminator !== 'aws4_request'
    ) {
      throw new SqsError(
        'SignatureDoesNotMatch',
        `Credential should be scoped to a valid region and service: expected ${this.region}/${this.service}/aws4_request.`,
      );
    }
    const amzDate = header(headers, 'x-amz-date');
    if (amzDate === undefined)
      throw new SqsError('IncompleteSignature', 'The request must contain an X-Amz-Date header.');

    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const names = signedHeaders.split(';');
    let canonical = `${method}\n${canonicalPath(path)}\n${canonicalQuery(q === -1 ? '' : url.slice(q + 1))}\n`;
    for (const name of names)
      canonical += `${name}:${(header(headers, name) ?? '').trim().replace(/\s+/g, ' ')}\n`;
    const payloadHash = header(headers, 'x-amz-content-sha256') ?? sha256(body);
    canonical += `\n${signedHeaders}\n${payloadHash}`;
    const scope = `${date}/${region}/${service}/aws4_request`;
    const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256(canonical)}`;
    const expected = createHmac('sha256', this.signingKey(date)).update(toSign).digest();
    const given = Buffer.from(signature, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new SqsError('SignatureDoesNotMatch', MISMATCH);
    }
  }

  private signingKey(date: string): Buffer {
    let key = this.keys.get(date);
    if (key === undefined) {
      const kDate = createHmac('sha256', `AWS4${this.credentials.secretKey}`).update(date).digest();
      const kRegion = createHmac('sha256', kDate).update(this.region).digest();
      const kService = createHmac('sha256', kRegion).update(this.service).digest();
      key = createHmac('sha256', kService).update('aws4_request').digest();
      if (this.keys.size > 8) this.keys.clear();
      this.keys.set(date, key);
    }
    return key;
  }
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
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
