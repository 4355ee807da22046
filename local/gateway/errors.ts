import { LocalError } from '../errors.js';

/**
 * A route table the gateway refuses when it starts, as API Gateway refuses it on deployment: a
 * route key that is not "$default" or "<METHOD> /path" (InvalidRouteKey), one defined twice
 * (DuplicateRouteKey), or an integration setting it does not play (InvalidIntegration). Each
 * message names the route.
 */
export type RouteKeyErrorCode = 'InvalidRouteKey' | 'DuplicateRouteKey' | 'InvalidIntegration';

export class RouteKeyError extends LocalError<RouteKeyErrorCode> {
  override readonly name = 'RouteKeyError';
}

// The bodies API Gateway answers with when it, not the function, decides the response: the one
// table from what went wrong to the status and the `message` the client reads.
export const GATEWAY_RESPONSES = {
  notFound: [404, 'Not Found'],
  tooLarge: [413, 'Request Entity Too Large'],
  throttled: [429, 'Too Many Requests'],
  internal: [500, 'Internal Server Error'],
  timeout: [503, 'Service Unavailable'],
  /** Too many bodies arriving at once (SERVER_LIMITS.bodyBudgetBytes): sent with Retry-After. */
  busy: [503, 'Service Unavailable'],
} as const;

export type GatewayResponse = keyof typeof GATEWAY_RESPONSES;
