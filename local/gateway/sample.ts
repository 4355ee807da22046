// The event one request would bring to its function, without a server: the route selection and the
// payload format 2.0 event of the listener itself (`ferry event api` prints it, `ferry invoke`
// takes it), so a sample event has exactly the shape a request through the gateway gets.
import { createApi, eventFor, routeOf } from './api.js';
import { newRequestId, type RequestFacts } from './event.js';
import type { ApiGatewayEventV2, GatewayListenerOptions } from './types.js';

/** The route's target and the event, or undefined when no route (nor $default) takes the request. */
export function requestEvent(
  options: Omit<GatewayListenerOptions, 'invoke'>,
  req: RequestFacts,
): { target: string; event: ApiGatewayEventV2 } | undefined {
  const api = createApi({ ...options, invoke: () => Promise.reject(new Error('not invoked')) });
  const found = routeOf(api, req.method, req.rawPath);
  if (found === undefined) return undefined;
  return { target: found.route.target, event: eventFor(api, found, req, newRequestId()) };
}
