import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { SqsError } from './protocol/errors.js';
import type { HandlerOptions, WireRequest } from './protocol/handler.js';
import { failure, handle } from './protocol/handler.js';

// The thin HTTP edge: read the body (bounded), hand it to the protocol layer, write what it answers.

/**
 * Largest request body read. A batch may carry 1 MiB of payload, which JSON escaping or base64
 * can grow several times; anything past this is refused without being buffered.
 */
export const MAX_BODY = 8 * 1024 * 1024;

export function createSqsHttpServer(options: HandlerOptions): Server {
  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, (req, res) => {
    onRequest(options, req, res);
  });
  // Long polls hold a request up to 20 s; never let the server time them out.
  server.headersTimeout = 30_000;
  return server;
}

function onRequest(options: HandlerOptions, req: IncomingMessage, res: ServerResponse): void {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY) {
    tooLarge(req, res);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
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
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
    handle(options, request(req, res, body)).then(
      (out) => {
        if (res.destroyed) return;
        out.headers['content-length'] = String(Buffer.byteLength(out.body));
        res.writeHead(out.status, out.headers);
        res.end(out.body);
      },
      () => res.destroy(),
    );
  });
}

/**
 * The request as the protocol layer sees it. Its abort signal (the client went away) is made on
 * first use: only long polls need it, and most requests should not pay for it.
 */
function request(req: IncomingMessage, res: ServerResponse, body: Buffer): WireRequest {
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
  const protocol = req.headers['x-amz-target'] !== undefined ? 'json' : 'query';
  const out = failure(
    protocol,
    new SqsError('RequestTooLarge', `Request body is larger than ${MAX_BODY} bytes.`),
  );
  res.writeHead(out.status, {
    ...out.headers,
    connection: 'close',
    'content-length': Buffer.byteLength(out.body),
  });
  res.end(out.body);
  req.resume();
}
