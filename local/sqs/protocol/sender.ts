import type { IncomingHttpHeaders } from 'node:http';

// Signatures are checked by the endpoint (local/endpoint/sigv4.ts) before SQS reads a request;
// SQS only names the sender by the key a request is signed with.

/** The caller's access key id when the header names one (for SenderId), without checking it. */
export function accessKeyOf(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (auth === undefined) return undefined;
  const start = auth.indexOf('Credential=');
  if (start === -1) return undefined;
  const end = auth.indexOf('/', start);
  return end === -1 ? undefined : auth.slice(start + 11, end);
}
