// Starts a gateway on port 0 with a scripted `invoke` that records every event it receives.
import { request } from 'node:http';
import { startGateway } from '../../../local/gateway/index.js';
import type { ApiGatewayEventV2, Gateway, GatewayOptions } from '../../../local/gateway/index.js';
import type { InvokeOutcome } from '../../../local/lambda/index.js';

export type Behaviour = (event: ApiGatewayEventV2) => InvokeOutcome | Promise<InvokeOutcome>;

export interface Harness {
  gateway: Gateway;
  events: ApiGatewayEventV2[];
  /** Behaviour per target; the default echoes the route and its path parameters as JSON. */
  behaviours: Map<string, Behaviour>;
}

export const echo: Behaviour = (event) => ({
  ok: true,
  result: { routeKey: event.routeKey, pathParameters: event.pathParameters ?? null },
});

export async function startHarness(options: Partial<GatewayOptions> = {}): Promise<Harness> {
  const events: ApiGatewayEventV2[] = [];
  const behaviours = new Map<string, Behaviour>();
  const gateway = await startGateway({
    routes: [],
    ...options,
    invoke: async (target, event) => {
      events.push(event);
      return (behaviours.get(target) ?? echo)(event);
    },
  });
  return { gateway, events, behaviours };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with exactly the headers given (fetch would add its own). */
export function rawRequest(
  port: number,
  method: string,
  path: string,
  headers: [string, string][],
  body?: string | Buffer,
): Promise<RawResponse> {
  const all = [...headers];
  if (!all.some(([name]) => name.toLowerCase() === 'host')) all.unshift(['Host', `127.0.0.1:${port}`]);
  if (body !== undefined && !all.some(([name]) => name.toLowerCase() === 'content-length')) {
    all.push(['Content-Length', String(Buffer.byteLength(body))]);
  }
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method, path, headers: all.flat(), agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The request recorded in test/fixtures/gateway/http-api-v2-event.json, replayed on a port. */
export function fixtureRequest(port: number): Promise<RawResponse> {
  return rawRequest(
    port,
    'POST',
    '/prod/items/a%20b?tag=red&tag=blue&q=hello%20world',
    [
      ['Host', `localhost:${port}`],
      ['User-Agent', 'curl/8.5.0'],
      ['Accept', '*/*'],
      ['Cookie', 'session=abc123; theme=dark'],
      ['Content-Type', 'application/json'],
      ['X-Custom', 'one'],
      ['X-Custom', 'two'],
      ['Cookie', 'lang=en'],
      ['Content-Length', '26'],
    ],
    '{"type":"order","data":{}}',
  );
}
