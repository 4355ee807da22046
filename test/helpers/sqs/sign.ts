import { createHash, createHmac } from 'node:crypto';

// SigV4 for a raw request, as the SDKs sign it (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html):
// for tests that post what no SDK would, yet must pass as a signed request.

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** The headers to add to a POST of `body` to `url`: host, x-amz-date, content sha and Authorization. */
export function signHeaders(
  url: string,
  body: string,
  headers: Record<string, string>,
  credentials: { accessKeyId: string; secretAccessKey: string },
  service = 'sqs',
  region = 'us-east-1',
  now = new Date(),
): Record<string, string> {
  const { host, pathname, search } = new URL(url);
  const date = now.toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = date.slice(0, 8);
  const all: Record<string, string> = {
    ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.trim()])),
    host,
    'x-amz-date': date,
    'x-amz-content-sha256': sha256(body),
  };
  const names = Object.keys(all).sort();
  const query = [...new URLSearchParams(search)]
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .sort()
    .join('&');
  const canonical = [
    'POST',
    pathname,
    query,
    ...names.map((n) => `${n}:${all[n]}`),
    '',
    names.join(';'),
    all['x-amz-content-sha256'],
  ].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', date, scope, sha256(canonical)].join('\n');
  let key: Buffer = hmac(`AWS4${credentials.secretAccessKey}`, day);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  const { host: _host, ...rest } = all;
  return {
    ...rest,
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}
