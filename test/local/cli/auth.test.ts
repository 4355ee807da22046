import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { authFlags, isLoopback } from '../../../local/cli/auth.js';
import { sqsCommand } from '../../../local/cli/sqs.js';
import { upCommand } from '../../../local/cli/up.js';
import { recordingIo } from '../../helpers/cli/io.js';

// #15.4/#15.5: a non-loopback --host reaches the network: it is said, and SigV4 is on unless the
// user says --no-auth. Keys from the flags or FERRY_ACCESS_KEY/FERRY_SECRET_KEY, as ferry sqs had.

const test = suite('#15.4 SigV4 enforcement flags of ferry up and ferry sqs');

const REFUSED =
  '--host 0.0.0.0 is not a loopback address: other machines can reach the AWS endpoint there. ' +
  'Give --access-key and --secret-key (or FERRY_ACCESS_KEY and FERRY_SECRET_KEY) so that it ' +
  'accepts only requests signed with them, or --no-auth to accept any request';

test('loopback names and addresses', () => {
  const loopback = [
    '127.0.0.1',
    '127.1.2.3',
    'localhost',
    'api.localhost',
    '::1',
    '[::1]',
    '0:0:0:0:0:0:0:1',
    '::ffff:127.0.0.1',
  ];
  const network = [
    '0.0.0.0',
    '::',
    '192.168.1.10',
    '10.0.0.1',
    'example.com',
    '::ffff:10.0.0.1',
    '128.0.0.1',
  ];
  assert.equal(
    [...loopback, ...network].map((h) => [h, isLoopback(h)]),
    [...loopback.map((h) => [h, true]), ...network.map((h) => [h, false])],
  );
});

test('on loopback: no warning; keys from the flags or the environment turn SigV4 on', () => {
  const keys = { accessKeyId: 'K', secretAccessKey: 'S' };
  assert.equal(authFlags({}, {}, '127.0.0.1'), {});
  assert.equal(authFlags({ 'access-key': 'K', 'secret-key': 'S' }, {}, '127.0.0.1'), { keys });
  assert.equal(authFlags({}, { FERRY_ACCESS_KEY: 'K', FERRY_SECRET_KEY: 'S' }, 'localhost'), { keys });
  assert.equal(authFlags({ 'no-auth': true }, { FERRY_ACCESS_KEY: 'K', FERRY_SECRET_KEY: 'S' }, '::1'), {});
  assert.is(
    authFlags({ 'access-key': 'K' }, {}, '127.0.0.1'),
    '--access-key and --secret-key (or FERRY_ACCESS_KEY and FERRY_SECRET_KEY) must be given together',
  );
  assert.is(
    authFlags({ 'access-key': 'K', 'secret-key': 'S', 'no-auth': true }, {}, '127.0.0.1'),
    '--no-auth and --access-key/--secret-key cannot be given together',
  );
});

test('off loopback: refused without keys or --no-auth; warned with either', () => {
  assert.is(authFlags({}, {}, '0.0.0.0'), REFUSED);
  assert.equal(authFlags({}, { FERRY_ACCESS_KEY: 'K', FERRY_SECRET_KEY: 'S' }, '0.0.0.0'), {
    keys: { accessKeyId: 'K', secretAccessKey: 'S' },
    warning:
      'warning: --host 0.0.0.0 is not a loopback address: other machines can reach every port. The AWS endpoint accepts only requests signed with the key K.',
  });
  assert.equal(authFlags({ 'no-auth': true }, {}, '192.168.1.10'), {
    warning:
      'warning: --host 192.168.1.10 is not a loopback address: other machines can reach every port. The AWS endpoint accepts any request (--no-auth).',
  });
});

test('ferry up and ferry sqs on 0.0.0.0 without keys do not start, and say why', async () => {
  for (const [command, name] of [
    [upCommand, 'up'],
    [sqsCommand, 'sqs'],
  ] as const) {
    const io = recordingIo();
    assert.is(await command.run(['--host', '0.0.0.0', '--memory'], io), 2);
    assert.is(io.errors[0]!.split('\n')[0], `ferry ${name}: ${REFUSED}`);
  }
});

test.run();
