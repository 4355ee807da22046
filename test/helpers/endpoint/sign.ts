// SigV4 signing written out in the test, so that a test can sign what an attacker controls: which
// headers are signed, the date, the scope, the payload hash. Then raw HTTP (node:http, which, unlike
// fetch, sends the Host header it is given) puts the request on the wire as built.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
import { createHash, createHmac } from 'node:crypto';
import { request } from 'node:http';

export interface Signing {
  credentials: { accessKeyId: string; secretAccessKey: string };
  region?: string;
  service?: string;
  date?: Date;
  /** Header names to sign (lower case); default every header given plus host and x-amz-date. */
  signed?: string[];
  /** What the canonical request carries as the payload hash; default the body's SHA-256. */
  payloadHash?: string;
  /** Carry the time in a Date header (RFC 7231) instead of X-Amz-Date. */
  httpDate?: boolean;
}

export interface RawRequest {
  method: string;
  /** Full URL: its host:port is the Host header. */
  url: string;
  headers: Record<string, string>;
  body: string;
}

const sha256 = (data: string): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** The request with host, x-amz-date and an Authorization header added. */
export function sign(req: RawRequest, s: Signing): RawRequest {
  const url = new URL(req.url);
  const stamp = (s.date ?? new Date())
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = stamp.slice(0, 8);
  const region = s.region ?? 'us-east-1';
  const service = s.service ?? 'sqs';
  const headers: Record<string, string> = { ...req.headers, host: url.host };
  if (s.httpDate) headers.date = (s.date ?? new Date()).toUTCString();
  else headers['x-amz-date'] = stamp;
  const names = (s.signed ?? Object.keys(headers)).map((n) => n.toLowerCase()).sort();
  const query = [...url.searchParams]
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .sort()
    .join('&');
  const canonical = [
    req.method,
    url.pathname,
    query,
    ...names.map((n) => `${n}:${(headers[n] ?? '').trim()}`),
    '',
    names.join(';'),
    s.payloadHash ?? sha256(req.body),
  ].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = `AWS4-HMAC-SHA256\n${stamp}\n${scope}\n${sha256(canonical)}`;
  let key = hmac(`AWS4${s.credentials.secretAccessKey}`, day);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  const signature = hmac(key, toSign).toString('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${s.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return { ...req, headers };
}

/** Sends the request exactly as given (Host included) and reads the whole answer. */
export function send(req: RawRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const out = request(req.url, { method: req.method, headers: req.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    out.on('error', reject);
    out.end(req.body);
  });
}
