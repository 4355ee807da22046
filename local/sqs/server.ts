import type { Server } from 'node:http';
import { createBoundedServer, MAX_BODY } from '../http/server.js';
import { SqsError } from './protocol/errors.js';
import type { HandlerOptions } from './protocol/handler.js';
import { failure, handle } from './protocol/handler.js';

// The SQS-only HTTP server: the shared bounded edge in front of the protocol layer.

export { MAX_BODY };

export function createSqsHttpServer(options: HandlerOptions): Server {
  return createBoundedServer({
    handle: (req) => handle(options, req),
    tooLarge: (req) =>
      failure(
        req.headers['x-amz-target'] !== undefined ? 'json' : 'query',
        new SqsError('RequestTooLarge', `Request body is larger than ${MAX_BODY} bytes.`),
      ),
  });
}
