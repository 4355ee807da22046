// One raw HTTP exchange for the fuzz and hostile tests: any method, path, headers and body (fetch
// refuses some), answered within a bound or reported as a hang. An event stream counts as answered
// once its headers are out.
import { request } from 'node:http';
import { headerSafe } from './values.js';

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | string;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  ms: number;
}

/** Sends `req` to `base` (http://host:port); rejects naming the request when no answer comes in `boundMs`. */
export function send(base: string, req: RawRequest, boundMs = 5_000): Promise<RawAnswer> {
  const started = Date.now();
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const out = request({
      host: url.hostname,
      port: url.port,
      method: req.method,
      // What a client can put on the wire: the server never sees what Node.js refuses to send.
      path: req.path.replace(/[^\x21-\xff]/g, '%20'),
      headers: Object.fromEntries(
        Object.entries(req.headers)
          .filter(([k]) => /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(k))
          .map(([k, v]) => [k, headerSafe(v)])
          .concat([['content-length', String(Buffer.byteLength(req.body))]]),
      ),
      agent: false,
      insecureHTTPParser: true,
    });
    const timer = setTimeout(() => {
      out.destroy();
      reject(new Error(`no answer within ${boundMs} ms to ${req.method} ${req.path.slice(0, 200)}`));
    }, boundMs);
    out.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${req.method} ${req.path.slice(0, 200)}: ${error.message}`));
    });
    out.on('response', (res) => {
      const done = (body: string) => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, ms: Date.now() - started });
      };
      if (String(res.headers['content-type']).startsWith('text/event-stream')) {
        res.destroy();
        done('');
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
      res.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    out.end(req.body);
  });
}
