import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRouter, errorResponse } from './router.js';
import type { ServiceHandler, ServiceRequest, Services } from './types.js';

// The HTTP edge of the endpoint: read the body (bounded), hand it to the router, write the answer.

/** Largest request body read (SQS batches with escaping or base64 can be several MiB). */
export const MAX_BODY = 8 * 1024 * 1024;

/** An HTTP server that routes every request to the handler of its AWS service. */
export function createEndpointServer(services: Services): Server {
  const route = createRouter(services);
  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, (req, res) =>
    onRequest(route, req, res),
  );
  // SQS long polls hold a request up to 20 s; never time them out.
  server.headersTimeout = 30_000;
  return server;
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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function onRequest(route: ServiceHandler, req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  let size = Number(req.headers['content-length'] ?? 0);
  if (size > MAX_BODY) return tooLarge(req, res);
  size = 0;
  let refused = false;
  req.on('data', (chunk: Buffer) => {
    if (refused) return;
    size += chunk.length;
    if (size > MAX_BODY) {
      refused = true;
      tooLarge(req, res);
      return;
    }
    chunks.push(chunk);
  });
  req.on('error', () => res.destroy());
  req.on('end', () => {
    if (refused) return;
    route(request(req, res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size))).then(
      (out) => {
        if (res.destroyed) return;
        res.writeHead(out.status, { ...out.headers, 'content-length': Buffer.byteLength(out.body) });
        res.end(out.body);
      },
      () => res.destroy(),
    );
  });
}

/** The request as a service sees it; the abort signal is made on first use (long polls only). */
function request(req: IncomingMessage, res: ServerResponse, body: Buffer): ServiceRequest {
  let abort: AbortController | undefined;
  return {
    method: req.method ?? 'POST',
    url: req.url ?? '/',
    headers: req.headers,
    body,
    get signal() {
      if (abort === undefined) {
        const controller = (abort = new AbortController());
        res.once('close', () => {
          if (!res.writableFinished) controller.abort();
        });
      }
      return abort.signal;
    },
  };
}

function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  const wire = {
    method: req.method ?? 'POST',
    url: req.url ?? '/',
    headers: req.headers,
    body: Buffer.alloc(0),
  };
  const out = errorResponse(wire, 'RequestTooLarge', `Request body is larger than ${MAX_BODY} bytes.`, 413);
  res.writeHead(out.status, {
    ...out.headers,
    connection: 'close',
    'content-length': Buffer.byteLength(out.body),
  });
  res.end(out.body);
  req.resume();
}
