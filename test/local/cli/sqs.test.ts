import { resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../../../local/cli/main.js';
import { recordingIo } from '../../helpers/cli/io.js';
import { parseSqsFlags } from '../../../local/cli/sqs.js';

// `ferry sqs`: flags and usage (the process itself: sqs.integration.test.ts).

test('#15.5: --allow-host and FERRY_ALLOW_HOSTS add Host names the server answers', () => {
  assert.equal(
    parseSqsFlags(['--memory', '--allow-host', 'host.docker.internal'], { FERRY_ALLOW_HOSTS: 'a.test' }),
    {
      store: { kind: 'memory' },
      port: 9324,
      host: '127.0.0.1',
      region: 'us-east-1',
      allowHosts: ['host.docker.internal', 'a.test'],
    },
  );
});

test('flags: defaults, --memory, --data, credentials from flags or the environment', () => {
  assert.equal(parseSqsFlags([], {}), {
    store: { kind: 'durable', dir: resolve('.ferry') },
    port: 9324,
    host: '127.0.0.1',
    region: 'us-east-1',
  });
  assert.equal(
    parseSqsFlags(['--port', '0', '--memory', '--host', '0.0.0.0', '--region', 'eu-west-1', '--no-auth'], {}),
    {
      store: { kind: 'memory' },
      port: 0,
      host: '0.0.0.0',
      region: 'eu-west-1',
      warning:
        'warning: --host 0.0.0.0 is not a loopback address: other machines can reach every port. The AWS endpoint accepts any request (--no-auth).',
    },
  );
  assert.equal(parseSqsFlags(['--data', '/tmp/q', '--access-key', 'K', '--secret-key', 'S'], {}), {
    store: { kind: 'durable', dir: '/tmp/q' },
    port: 9324,
    host: '127.0.0.1',
    region: 'us-east-1',
    accessKey: 'K',
    secretKey: 'S',
  });
  assert.equal(parseSqsFlags(['--memory'], { FERRY_ACCESS_KEY: 'EK', FERRY_SECRET_KEY: 'ES' }), {
    store: { kind: 'memory' },
    port: 9324,
    host: '127.0.0.1',
    region: 'us-east-1',
    accessKey: 'EK',
    secretKey: 'ES',
  });
});

test('flags: what is wrong is named', () => {
  assert.match(String(parseSqsFlags(['--prot', '1'], {})), /^Unknown option '--prot'/);
  assert.is(parseSqsFlags(['--port', '70000'], {}), "--port must be an integer from 0 to 65535, got '70000'");
  assert.is(parseSqsFlags(['--memory', '--data', 'x'], {}), '--data and --memory cannot be used together');
  assert.is(
    parseSqsFlags(['--access-key', 'K'], {}),
    '--access-key and --secret-key (or FERRY_ACCESS_KEY and FERRY_SECRET_KEY) must be given together',
  );
});

test('ferry: unknown commands and flags exit 2 with the usage', async () => {
  const io = recordingIo();
  assert.is(await main(['launch'], io), 2);
  assert.match(io.errors[0] ?? '', /^ferry: unknown command 'launch'\n\nUsage: ferry <command> \[flags\]/);
  const io2 = recordingIo();
  assert.is(await main(['sqs', '--bogus'], io2), 2);
  assert.match(io2.errors[0] ?? '', /^ferry sqs: Unknown option '--bogus'.*\n\nUsage: ferry sqs /s);
});

test.run();
