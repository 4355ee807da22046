import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gzipSync } from 'node:zlib';
import { createCloudWatchHandler, MetricStore } from '../../../local/metrics/index.js';
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

test.run();
