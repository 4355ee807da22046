import { get } from 'node:http';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { urlHost } from '../../../local/http/listen.js';
import { startHarness } from '../../helpers/gateway/harness.js';

test('urlHost: a wildcard bind is reached through loopback, IPv6 goes in brackets', () => {
  assert.equal(['127.0.0.1', '0.0.0.0', '::', '::1', 'fe80::1', 'localhost'].map(urlHost), [
    '127.0.0.1',
    '127.0.0.1',
    '[::1]',
    '[::1]',
    '[fe80::1]',
    'localhost',
  ]);
});

test('a gateway bound to 0.0.0.0 gives a URL that answers (not http://0.0.0.0)', async () => {
  const { gateway } = await startHarness({ host: '0.0.0.0' });
  try {
    assert.is(gateway.url, `http://127.0.0.1:${gateway.port}`);
    const status = await new Promise<number | undefined>((resolve, reject) =>
      get(`${gateway.url}/nowhere`, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject),
    );
    assert.is(status, 404);
  } finally {
    await gateway.close();
  }
});

test.run();
