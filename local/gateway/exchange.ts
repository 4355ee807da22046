// One request and its response, with the access log record that follows it: every answer the
// gateway writes goes through send(), which also completes the record and hands it on.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Api } from './api.js';
import { isCorsHeader, type Cors } from './cors.js';
import { GATEWAY_RESPONSES, type GatewayResponse } from './errors.js';
import { newRequestId, requestTime } from './event.js';
import type { AccessRecord } from './types.js';

export class Exchange {
  readonly started = performance.now();
  readonly timeEpoch: number;
  readonly requestId: string;
  readonly method: string;
  /** The path as sent, stage prefix included, query excluded. */
  readonly rawPath: string;
  readonly rawQueryString: string;
  readonly origin: string | undefined;
  readonly record: AccessRecord;

  constructor(
    private readonly api: Api,
    readonly req: IncomingMessage,
    private readonly res: ServerResponse,
  ) {
    this.timeEpoch = api.now();
    this.requestId = newRequestId();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    this.rawPath = q === -1 ? url : url.slice(0, q);
    this.rawQueryString = q === -1 ? '' : url.slice(q + 1);
    this.method = req.method ?? 'GET';
    this.origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    this.record = {
      requestId: this.requestId,
      ip: (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
      requestTime: requestTime(this.timeEpoch),
      requestTimeEpoch: this.timeEpoch,
      httpMethod: this.method,
      path: this.rawPath,
      routeKey: '-',
      status: 0,
      protocol: `HTTP/${req.httpVersion}`,
      responseLength: 0,
      latency: 0,
      integrationLatency: -1,
    };
  }

  /** Writes the response, CORS configuration replacing the function's CORS headers. */
  send(status: number, headers: Record<string, string | string[]>, body: Buffer, close = false): void {
    const { cors } = this.api;
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(headers)) if (!cors || !isCorsHeader(name)) out[name] = value;
    Object.assign(out, cors?.response(this.origin), {
      'content-length': String(body.length),
      'apigw-requestid': this.requestId,
    });
    if (close) out['connection'] = 'close';
    this.res.writeHead(status, out);
    this.res.end(body);
    this.record.status = status;
    this.record.responseLength = body.length;
    this.record.latency = Math.round(performance.now() - this.started);
    this.api.options.onRequest?.(this.record);
  }

  /** An answer of the gateway's own (GATEWAY_RESPONSES). */
  refuse(kind: GatewayResponse, close = false): void {
    const [status, message] = GATEWAY_RESPONSES[kind];
    this.record.error = message;
    this.send(
      status,
      { 'content-type': 'application/json', ...(kind === 'busy' ? { 'retry-after': '1' } : {}) },
      Buffer.from(JSON.stringify({ message })),
      close,
    );
  }

  /** Answers a CORS preflight request from the configuration, whatever the routes. */
  preflight(cors: Cors): void {
    const requested = String(this.req.headers['access-control-request-method']);
    this.res.writeHead(204, {
      ...cors.preflight(this.origin ?? '', requested),
      'apigw-requestid': this.requestId,
    });
    this.res.end();
    Object.assign(this.record, { status: 204, latency: Math.round(performance.now() - this.started) });
    this.api.options.onRequest?.(this.record);
  }
}
