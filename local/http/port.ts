// A port bound before anything is served on it. `ferry up` binds its three ports first, so that
// the template is resolved once with the real addresses and a taken port stops start-up before
// any store opens; each part is mounted on its port once it is wired. Until then the port answers
// 503 with Retry-After, never a 500 from a part that is not there yet.
import { createServer, type RequestListener, type Server, type ServerOptions } from 'node:http';
import { listen, onPortOf, urlHost } from './listen.js';

export interface PortOptions {
  host: string;
  /** 0 picks a free one. */
  port: number;
  /** The flag that chose the port, named when it is taken (`--sqs-port`). */
  flag: string;
  /** Who probably holds a taken port ("another ferry up"). */
  holder: string;
  server?: ServerOptions;
  /** Server settings applied after creation (timeouts Node takes only as properties). */
  headersTimeout?: number;
}

export interface BoundPort {
  readonly port: number;
  /** `http://host:port`, the host as it goes in a URL. */
  readonly url: string;
  /** Serves `listener` from now on. */
  mount(listener: RequestListener): void;
  /**
   * Stops accepting, runs `before` (a part finishing what it holds: long polls answered as the
   * engine closes), then ends every connection. Idempotent.
   */
  close(before?: () => Promise<void>): Promise<void>;
  /** Stops accepting and ends idle connections until `busy()` is false, then closes. */
  drain(busy: () => boolean, pollMs?: number): Promise<void>;
}

const NOT_READY = JSON.stringify({ message: 'Service Unavailable: ferry is starting' });

const notReady: RequestListener = (_req, res) => {
  res.writeHead(503, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(NOT_READY),
    'retry-after': '1',
  });
  res.end(NOT_READY);
};

export async function bindPort(options: PortOptions): Promise<BoundPort> {
  let listener: RequestListener = notReady;
  const server = createServer(options.server ?? {}, (req, res) => listener(req, res));
  if (options.headersTimeout !== undefined) server.headersTimeout = options.headersTimeout;
  const port = await onPortOf(options.flag, options.port, options.holder, (p) =>
    listen(server, p, options.host),
  );
  let closing: Promise<void> | undefined;
  return {
    port,
    url: `http://${urlHost(options.host)}:${port}`,
    mount: (next) => (listener = next),
    close: (before) => (closing ??= closeServer(server, before)),
    drain: (busy, pollMs = 20) => (closing ??= drainServer(server, busy, pollMs)),
  };
}

async function closeServer(server: Server, before?: () => Promise<void>): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  await before?.();
  // Let the answers `before` released go out, then drop what is left (keep-alive, live tails).
  await new Promise((resolve) => setImmediate(resolve));
  server.closeAllConnections();
  await closed;
}

/**
 * `close()` ends idle connections only once, and a keep-alive connection busy at that moment stays
 * open after its response: so idle ones are ended again until nothing is in flight.
 */
async function drainServer(server: Server, busy: () => boolean, pollMs: number): Promise<void> {
  let closed = false;
  const done = new Promise<void>((resolve) =>
    server.close(() => {
      closed = true;
      resolve();
    }),
  );
  server.closeIdleConnections();
  while (!closed) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    if (!busy()) server.closeIdleConnections();
  }
  await done;
}
