import type { SQSClient } from '@aws-sdk/client-sqs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { localOutputs } from '../../../local/runtime/outputs.js';
import { formatStatus, StatusLine } from '../../../local/runtime/status.js';
import type { StackInfo } from '../../../local/template/index.js';

const stack = { region: 'us-east-1', urlSuffix: 'amazonaws.com' } as StackInfo;

test('outputs: an API spelled as its AWS hostname points at its local gateway, the rest stays', () => {
  const apis = new Map([['abc123', 'http://127.0.0.1:3000']]);
  assert.equal(
    localOutputs(
      {
        ApiUrl: { value: 'https://abc123.execute-api.us-east-1.amazonaws.com' },
        StageUrl: { value: 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/' },
        Other: { value: 'https://zzz999.execute-api.us-east-1.amazonaws.com' },
        QueueUrl: { value: 'http://127.0.0.1:9324/000000000000/q' },
        List: { value: ['a', 'b'] },
      },
      stack,
      { apis },
    ),
    {
      ApiUrl: 'http://127.0.0.1:3000',
      StageUrl: 'http://127.0.0.1:3000/prod/',
      Other: 'https://zzz999.execute-api.us-east-1.amazonaws.com',
      QueueUrl: 'http://127.0.0.1:9324/000000000000/q',
      List: '["a","b"]',
    },
  );
});

test('outputs: the CloudWatch console page of the shown dashboard points at the local console', () => {
  const page = (region: string, name: string) =>
    `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards:name=${name}`;
  assert.equal(
    localOutputs(
      {
        DashboardUrl: { value: page('us-east-1', 'ferry') },
        NewStyle: {
          value: 'https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/ferry',
        },
        OtherDashboard: { value: page('us-east-1', 'ferry-costs') },
        Logs: {
          value:
            'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups',
        },
      },
      stack,
      { apis: new Map(), dashboard: { name: 'ferry', console: 'http://127.0.0.1:9325' } },
    ),
    {
      DashboardUrl: 'http://127.0.0.1:9325/#dashboard',
      NewStyle: 'http://127.0.0.1:9325/#dashboard',
      OtherDashboard: page('us-east-1', 'ferry-costs'),
      Logs: 'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups',
    },
  );
});

test('status: outcome lines counted, other lines ignored; queue depths read; one line of text', async () => {
  // The one SDK call the status line makes, answered per queue (a stand-in client, no server).
  const depths: Record<string, Record<string, string>> = {
    'q-src': { ApproximateNumberOfMessages: '1', ApproximateNumberOfMessagesNotVisible: '3' },
    'q-dlq': { ApproximateNumberOfMessages: '2', ApproximateNumberOfMessagesNotVisible: '2' },
  };
  const sqs = {
    send: async (command: { input: { QueueUrl: string } }) => ({
      Attributes: depths[command.input.QueueUrl],
    }),
  } as unknown as SQSClient;
  const status = new StatusLine(sqs, { sources: ['q-src'], deadLetter: ['q-dlq'] });
  for (const line of [
    '{"outcome":"accepted","messageId":"1"}',
    '{"outcome":"accepted","messageId":"2"}',
    '{"outcome":"rejected","messageId":null}',
    '{"outcome":"processed","messageId":"1"}',
    '{"outcome":"failed","messageId":"2"}',
    'START RequestId: x Version: $LATEST',
  ])
    status.see(line);
  assert.equal(await status.read(), { accepted: 2, inQueue: 1, inFlight: 3, processed: 1, inDlq: 4 });
  assert.is(
    formatStatus({ accepted: 2, inQueue: 1, inFlight: 3, processed: 1, inDlq: 4 }),
    'accepted 2 · in queue 1 · in flight 3 · processed 1 · in DLQ 4',
  );
});

test.run();
