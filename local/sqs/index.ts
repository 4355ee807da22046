// local/sqs: an SQS-compatible service. The engine keeps the queues (no HTTP); the service
// answers SQS's two wire protocols over it, mounted on an AWS endpoint (local/endpoint) by
// whoever wires it: `ferry up` beside Logs and CloudWatch, `ferry sqs` alone.
import { DEFAULTS } from '../config/index.js';
import type { Service } from '../endpoint/index.js';
import { MAX_BODY } from '../http/bounded.js';
import type { QueueEngine } from './engine/types.js';
import { SqsError } from './protocol/errors.js';
import { failure, handle, type HandlerOptions } from './protocol/handler.js';
import { SigV4Verifier } from './protocol/sigv4.js';

export { createEngine } from './engine/index.js';
export type { Clock, QueueEngine, ReceivedMessage } from './engine/types.js';

interface SqsServiceOptions {
  engine: QueueEngine;
  /** `http://host:port` of the endpoint it is mounted on: the base of every queue URL. */
  endpoint: string;
  /** Region of the SigV4 scope when signatures are required. Default DEFAULTS.region. */
  region?: string;
  /** With both set, every request must carry a valid SigV4 signature for these credentials. */
  accessKey?: string;
  secretKey?: string;
}

export function createSqsService(options: SqsServiceOptions): Service {
  if ((options.accessKey === undefined) !== (options.secretKey === undefined))
    throw new Error('createSqsService: accessKey and secretKey must be given together');
  const handlerOptions: HandlerOptions = { engine: options.engine, endpoint: options.endpoint };
  if (options.accessKey !== undefined && options.secretKey !== undefined)
    handlerOptions.verifier = new SigV4Verifier(
      { accessKey: options.accessKey, secretKey: options.secretKey },
      options.region ?? DEFAULTS.region,
    );
  return {
    handle: (req) => handle(handlerOptions, req),
    tooLarge: (req) =>
      failure(
        req.headers['x-amz-target'] !== undefined ? 'json' : 'query',
        new SqsError('RequestTooLarge', `Request body is larger than ${MAX_BODY} bytes.`),
      ),
  };
}
