// An HTTP server that plays an API Gateway HTTP API (payload format 2.0) in front of functions
// it reaches through the injected `invoke`. What API Gateway answers by itself (no route, too
// large, throttled, CORS preflight, integration timeout, function error) is answered here too.
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createCors, isCorsHeader } from './cors.js';
import { buildEvent, newRequestId, requestTime } from './event.js';
import { mapResult } from './response.js';
import { createRouter } from './routes.js';
import { createTokenBucket } from './throttle.js';
import type { AccessRecord, Gateway, GatewayOptions } from './types.js';
import { listen, urlHost } from '../http/listen.js';

export type * from './types.js';
export { RouteKeyError, type RouteKeyErrorCode } from './errors.js';

const MB = 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;

// The bodies API Gateway answers with when it, not the function, decides the response.
const GATEWAY_RESPONSES = {
  notFound: [404, 'Not Found'],
  tooLarge: [413, 'Request Entity Too Large'],
  throttled: [429, 'Too Many Requests'],
  internal: [500, 'Internal Server Error'],
  timeout: [503, 'Service Unavailable'],
} as const;
type GatewayResponse = keyof typeof GATEWAY_RESPONSES;

export function createGatewayListener(options: Omit<GatewayOptions, 'host' | 'port'>): RequestListener {
  const stage = options.stage ?? '$default';
  const stagePrefix = stage === '$default' ? '' : `/${stage}`;
  const maxBody = options.maxBodyBytes ?? 10 * MB;
  const now = options.now ?? Date.now;
  const match = createRouter(options.routes);
  const cors = options.cors ? createCors(options.cors) : undefined;
  const take = options.throttling ? createTokenBucket(options.throttling, now) : () => true;
  const apiId = options.apiId ?? 'local';
  const accountId = options.accountId ?? '000000000000';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const timeEpoch = now();
    const requestId = newRequestId();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q === -1 ? url : url.slice(0, q);
    const rawQueryString = q === -1 ? '' : url.slice(q + 1);
    const method = req.method ?? 'GET';
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    const record: AccessRecord = {
      requestId,
      ip: (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
      requestTime: requestTime(timeEpoch),
      requestTimeEpoch: timeEpoch,
      httpMethod: method,
      path: rawPath,
      routeKey: '-',
      status: 0,
      protocol: `HTTP/${req.httpVersion}`,
      responseLength: 0,
      latency: 0,
      integrationLatency: -1,
    };

    const send = (
      status: number,
      headers: Record<string, string | string[]>,
      body: Buffer,
      close = false,
    ) => {
      const out: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(headers))
        if (!cors || !isCorsHeader(name)) out[name] = value;
      Object.assign(out, cors?.response(origin), {
        'content-length': String(body.length),
        'apigw-requestid': requestId,
      });
      if (close) out['connection'] = 'close';
      res.writeHead(status, out);
      res.end(body);
      record.status = status;
      record.responseLength = body.length;
      record.latency = Math.round(performance.now() - started);
      options.onRequest?.(record);
    };
    const gatewayError = (kind: GatewayResponse, close = false) => {
      const [status, message] = GATEWAY_RESPONSES[kind];
      record.error = message;
      send(status, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify({ message })), close);
    };

    if (Number(req.headers['content-length'] ?? 0) > maxBody) return gatewayError('tooLarge', true);
    if (!take()) return gatewayError('throttled');
    if (cors?.isPreflight(method, req.headers)) {
      const requested = String(req.headers['access-control-request-method']);
      res.writeHead(204, { ...cors.preflight(origin ?? '', requested), 'apigw-requestid': requestId });
      res.end();
      Object.assign(record, { status: 204, latency: Math.round(performance.now() - started) });
      options.onRequest?.(record);
      return;
    }

    const inStage = stagePrefix === '' || rawPath === stagePrefix || rawPath.startsWith(`${stagePrefix}/`);
    const found = inStage ? match(method, rawPath.slice(stagePrefix.length) || '/') : undefined;
    if (!found) return gatewayError('notFound');
    record.routeKey = found.route.routeKey;

    const body = await readBody(req, maxBody);
    if (!body) return gatewayError('tooLarge', true);

    const event = buildEvent(
      {
        method,
        rawPath,
        rawQueryString,
        rawHeaders: req.rawHeaders,
        sourceIp: record.ip,
        localPort: req.socket.localPort ?? 0,
        body,
        timeEpoch,
      },
      {
        routeKey: found.route.routeKey,
        stage,
        apiId,
        accountId,
        requestId,
        ...(found.pathParameters ? { pathParameters: found.pathParameters } : {}),
        ...(options.stageVariables ? { stageVariables: options.stageVariables } : {}),
      },
    );

    const invokedAt = performance.now();
    const timeoutMs = found.route.integration?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([
      options.invoke(found.route.target, event).catch((error: unknown) => ({
        ok: false as const,
        error: {
          errorType: 'InvokeError',
          errorMessage: error instanceof Error ? error.message : String(error),
        },
      })),
      timedOut,
    ]);
    clearTimeout(timer);

    if (outcome === 'timeout') {
      record.integrationError = `integration timed out after ${timeoutMs} ms`;
      return gatewayError('timeout');
    }
    record.integrationLatency = Math.round(performance.now() - invokedAt);
    record.integrationStatus = 200;
    if (!outcome.ok) {
      record.integrationError = `${outcome.error.errorType}: ${outcome.error.errorMessage}`;
      return gatewayError('internal');
    }
    const mapped = mapResult(outcome.result);
    if (!mapped.ok) {
      record.integrationError = `The response from the function doesn't match the format that API Gateway expects: ${mapped.reason}`;
      return gatewayError('internal');
    }
    send(mapped.response.status, mapped.response.headers, mapped.response.body);
  }

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug here must not take the runtime down: answer like API Gateway would.
      if (!res.headersSent) {
        const body = JSON.stringify({ message: 'Internal Server Error' });
        res.writeHead(500, { 'content-type': 'application/json', 'content-length': body.length });
        res.end(body);
      }
      process.emitWarning(`gateway: ${error instanceof Error ? error.stack : String(error)}`);
    });
  };
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const stage = options.stage ?? '$default';
  const stagePrefix = stage === '$default' ? '' : `/${stage}`;
  const server = createServer(createGatewayListener(options));
  server.keepAliveTimeout = 65_000;

  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, host);

  return {
    port,
    url: `http://${urlHost(host)}:${port}${stagePrefix}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

/** Reads the body, or answers undefined as soon as it grows past `limit` (and stops reading). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}
