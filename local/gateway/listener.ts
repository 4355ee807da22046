// What API Gateway does with one request, in its order: size and throttling guards, CORS
// preflight, route selection, the body, the payload format 2.0 event, the integration (with its
// timeout) and the mapping of the function's result to the response. What API Gateway answers by
// itself (no route, too large, throttled, integration timeout, function error) is answered here too.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InternalErrorLog } from '../http/internal-errors.js';
import type { BodyBudget } from '../http/limits.js';
import { performance } from 'node:perf_hooks';
import type { InvokeOutcome } from '../lambda/index.js';
import { createApi, eventFor, routeOf, type Api } from './api.js';
import { Exchange } from './exchange.js';
import { mapResult } from './response.js';
import type { RouteMatch } from './routes.js';
import type { ApiGatewayEventV2, GatewayListenerOptions, RouteConfig } from './types.js';

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The request listener of one HTTP API, for a server bound by the caller: `createServer(listener)`.
 * The routes are checked here, at once (RouteKeyError). A failure of the gateway itself is answered
 * 500, as API Gateway would, and reported on stderr (one line with its request id, the stack
 * once): it never takes the server down.
 */
export function createGatewayListener(
  options: GatewayListenerOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const api = createApi(options);
  return (req, res) => {
    const x = new Exchange(api, req, res);
    handle(api, x, req).catch((error: unknown) => {
      if (!res.headersSent) {
        const body = JSON.stringify({ message: 'Internal Server Error' });
        res.writeHead(500, { 'content-type': 'application/json', 'content-length': body.length });
        res.end(body);
      }
      internalErrors.report(x.requestId, `${x.method} ${x.rawPath}`, error);
    });
  };
}

const internalErrors = new InternalErrorLog('ferry gateway');

async function handle(api: Api, x: Exchange, req: IncomingMessage): Promise<void> {
  if (Number(req.headers['content-length'] ?? 0) > api.maxBody) return x.refuse('tooLarge', true);
  if (!api.take()) return x.refuse('throttled');
  if (api.cors?.isPreflight(x.method, req.headers)) return x.preflight(api.cors);

  const found = routeOf(api, x.method, x.rawPath);
  if (!found) return x.refuse('notFound');
  x.record.routeKey = found.route.routeKey;

  const body = await readBody(req, api.maxBody, api.budget);
  // A client that went away mid-body is no one to answer, and no fault of the gateway.
  if (body === 'aborted') return;
  if (!Buffer.isBuffer(body)) return x.refuse(body, true);
  await integrate(api, x, found.route, eventOf(api, x, found, body));
}

function eventOf(api: Api, x: Exchange, found: RouteMatch, body: Buffer): ApiGatewayEventV2 {
  return eventFor(
    api,
    found,
    {
      method: x.method,
      rawPath: x.rawPath,
      rawQueryString: x.rawQueryString,
      rawHeaders: x.req.rawHeaders,
      sourceIp: x.record.ip,
      localPort: x.req.socket.localPort ?? 0,
      body,
      timeEpoch: x.timeEpoch,
    },
    x.requestId,
  );
}

/** Invokes the route's function within its integration timeout and answers what it returned. */
async function integrate(api: Api, x: Exchange, route: RouteConfig, event: ApiGatewayEventV2): Promise<void> {
  const invokedAt = performance.now();
  const timeoutMs = api.options.integrationTimeoutMs ?? route.integration?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const outcome = await invokeWithin(api, route.target, event, timeoutMs);
  if (outcome === 'timeout') {
    x.record.integrationError = `integration timed out after ${timeoutMs} ms`;
    return x.refuse('timeout');
  }
  x.record.integrationLatency = Math.round(performance.now() - invokedAt);
  x.record.integrationStatus = 200;
  if (!outcome.ok) {
    x.record.integrationError = `${outcome.error.errorType}: ${outcome.error.errorMessage}`;
    return x.refuse('internal');
  }
  const mapped = mapResult(outcome.result);
  if (!mapped.ok) {
    x.record.integrationError = `The response from the function doesn't match the format that API Gateway expects: ${mapped.reason}`;
    return x.refuse('internal');
  }
  x.send(mapped.response.status, mapped.response.headers, mapped.response.body);
}

/** The function's outcome, an invoke that rejects as its failure, or 'timeout'. */
async function invokeWithin(
  api: Api,
  target: string,
  event: ApiGatewayEventV2,
  timeoutMs: number,
): Promise<InvokeOutcome | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const outcome = await Promise.race([
    api.options.invoke(target, event).catch((error: unknown) => ({
      ok: false as const,
      error: {
        errorType: 'InvokeError',
        errorMessage: error instanceof Error ? error.message : String(error),
      },
    })),
    timedOut,
  ]);
  clearTimeout(timer);
  return outcome;
}

/**
 * Reads the body; stops reading as soon as it grows past `limit` ('tooLarge') or past what
 * `budget` has left ('busy'). What it holds of the budget is given back however it ends.
 */
function readBody(
  req: IncomingMessage,
  limit: number,
  budget: BodyBudget,
): Promise<Buffer | 'tooLarge' | 'busy' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const giveBack = () => {
      budget.give(size);
      size = 0;
    };
    const stop = (why: 'tooLarge' | 'busy') => {
      req.off('data', onData);
      req.pause();
      giveBack();
      chunks.length = 0;
      resolve(why);
    };
    const onData = (chunk: Buffer) => {
      if (size + chunk.length > limit) return stop('tooLarge');
      if (!budget.take(chunk.length)) return stop('busy');
      size += chunk.length;
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('close', giveBack);
    req.once('end', () => {
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      giveBack();
      resolve(body);
    });
    req.once('error', () => {
      giveBack();
      resolve('aborted');
    });
  });
}
