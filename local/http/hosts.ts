import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';

// Which Host names a local server answers. A web page can make the browser resolve its own domain
// to 127.0.0.1 (DNS rebinding) and then read and write Ferry's ports as if it were the same
// origin; the one thing it cannot change is the Host header, which names its domain. So every
// port answers only names that point at this machine by construction: the loopback names, any IP
// literal (a rebinding needs a DNS name of the attacker's), the bound host, and the names the user
// adds (`--allow-host host.docker.internal`).

export const ALLOW_HOST_FLAG = '--allow-host';
export const ALLOW_HOSTS_ENV = 'FERRY_ALLOW_HOSTS';

/** A Host header's name: lower case, without its port, brackets or a trailing dot. */
export function hostName(header: string): string {
  const lower = header.trim().toLowerCase();
  const name = lower.startsWith('[')
    ? lower.slice(1, lower.indexOf(']') === -1 ? undefined : lower.indexOf(']'))
    : lower.replace(/:\d*$/, '');
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/** Decides on a Host header; absent (HTTP/1.0 tools) is allowed: browsers always send one. */
export function createHostCheck(bound: string, allow: readonly string[] = []): (host?: string) => boolean {
  const names = new Set([hostName(bound), ...allow.map(hostName)]);
  return (host) => {
    if (host === undefined) return true;
    const name = hostName(host);
    return names.has(name) || name === 'localhost' || name.endsWith('.localhost') || isIP(name) !== 0;
  };
}

/** A request listener that answers 403 to a request whose Host is not allowed, else calls `next`. */
export function guardHost(
  check: (host?: string) => boolean,
  next: (req: IncomingMessage, res: ServerResponse) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const host = req.headers.host;
    if (check(host)) return next(req, res);
    const name = hostName(host ?? '');
    const text =
      `Ferry answers only this machine's own names, and Host '${host}' is not one of them ` +
      `(a web page may be trying to reach Ferry through its own domain). If you use this name, ` +
      `start ferry with ${ALLOW_HOST_FLAG} ${name} (or ${ALLOW_HOSTS_ENV}=${name}).\n`;
    res.writeHead(403, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
      connection: 'close',
    });
    res.end(text);
    req.resume();
  };
}

/** `--allow-host` values and FERRY_ALLOW_HOSTS (comma- or space-separated), checked; or what is wrong. */
export function allowHostsOf(
  flags: readonly string[] | undefined,
  env: string | undefined,
): string[] | string {
  const names = [...(flags ?? []), ...(env ?? '').split(/[\s,]+/)].filter((n) => n !== '');
  for (const name of names)
    if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(name))
      return `${ALLOW_HOST_FLAG} (or ${ALLOW_HOSTS_ENV}) takes host names such as host.docker.internal, got '${name}'`;
  return names;
}
