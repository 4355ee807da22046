// `ferry sqs`: the SQS service alone on an AWS endpoint, over an engine in an opened data
// directory (in memory without one).
import { DEFAULTS, type DataDir } from '../config/index.js';
import {
  createEndpointListener,
  ENDPOINT_HEADERS_TIMEOUT,
  ENDPOINT_SERVER,
  type Verification,
} from '../endpoint/index.js';
import { bindPort } from '../http/port.js';
import { createEngine, createSqsService, type Clock, type QueueEngine } from '../sqs/index.js';

export interface SqsServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default DEFAULTS.host. */
  host?: string;
  /** Host names answered besides loopback, IP literals and `host` (`--allow-host`). */
  allowHosts?: string[];
  /** The opened data directory of a durable store (its opener releases it); absent: in memory. */
  data?: DataDir;
  /** Default DEFAULTS.region. */
  region?: string;
  /** With both set, every request must carry a valid SigV4 signature for these credentials. */
  accessKey?: string;
  secretKey?: string;
  clock?: Clock;
}

export interface SqsServer {
  port: number;
  /** `http://host:port`, the base of every queue URL. */
  endpoint: string;
  engine: QueueEngine;
  /** Stops accepting requests, answers long polls as the engine closes, ends open connections. */
  close(): Promise<void>;
}

export async function startSqsServer(options: SqsServerOptions): Promise<SqsServer> {
  const region = options.region ?? DEFAULTS.region;
  const port = await bindPort({
    host: options.host ?? DEFAULTS.host,
    port: options.port,
    flag: '--port',
    holder: 'another ferry sqs or ferry up',
    server: ENDPOINT_SERVER,
    headersTimeout: ENDPOINT_HEADERS_TIMEOUT,
    allowHosts: options.allowHosts,
  });
  let engine: QueueEngine;
  try {
    engine = await createEngine({ region, data: options.data, clock: options.clock });
    const sqs = createSqsService({ engine, endpoint: port.url });
    const auth: Verification | undefined =
      options.accessKey !== undefined && options.secretKey !== undefined
        ? {
            credentials: { accessKeyId: options.accessKey, secretAccessKey: options.secretKey },
            region,
          }
        : undefined;
    port.mount(createEndpointListener(new Map([['sqs', sqs]]), auth));
  } catch (error) {
    await port.close();
    throw error;
  }
  return {
    port: port.port,
    endpoint: port.url,
    engine,
    close: () => port.close(() => engine.close()),
  };
}
