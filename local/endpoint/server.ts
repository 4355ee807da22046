import type { RequestListener } from 'node:http';
import { boundedListener, MAX_BODY } from '../http/bounded.js';
import { BodyBudget, limitedServerOptions, type ServerLimits } from '../http/limits.js';
import { bindPort } from '../http/port.js';
import { createRouter, errorResponse, serviceFor } from './router.js';
import { SigV4Verifier, type Verification } from './sigv4.js';
import type { Services } from './types.js';

// The HTTP edge of the endpoint: the bounded edge in front of the router.

export { MAX_BODY };

/**
 * Server settings of an endpoint's port: a stalled request is closed (SERVER_LIMITS), a long poll
 * still waits its 20 s once its body is in; keep-alive longer than the SDKs' idle sockets.
 */
export const ENDPOINT_SERVER = { ...limitedServerOptions(), keepAliveTimeout: 65_000 } as const;
export const ENDPOINT_HEADERS_TIMEOUT = ENDPOINT_SERVER.headersTimeout;

/**
 * The request listener that routes every request to the service it is signed for; with `auth`,
 * only requests signed (SigV4) with its credentials get through.
 */
export function createEndpointListener(
  services: Services,
  auth?: Verification,
  budget?: BodyBudget,
): RequestListener {
  return boundedListener({
    handle: createRouter(services, auth === undefined ? undefined : new SigV4Verifier(auth)),
    budget,
    unavailable: (req) => {
      const out = errorResponse(
        req,
        'ServiceUnavailable',
        'The request has failed due to a temporary failure of the server.',
        503,
      );
      return { ...out, headers: { ...out.headers, 'retry-after': '1' } };
    },
    tooLarge: (req) => {
      const service = serviceFor(services, req);
      const own = service === undefined ? undefined : services.get(service)?.tooLarge;
      return (
        own?.(req) ??
        errorResponse(req, 'RequestTooLarge', `Request body is larger than ${MAX_BODY} bytes.`, 413)
      );
    },
  });
}

export interface Endpoint {
  port: number;
  endpoint: string;
  close(): Promise<void>;
}

/** An endpoint alone on host:port (0 picks a free port), for tools and tests. */
export async function startEndpoint(options: {
  port: number;
  host?: string;
  services: Services;
  auth?: Verification;
  /** Tests shorten them; SERVER_LIMITS by default. */
  limits?: Partial<ServerLimits>;
}): Promise<Endpoint> {
  const bound = await bindPort({
    host: options.host ?? '127.0.0.1',
    port: options.port,
    flag: '--port',
    holder: 'another server',
    server: { ...ENDPOINT_SERVER, ...limitedServerOptions(options.limits) },
    headersTimeout: options.limits?.headersMs ?? ENDPOINT_HEADERS_TIMEOUT,
  });
  const budget = new BodyBudget(options.limits?.bodyBudgetBytes);
  bound.mount(createEndpointListener(options.services, options.auth, budget));
  return { port: bound.port, endpoint: bound.url, close: () => bound.close() };
}
