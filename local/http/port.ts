// A port bound before anything is served on it. `ferry up` binds its three ports first, so that
// the template is resolved once with the real addresses and a taken port stops start-up before
// any store opens; each part is mounted on its port once it is wired. A request that arrives
// before is held, and answered by the part once it is mounted: a client that connects during
// start-up gets its answer when the stack is ready, never a 500 from a part that is not there
// yet. One held too long (start-up failed or hangs) gets 503 with Retry-After.
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import { createHostCheck, guardHost } from './hosts.js';
import { limitedServerOptions } from './limits.js';
import { listen, onPortOf, urlHost } from './listen.js';

export interface PortOptions {
  host: string;
  /** 0 picks a free one. */
  port: number;
  /** The flag that chose the port, named when it is taken (`--sqs-port`). */
  flag: string;
  /** Who probably holds a taken port ("another ferry up"). */
  holder: string;
  /** Over SERVER_LIMITS' timeouts, which every port has. */
  server?: ServerOptions;
  /** Server settings applied after creation (timeouts Node takes only as properties). */
  headersTimeout?: number;
  /** Answers `GET /_ferry/health` on this port, mounted or not: for scripts that wait for ready. */
  health?: () => { ready: boolean; [key: string]: unknown };
  /** How long a request waits for the part to be mounted before it gets 503. Default 60 s. */
  holdMs?: number;
  /** Host names answered besides loopback, IP literals and `host` (local/http/hosts.ts). */
  allowHosts?: readonly string[];
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

export const HEALTH_PATH = '/_ferry/health';

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** Requests that came before the part was mounted, answered in order once it is. */
class Hold {
  private waiting: { req: IncomingMessage; res: ServerResponse; timer: NodeJS.Timeout }[] = [];
  listener: RequestListener | undefined;

  constructor(private readonly holdMs: number) {}

  take(req: IncomingMessage, res: ServerResponse): void {
    if (this.listener !== undefined) return void this.listener(req, res);
    const timer = setTimeout(() => this.refuse(req, res), this.holdMs);
    this.waiting.push({ req, res, timer });
    res.once('close', () => this.drop(req));
  }

  mount(listener: RequestListener): void {
    this.listener = listener;
    const waiting = this.waiting;
    this.waiting = [];
    for (const { req, res, timer } of waiting) {
      clearTimeout(timer);
      if (!res.destroyed) listener(req, res);
    }
  }

  /** Answers every request still waiting (the port closes without its part). */
  release(): void {
    for (const { req, res } of [...this.waiting]) this.refuse(req, res);
  }

  private refuse(req: IncomingMessage, res: ServerResponse): void {
    this.drop(req);
    if (res.headersSent || res.destroyed) return;
    json(
      res,
      503,
      { message: 'Service Unavailable: ferry is not ready' },
      { 'retry-after': '1', connection: 'close' },
    );
  }

  private drop(req: IncomingMessage): void {
    const at = this.waiting.findIndex((w) => w.req === req);
    if (at === -1) return;
    clearTimeout(this.waiting[at]!.timer);
    this.waiting.splice(at, 1);
  }
}

export async function bindPort(options: PortOptions): Promise<BoundPort> {
  const hold = new Hold(options.holdMs ?? 60_000);
  const { health } = options;
  const check = createHostCheck(options.host, options.allowHosts);
  const server = createServer(
    { ...limitedServerOptions(), ...options.server },
    guardHost(check, (req, res) => {
      if (health !== undefined && req.method === 'GET' && req.url === HEALTH_PATH) {
        const state = health();
        return json(res, state.ready ? 200 : 503, state, state.ready ? {} : { 'retry-after': '1' });
      }
      hold.take(req, res);
    }),
  );
  if (options.headersTimeout !== undefined) server.headersTimeout = options.headersTimeout;
  const port = await onPortOf(options.flag, options.port, options.holder, (p) =>
    listen(server, p, options.host),
  );
  let closing: Promise<void> | undefined;
  const release = <T>(closed: Promise<T>) => {
    hold.release();
    return closed;
  };
  return {
    port,
    url: `http://${urlHost(options.host)}:${port}`,
    mount: (next) => hold.mount(next),
    close: (before) => (closing ??= release(closeServer(server, before))),
    drain: (busy, pollMs = 20) => (closing ??= release(drainServer(server, busy, pollMs))),
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
