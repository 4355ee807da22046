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
