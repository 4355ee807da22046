import { createServer, type RequestListener } from 'node:http';
import { handleApi } from './api.js';
import { readDashboard } from './dashboard.js';
import { loadAssets, serveAsset } from './static.js';
import type { Console, ConsoleOptions } from './types.js';
import { listen, urlHost } from '../http/listen.js';

export type * from './types.js';

/**
 * The local console: the template's dashboard, queues, logs and a test-message form, as a web page
 * and its JSON API. Every data source is injected (see ConsoleSources).
 */
export function createConsoleListener(options: Pick<ConsoleOptions, 'sources'>): RequestListener {
  const { sources } = options;
  const ctx = { sources, widgets: readDashboard(sources.dashboardBody), now: sources.now ?? Date.now };
  const assets = loadAssets();
  return (req, res) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && serveAsset(assets, req, res)) return;
    handleApi(ctx, req, res).then(
      (handled) => {
        if (!handled) res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      },
      () => res.destroy(),
    );
  };
}

export async function startConsole(options: ConsoleOptions): Promise<Console> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer(createConsoleListener(options));
  const port = await listen(server, options.port, host);
  let closing: Promise<void> | undefined;
  return {
    port,
    url: `http://${urlHost(host)}:${port}/`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Live tails hold their connections open; end them so close() returns.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
