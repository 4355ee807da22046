import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../config/index.js';

/** Binds `server` (port 0: a free one); resolves with the port it got, rejects with the bind error. */
export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** A bound host as it goes in a URL: a wildcard bind is reached through loopback, IPv6 in brackets. */
export function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts a server on `port`; a port that is taken (or not allowed) is reported with the flag that
 * chose it, so the user knows what to change. `holder` guesses who has it ("another ferry up").
 */
export async function onPortOf<T>(
  flag: string,
  port: number,
  holder: string,
  start: (port: number) => Promise<T>,
): Promise<T> {
  try {
    return await start(port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new ConfigError(
        'PortInUse',
        `${flag} ${port}: the port is already in use (${holder}?); choose another, or 0 for a free one`,
      );
    if (code === 'EACCES')
      throw new ConfigError(
        'PortNotAllowed',
        `${flag} ${port}: not allowed to listen on this port; choose one above 1023, or 0 for a free one`,
      );
    throw error;
  }
}
