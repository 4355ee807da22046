import { DEFAULTS, type DataDir } from '../config/index.js';
import type { Server } from 'node:http';
import { createEngine } from './engine/index.js';
import type { Clock, QueueEngine } from './engine/types.js';
import type { HttpHandler } from '../http/types.js';
import { handle } from './protocol/handler.js';
import { SigV4Verifier } from './protocol/sigv4.js';
import { createSqsHttpServer } from './server.js';
import { listen, urlHost } from '../http/listen.js';

export interface SqsServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The opened data directory of a durable store (its opener releases it); absent: in memory. */
  data?: DataDir;
  /** Default DEFAULTS.region. */
  region?: string;
  /** With both set, every request must carry a valid SigV4 signature for these credentials. */
  accessKey?: string;
  secretKey?: string;
  clock?: Clock;
  /**
   * Makes the HTTP server from the SQS request handler, so that the one port serves other AWS
   * services beside SQS (local/endpoint's createEndpointServer). Default: the SQS-only server.
   */
  httpServer?: (sqs: HttpHandler) => Server;
}

export interface SqsServer {
  port: number;
  /** `http://host:port`; queue URLs are queueUrl(endpoint, account, name). */
  endpoint: string;
  engine: QueueEngine;
  /** Stops accepting requests, ends open connections and closes the engine and its store. */
  close(): Promise<void>;
}

export async function startSqsServer(options: SqsServerOptions): Promise<SqsServer> {
  const host = options.host ?? DEFAULTS.host;
  const region = options.region ?? DEFAULTS.region;
  if ((options.accessKey === undefined) !== (options.secretKey === undefined)) {
    throw new Error('startSqsServer: accessKey and secretKey must be given together');
  }
  const engine = await createEngine({ region, data: options.data, clock: options.clock });
  const handlerOptions = {
    engine,
    endpoint: '',
    ...(options.accessKey !== undefined && options.secretKey !== undefined
      ? {
          verifier: new SigV4Verifier({ accessKey: options.accessKey, secretKey: options.secretKey }, region),
        }
      : {}),
  };
  const server = options.httpServer
    ? options.httpServer((req) => handle(handlerOptions, req))
    : createSqsHttpServer(handlerOptions);
  let port: number;
  try {
    port = await listen(server, options.port, host);
  } catch (error) {
    await engine.close();
    throw error;
  }
  const endpoint = `http://${urlHost(host)}:${port}`;
  handlerOptions.endpoint = endpoint;

  let closing: Promise<void> | undefined;
  return {
    port,
    endpoint,
    engine,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Long polls resolve empty once the engine closes; let their answers go out, then
        // drop the idle keep-alive sockets.
        await engine.close();
        await new Promise((resolve) => setImmediate(resolve));
        server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}
