import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

// The page's files, read and gzipped once at start: a first load is a handful of small responses
// from memory. uPlot comes from node_modules, so the console needs no network at all.

interface Asset {
  type: string;
  raw: Buffer;
  gzip: Buffer;
  etag: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

function asset(path: string): Asset {
  const raw = readFileSync(path);
  return {
    type: TYPES[extname(path)] ?? 'application/octet-stream',
    raw,
    gzip: gzipSync(raw, { level: 9 }),
    etag: `"${createHash('sha1').update(raw).digest('base64url').slice(0, 16)}"`,
  };
}

export function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const dir = fileURLToPath(new URL('./public/', import.meta.url));
  for (const file of readdirSync(dir)) assets.set(`/${file}`, asset(join(dir, file)));
  assets.set('/', assets.get('/index.html')!);
  const require = createRequire(import.meta.url);
  const uplot = require.resolve('uplot/dist/uPlot.iife.min.js');
  assets.set('/vendor/uPlot.js', asset(uplot));
  assets.set('/vendor/uPlot.css', asset(join(uplot, '..', 'uPlot.min.css')));
  return assets;
}

/** Serves an asset; false when the path is not one. */
export function serveAsset(assets: Map<string, Asset>, req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? '/').split('?')[0]!;
  const found = assets.get(path);
  if (found === undefined) return false;
  const headers = {
    'content-type': found.type,
    etag: found.etag,
    'cache-control': 'no-cache',
    vary: 'accept-encoding',
  };
  if (req.headers['if-none-match'] === found.etag) {
    res.writeHead(304, headers).end();
    return true;
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? found.gzip : found.raw;
  res.writeHead(200, {
    ...headers,
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    'content-length': body.length,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
