import { LocalError } from '../errors.js';

/**
 * Why `ferry invoke` or `ferry event` cannot do what was asked of the template. The CLI prints the
 * message, which names what the template has instead, and exits 2 (a usage error).
 * - FunctionNotFound: no AWS::Lambda::Function of that logical id, name or ARN.
 * - QueueNotFound: no AWS::SQS::Queue of that logical id or name (or none at all).
 * - ApiNotFound: the template has no AWS::ApiGatewayV2::Api (or none of that logical id).
 * - RouteNotFound: no route of the API (nor $default) takes the request.
 */
export type InvokeErrorCode = 'FunctionNotFound' | 'QueueNotFound' | 'ApiNotFound' | 'RouteNotFound';

export class InvokeError extends LocalError<InvokeErrorCode> {
  override readonly name = 'InvokeError';
}

/** `a, b and c`, or `none` when the template has none. */
export function listed(names: string[]): string {
  if (names.length === 0) return 'none';
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
