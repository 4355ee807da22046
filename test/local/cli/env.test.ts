import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../../../local/cli/main.js';
import { recordingIo } from '../../helpers/cli/io.js';

test('ferry env: the exports for the endpoint, and the AWS CLI v1 form for sqs', async () => {
  const t = recordingIo();
  assert.is(await main(['env', '--sqs-port', '9400'], t), 0);
  assert.equal(t.lines, [
    'export AWS_ENDPOINT_URL=http://127.0.0.1:9400',
    'export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local',
    'export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1',
    'export STACK_NAME=ferry',
    '# AWS CLI v1 ignores AWS_ENDPOINT_URL for sqs: aws --endpoint-url http://127.0.0.1:9400 sqs list-queues',
  ]);
  const bad = recordingIo();
  assert.is(await main(['env', '--sqs-port', 'x'], bad), 2);
  assert.match(bad.errors.join('\n'), "ferry env: --sqs-port must be an integer from 0 to 65535, got 'x'");
});

test('#15.4: ferry env with FERRY_ACCESS_KEY/FERRY_SECRET_KEY exports those keys, quoted for the shell', async () => {
  const t = recordingIo({ FERRY_ACCESS_KEY: 'AKIDMINE', FERRY_SECRET_KEY: "it's/secret+1" });
  assert.is(await main(['env', '--sqs-port', '9400'], t), 0);
  assert.is(t.lines[1], `export AWS_ACCESS_KEY_ID=AKIDMINE AWS_SECRET_ACCESS_KEY='it'\\''s/secret+1'`);
});

test('ferry --version names the package version and the Node.js that runs it', async () => {
  const t = recordingIo();
  assert.is(await main(['--version'], t), 0);
  assert.equal(t.lines, [`ferry 0.1.0 (Node.js ${process.version})`]);
});

test('ferry --help lists every command', async () => {
  const t = recordingIo();
  assert.is(await main(['--help'], t), 0);
  const listed = t.lines
    .join('\n')
    .match(/^ {2}(\w+) /gm)
    ?.map((l) => l.trim());
  assert.equal(listed, ['up', 'sqs', 'env', 'invoke', 'event']);
});

test.run();
