// The lines of a `ferry invoke` against a running `ferry up`, put in that stack's CloudWatch Logs
// as Lambda puts a function's lines in AWS: so the console's story of a correlation id and `aws logs
// tail` show the invocation beside what the stack ran. Sent on the AWS endpoint's CloudWatch Logs
// JSON protocol (X-Amz-Target routes it); a stack that refuses them costs the invocation nothing.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html
import { signedHeaders } from '../endpoint/index.js';
import type { LogRecord } from '../lambda/index.js';
import type { KeyPair } from './options.js';

/** Where the lines go, signed (SigV4, service `logs`) as the stack's endpoint may require. */
interface Target {
  endpoint: string;
  credentials: KeyPair;
  region: string;
}

async function call(to: Target, action: string, input: unknown): Promise<Response> {
  const body = JSON.stringify(input);
  const req = {
    method: 'POST',
    url: to.endpoint,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Logs_20140328.${action}` },
    body,
  };
  // fetch writes the Host header itself, from the same URL the signature covers.
  const { host: _, ...headers } = signedHeaders(req, to.credentials, to.region, 'logs');
  return fetch(to.endpoint, { method: 'POST', headers, body, signal: AbortSignal.timeout(5000) });
}

/** Puts the records in their groups and streams; answers an error message per refused call. */
export async function deliverLogs(to: Target, records: readonly LogRecord[]): Promise<string[]> {
  const streams = new Map<string, LogRecord[]>();
  for (const r of records) {
    const key = JSON.stringify([r.logGroup, r.logStream]);
    streams.set(key, [...(streams.get(key) ?? []), r]);
  }
  const problems: string[] = [];
  for (const [key, lines] of streams) {
    const [logGroupName, logStreamName] = JSON.parse(key) as [string, string];
    try {
      // As Lambda does, the group is created when the template has none; an existing group or
      // stream answers ResourceAlreadyExistsException, and the lines go in it all the same.
      await call(to, 'CreateLogGroup', { logGroupName });
      await call(to, 'CreateLogStream', { logGroupName, logStreamName });
      const logEvents = lines
        .map((r) => ({ timestamp: r.timestamp, message: r.message }))
        .sort((a, b) => a.timestamp - b.timestamp);
      const res = await call(to, 'PutLogEvents', { logGroupName, logStreamName, logEvents });
      if (!res.ok) problems.push(`${logGroupName}: PutLogEvents answered ${res.status}: ${await res.text()}`);
    } catch (error) {
      problems.push(`${logGroupName}: ${(error as Error).message}`);
    }
  }
  return problems;
}
