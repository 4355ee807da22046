// The lines of a `ferry invoke` against a running `ferry up`, put in that stack's CloudWatch Logs
// as Lambda puts a function's lines in AWS: so the console's story of a correlation id and `aws logs
// tail` show the invocation beside what the stack ran. Sent on the AWS endpoint's CloudWatch Logs
// JSON protocol (X-Amz-Target routes it); a stack that refuses them costs the invocation nothing.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html
import type { LogRecord } from '../lambda/index.js';

async function call(endpoint: string, action: string, body: unknown): Promise<Response> {
  return fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Logs_20140328.${action}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
}

/** Puts the records in their groups and streams; answers an error message per refused call. */
export async function deliverLogs(endpoint: string, records: readonly LogRecord[]): Promise<string[]> {
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
      await call(endpoint, 'CreateLogGroup', { logGroupName });
      await call(endpoint, 'CreateLogStream', { logGroupName, logStreamName });
      const logEvents = lines
        .map((r) => ({ timestamp: r.timestamp, message: r.message }))
        .sort((a, b) => a.timestamp - b.timestamp);
      const res = await call(endpoint, 'PutLogEvents', { logGroupName, logStreamName, logEvents });
      if (!res.ok) problems.push(`${logGroupName}: PutLogEvents answered ${res.status}: ${await res.text()}`);
    } catch (error) {
      problems.push(`${logGroupName}: ${(error as Error).message}`);
    }
  }
  return problems;
}
