import { createServer, type RequestListener } from 'node:http';
import { DEFAULTS } from '../config/index.js';
import { createHostCheck, guardHost } from '../http/hosts.js';
import { limitedServerOptions } from '../http/limits.js';
import { listen, urlHost } from '../http/listen.js';
import { handleApi } from './api.js';
import { readDashboard } from './dashboard.js';
import { loadAssets, serveAsset } from './static.js';
import type { Console, ConsoleOptions } from './types.js';

export type {
  ConsoleFunction,
  ConsoleQueue,
  ConsoleSources,
  LogEvent,
  LogFilter,
  LogSearch,
  LogsReader,
  MessageType,
  MetricQuery,
  MetricsReader,
  PeekedMessage,
} from './types.js';

/**
 * The local console: the template's dashboard, queues, logs and a test-message form, as a web page
 * and its JSON API, as the request listener of a server that someone else binds. Every data source
 * is injected (see ConsoleSources).
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

/** The console on its own server and port (0 picks a free one). */
export async function startConsole(options: ConsoleOptions): Promise<Console> {
  const host = options.host ?? DEFAULTS.host;
  const server = createServer(
    limitedServerOptions(),
    guardHost(createHostCheck(host), createConsoleListener(options)),
  );
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
