// A standalone gateway: its own server on its own port, running createGatewayListener.
import { createServer } from 'node:http';
import { DEFAULTS } from '../config/index.js';
import { createHostCheck, guardHost } from '../http/hosts.js';
import { limitedServerOptions } from '../http/limits.js';
import { listen, urlHost } from '../http/listen.js';
import { stagePrefixOf } from './api.js';
import { createGatewayListener } from './listener.js';
import type { Gateway, GatewayOptions } from './types.js';

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const host = options.host ?? DEFAULTS.host;
  const server = createServer(
    limitedServerOptions(),
    guardHost(createHostCheck(host, options.allowHosts), createGatewayListener(options)),
  );
  server.keepAliveTimeout = 65_000;
  const port = await listen(server, options.port ?? 0, host);
  return {
    port,
    url: `http://${urlHost(host)}:${port}${stagePrefixOf(options.stage)}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
