/**
 * A JSON request body that must be an object (an empty body is `{}`), as the AWS JSON protocols
 * take it. `fail` builds the protocol's own error from the message.
 */
export function jsonObjectBody(body: Buffer, fail: (message: string) => Error): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw fail('The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fail('The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}
