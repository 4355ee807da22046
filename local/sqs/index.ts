// local/sqs: an SQS-compatible service. The engine keeps the queues (no HTTP); the service
// answers SQS's two wire protocols over it, mounted on an AWS endpoint (local/endpoint) by
// whoever wires it: `ferry up` beside Logs and CloudWatch, `ferry sqs` alone.
import type { Service } from '../endpoint/index.js';
import { MAX_BODY } from '../http/bounded.js';
import type { QueueEngine } from './engine/types.js';
import { SqsError } from './protocol/errors.js';
import { failure, handle, type HandlerOptions } from './protocol/handler.js';

export { createEngine } from './engine/index.js';
export type { Clock, QueueEngine, ReceivedMessage } from './engine/types.js';

interface SqsServiceOptions {
  engine: QueueEngine;
  /** `http://host:port` of the endpoint it is mounted on: the base of every queue URL. */
  endpoint: string;
}

/** SQS on an endpoint, which checks signatures (when asked to) before SQS reads a request. */
export function createSqsService(options: SqsServiceOptions): Service {
  const handlerOptions: HandlerOptions = { engine: options.engine, endpoint: options.endpoint };
  return {
    handle: (req) => handle(handlerOptions, req),
    refuse: (req, error) =>
      failure(
        req.headers['x-amz-target'] !== undefined ? 'json' : 'query',
        new SqsError(error.code, error.message),
      ),
    tooLarge: (req) =>
      failure(
        req.headers['x-amz-target'] !== undefined ? 'json' : 'query',
        new SqsError('RequestTooLarge', `Request body is larger than ${MAX_BODY} bytes.`),
      ),
  };
}
