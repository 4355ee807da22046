import { request } from 'node:http';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allowHostsOf, createHostCheck, hostName } from '../../../local/http/hosts.js';
import { bindPort, HEALTH_PATH } from '../../../local/http/port.js';

// #15.5: every port answers only this machine's own names, so a DNS-rebinding page (its own
// domain resolved to 127.0.0.1) can neither read nor write Ferry.

/** A GET with exactly this Host header, on its own connection. */
function get(
  port: number,
  host: string,
  path = '/',
): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

test('#15.5: host names: loopback, IP literals, the bound host and the added names only', () => {
  const check = createHostCheck('devbox', ['host.docker.internal']);
  const names = [
    'localhost:9324',
    'LOCALHOST',
    'localhost.',
    'console.localhost:9325',
    '127.0.0.1:9324',
    '[::1]:9324',
    '192.168.1.20:3000',
    'devbox:9324',
    'host.docker.internal:9324',
    'rebind.test:9324',
    'localhost.rebind.test',
    '127.0.0.1.nip.io:9324',
    'evil-localhost:9324',
    '',
  ];
  assert.equal(Object.fromEntries(names.map((n) => [n, check(n)])), {
    'localhost:9324': true,
    LOCALHOST: true,
    'localhost.': true,
    'console.localhost:9325': true,
    '127.0.0.1:9324': true,
    '[::1]:9324': true,
    '192.168.1.20:3000': true,
    'devbox:9324': true,
    'host.docker.internal:9324': true,
    'rebind.test:9324': false,
    'localhost.rebind.test': false,
    '127.0.0.1.nip.io:9324': false,
    'evil-localhost:9324': false,
    '': false,
  });
  assert.is(hostName('[::1]:80'), '::1');
});

test('#15.5: a rebinding Host gets 403 naming --allow-host, health included; own names are served', async () => {
  const port = await bindPort({
    host: '127.0.0.1',
    port: 0,
    flag: '--port',
    holder: 'a test',
    health: () => ({ ready: true }),
    allowHosts: ['host.docker.internal'],
  });
  port.mount((_req, res) => res.end('served'));
  try {
    const refused = await get(port.port, `rebind.test:${port.port}`);
    assert.equal(refused, {
      status: 403,
      type: 'text/plain; charset=utf-8',
      body:
        `Ferry answers only this machine's own names, and Host 'rebind.test:${port.port}' is not one of ` +
        'them (a web page may be trying to reach Ferry through its own domain). If you use this name, ' +
        'start ferry with --allow-host rebind.test (or FERRY_ALLOW_HOSTS=rebind.test).\n',
    });
    assert.is((await get(port.port, 'rebind.test', HEALTH_PATH)).status, 403);
    assert.equal(
      await Promise.all(
        [`localhost:${port.port}`, `127.0.0.1:${port.port}`, 'host.docker.internal'].map(
          async (host) => (await get(port.port, host)).body,
        ),
      ),
      ['served', 'served', 'served'],
    );
  } finally {
    await port.close();
  }
});

test('#15.5: --allow-host and FERRY_ALLOW_HOSTS add names; a bad one is named', () => {
  assert.equal(allowHostsOf(['host.docker.internal'], 'a.test, b.test'), [
    'host.docker.internal',
    'a.test',
    'b.test',
  ]);
  assert.equal(allowHostsOf(undefined, undefined), []);
  assert.is(
    allowHostsOf(['http://x.test'], undefined),
    "--allow-host (or FERRY_ALLOW_HOSTS) takes host names such as host.docker.internal, got 'http://x.test'",
  );
});

test.run();
