import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gzipSync } from 'node:zlib';
import { request } from 'node:http';
import { startEndpoint } from '../../../local/endpoint/index.js';
import { cloudWatchTooLarge, createCloudWatchHandler, MetricStore } from '../../../local/metrics/index.js';
import type { HttpRequest } from '../../../local/http/types.js';

const handler = createCloudWatchHandler({ store: new MetricStore() });

const put = (body: Buffer, gzip: boolean): HttpRequest => ({
  method: 'POST',
  url: '/',
  headers: {
    'x-amz-target': 'GraniteServiceVersion20100801.PutMetricData',
    'content-type': 'application/x-amz-json-1.0',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  },
  body,
});

const tooLarge = (message: string) => ({
  status: 413,
  headers: {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-query-error': 'RequestEntityTooLarge;Sender',
  },
  body: JSON.stringify({ __type: 'com.amazonaws.cloudwatch#RequestEntityTooLarge', message }),
});

test('#15.6: a gzip bomb is refused as too large without being inflated whole', async () => {
  // 64 MB of spaces (valid JSON whitespace) in 64 KB of gzip; before, it was inflated whole.
  const bomb = gzipSync(Buffer.concat([Buffer.alloc(64 * 1024 * 1024, ' '), Buffer.from('{}')]));
  assert.ok(bomb.length < 100 * 1024);
  const before = process.memoryUsage().arrayBuffers;
  const out = await handler(put(bomb, true));
  assert.equal(out, tooLarge('Request size exceeded 1048576 bytes'));
  assert.ok(process.memoryUsage().arrayBuffers - before < 16 * 1024 * 1024);
});

test('#15.6: a plain body over 1 MB is refused with its size, as CloudWatch does', async () => {
  const out = await handler(put(Buffer.alloc(1024 * 1024 + 10, ' '), false));
  assert.equal(out, tooLarge('Request size 1048586 exceeded 1048576 bytes'));
});

test('#15.6: a gzipped PutMetricData under the limit is still taken', async () => {
  const body = { Namespace: 'Ferry', MetricData: [{ MetricName: 'Sent', Value: 1 }] };
  const out = await handler(put(gzipSync(Buffer.from(JSON.stringify(body))), true));
  assert.equal(out.status, 200);
});

test("#15.6: a body over the endpoint limit gets CloudWatch's 413, not the generic one", async () => {
  const ep = await startEndpoint({
    port: 0,
    services: new Map([['monitoring', { handle: handler, tooLarge: cloudWatchTooLarge }]]),
  });
  try {
    const out = await new Promise<{ status?: number; query?: string | string[]; body: string }>(
      (resolve, reject) => {
        const req = request(
          {
            port: ep.port,
            method: 'POST',
            headers: {
              'x-amz-target': 'GraniteServiceVersion20100801.PutMetricData',
              'content-length': 9 * 1024 * 1024,
            },
          },
          (res) => {
            let body = '';
            res.on('data', (d: Buffer) => (body += d.toString()));
            res.on('end', () =>
              resolve({ status: res.statusCode, query: res.headers['x-amzn-query-error'], body }),
            );
          },
        );
        req.on('error', reject);
        req.flushHeaders();
      },
    );
    assert.equal(out, {
      status: 413,
      query: 'RequestEntityTooLarge;Sender',
      body: tooLarge('Request size 9437184 exceeded 1048576 bytes').body,
    });
  } finally {
    await ep.close();
  }
});

test.run();
