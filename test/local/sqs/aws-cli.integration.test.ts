import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { SqsServer } from '../../../local/runtime/index.js';
import { startTestServer } from '../../helpers/sqs/server.js';

// The real AWS CLIs and boto3, unchanged, through their endpoint setting:
// `aws` (v1.45, JSON protocol), `/usr/bin/aws` (v2.9, query protocol) and boto3 (JSON).

const run = promisify(execFile);

const test = suite<{ server: SqsServer; env: NodeJS.ProcessEnv }>('sqs with the AWS CLIs and boto3');

test.before(async (ctx) => {
  ctx.server = await startTestServer();
  ctx.env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'AKIDCLI',
    AWS_SECRET_ACCESS_KEY: 'cli-secret',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_ENDPOINT_URL: ctx.server.endpoint,
    AWS_PAGER: '',
  };
});

test.after(async (ctx) => {
  await ctx.server.close();
});

/** Runs a CLI; resolves to parsed JSON stdout, or { error: stderr } when it exits non-zero. */
async function cli(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<unknown> {
  try {
    const { stdout } = await run(bin, [...args, '--output', 'json'], { env, timeout: 30_000 });
    return stdout.trim() === '' ? {} : (JSON.parse(stdout) as unknown);
  } catch (error) {
    return { error: String((error as { stderr?: string }).stderr).trim() };
  }
}

const attributes = JSON.stringify({ Kind: { DataType: 'String', StringValue: 'order' } });

for (const [label, bin] of [
  ['aws v1 (JSON)', 'aws'],
  ['aws v2.9 (query)', '/usr/bin/aws'],
] as const) {
  test(`${label}: create, send with attributes (MD5s verified by the CLI), receive, delete, errors`, async ({
    server,
    env,
  }) => {
    // --endpoint-url: v2.9 predates AWS_ENDPOINT_URL, and v1 replaces it for sqs with
    // https://<region>.queue.amazonaws.com (its SSL common-name customization); boto3 honours it.
    const endpoint = ['--endpoint-url', server.endpoint];
    const name = bin === 'aws' ? 'cli-v1' : 'cli-v2';
    const sqs = (...args: string[]) => cli(bin, [...endpoint, 'sqs', ...args], env);
    const url = `${server.endpoint}/000000000000/${name}`;
    assert.equal(await sqs('create-queue', '--queue-name', name), { QueueUrl: url });
    const sent = (await sqs(
      'send-message',
      '--queue-url',
      url,
      '--message-body',
      'from the cli',
      '--message-attributes',
      attributes,
    )) as Record<string, string>;
    assert.equal(Object.keys(sent).sort(), ['MD5OfMessageAttributes', 'MD5OfMessageBody', 'MessageId']);
    const got = (await sqs(
      'receive-message',
      '--queue-url',
      url,
      '--message-attribute-names',
      'All',
      '--attribute-names',
      'SenderId',
    )) as {
      Messages: Record<string, unknown>[];
    };
    const m = got.Messages[0]!;
    assert.equal(
      { ...m, ReceiptHandle: typeof m.ReceiptHandle },
      {
        MessageId: sent.MessageId,
        ReceiptHandle: 'string',
        MD5OfBody: sent.MD5OfMessageBody,
        Body: 'from the cli',
        Attributes: { SenderId: 'AKIDCLI' },
        MD5OfMessageAttributes: sent.MD5OfMessageAttributes,
        MessageAttributes: { Kind: { StringValue: 'order', DataType: 'String' } },
      },
    );
    assert.equal(
      await sqs('delete-message', '--queue-url', url, '--receipt-handle', String(m.ReceiptHandle)),
      {},
    );
    assert.equal(await sqs('get-queue-url', '--queue-name', 'missing'), {
      error:
        bin === 'aws'
          ? 'An error occurred (AWS.SimpleQueueService.NonExistentQueue) when calling the GetQueueUrl operation: The specified queue does not exist.'
          : 'An error occurred (AWS.SimpleQueueService.NonExistentQueue) when calling the GetQueueUrl operation: The specified queue does not exist for this wsdl version.',
    });
  });
}

test('boto3: batch send, receive all attributes, batch delete, list', async ({ server, env }) => {
  const script = `
import boto3, json
sqs = boto3.client('sqs')
url = sqs.create_queue(QueueName='boto')['QueueUrl']
sent = sqs.send_message_batch(QueueUrl=url, Entries=[
  {'Id': 'a', 'MessageBody': 'one', 'MessageAttributes': {'N': {'DataType': 'Number', 'StringValue': '7'}}},
  {'Id': 'b', 'MessageBody': 'two'}])
got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=['All'])['Messages']
deleted = sqs.delete_message_batch(QueueUrl=url, Entries=[{'Id': m['MessageId'], 'ReceiptHandle': m['ReceiptHandle']} for m in got])
print(json.dumps({
  'sent': sorted(e['Id'] for e in sent['Successful']),
  'bodies': sorted(m['Body'] for m in got),
  'attrs': [m.get('MessageAttributes') for m in got if m['Body'] == 'one'],
  'deleted': len(deleted['Successful']),
  'queues': sqs.list_queues(QueueNamePrefix='boto')['QueueUrls'],
}))
`;
  const { stdout } = await run('python3', ['-c', script], { env, timeout: 30_000 });
  assert.equal(JSON.parse(stdout), {
    sent: ['a', 'b'],
    bodies: ['one', 'two'],
    attrs: [{ N: { StringValue: '7', DataType: 'Number' } }],
    deleted: 2,
    queues: [`${server.endpoint}/000000000000/boto`],
  });
});

test.run();
