import type { Server } from 'node:http';
import { createBoundedServer, MAX_BODY } from '../http/server.js';
import { createRouter, errorResponse } from './router.js';
import type { Services } from './types.js';
import { listen, urlHost } from '../http/listen.js';

// The HTTP edge of the endpoint: the shared bounded edge in front of the router.

export { MAX_BODY };

/** An HTTP server that routes every request to the handler of its AWS service. */
export function createEndpointServer(services: Services): Server {
  return createBoundedServer({
    handle: createRouter(services),
    tooLarge: (req) =>
      errorResponse(req, 'RequestTooLarge', `Request body is larger than ${MAX_BODY} bytes.`, 413),
  });
}

export interface Endpoint {
  port: number;
  endpoint: string;
  close(): Promise<void>;
}

/** Listens on host:port (0 picks a free port). Useful on its own; `ferry up` mounts the server on the SQS port. */
export async function startEndpoint(options: {
  port: number;
  host?: string;
  services: Services;
}): Promise<Endpoint> {
  const host = options.host ?? '127.0.0.1';
  const server = createEndpointServer(options.services);
  const port = await listen(server, options.port, host);
  return {
    port,
    endpoint: `http://${urlHost(host)}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
