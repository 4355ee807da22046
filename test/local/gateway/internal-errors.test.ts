import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rawRequest, startHarness } from '../../helpers/gateway/harness.js';

const route = [
  { routeKey: 'POST /messages', target: 'fn', integration: { payloadFormatVersion: '2.0' as const } },
];

test('#15.13: a gateway failure prints one line with the request id, the stack once', async () => {
  // The access hook failing stands in for a bug in the gateway.
  let n = 0;
  const { gateway } = await startHarness({
    routes: route,
    onRequest: () => {
      n++;
      const e = new RangeError('hook failed');
      e.stack = 'RangeError: hook failed\n    at hook (access.ts:1:1)';
      throw e;
    },
  });
  const written: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  const ids: string[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const out = await rawRequest(gateway.port, 'POST', '/messages', [['Content-Type', 'text/plain']], 'x');
      ids.push(String(out.headers['apigw-requestid']));
    }
  } finally {
    process.stderr.write = write;
    await gateway.close();
  }
  assert.is(n, 3);
  const line = (id: string) =>
    `ferry gateway: internal error in POST /messages, request ${id}: RangeError: hook failed`;
  assert.is(
    written.join(''),
    `${line(ids[0]!)}\nRangeError: hook failed\n    at hook (access.ts:1:1)\n${line(ids[1]!)}\n${line(ids[2]!)}\n`,
  );
});

test.run();
