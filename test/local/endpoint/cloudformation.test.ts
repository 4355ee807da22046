import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStacksHandler } from '../../../local/endpoint/index.js';

const handler = createStacksHandler(() => [
  {
    stackName: 'ferry-dev',
    stackId:
      'arn:aws:cloudformation:us-east-1:000000000000:stack/ferry-dev/8f1c2e00-1111-2222-3333-444455556666',
    outputs: { ApiUrl: 'http://127.0.0.1:3000', 'Odd<Key>': 'a&b' },
    parameters: { MaximumBatchingWindowInSeconds: '0', 'Odd<Param>': 'x&y' },
    creationTime: 0,
  },
]);

async function call(form: string): Promise<{ status: number; body: string }> {
  const out = await handler({
    method: 'POST',
    url: '/',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: Buffer.from(form),
  });
  return {
    status: out.status,
    body: out.body
      .replace(/<RequestId>[^<]*<\/RequestId>/, '')
      .replace(/stack\/ferry-dev\/[0-9a-f-]+/, 'stack/ferry-dev/ID'),
  };
}

const NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

test('DescribeStacks: the stack by name, with its parameters and outputs escaped', async () => {
  assert.equal(await call('Action=DescribeStacks&Version=2010-05-15&StackName=ferry-dev'), {
    status: 200,
    body:
      `<DescribeStacksResponse xmlns="${NS}"><DescribeStacksResult><Stacks><member>` +
      '<StackId>arn:aws:cloudformation:us-east-1:000000000000:stack/ferry-dev/ID</StackId><StackName>ferry-dev</StackName>' +
      '<Parameters><member><ParameterKey>MaximumBatchingWindowInSeconds</ParameterKey><ParameterValue>0</ParameterValue></member>' +
      '<member><ParameterKey>Odd&lt;Param&gt;</ParameterKey><ParameterValue>x&amp;y</ParameterValue></member></Parameters>' +
      '<CreationTime>1970-01-01T00:00:00.000Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus><Outputs>' +
      '<member><OutputKey>ApiUrl</OutputKey><OutputValue>http://127.0.0.1:3000</OutputValue></member>' +
      '<member><OutputKey>Odd&lt;Key&gt;</OutputKey><OutputValue>a&amp;b</OutputValue></member>' +
      '</Outputs></member></Stacks></DescribeStacksResult><ResponseMetadata></ResponseMetadata></DescribeStacksResponse>',
  });
});

test('an unknown stack is a ValidationError; other actions are refused by name', async () => {
  assert.equal(await call('Action=DescribeStacks&StackName=other'), {
    status: 400,
    body: `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id other does not exist</Message></Error></ErrorResponse>`,
  });
  assert.equal(await call('Action=CreateStack&StackName=x'), {
    status: 400,
    body: `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>Ferry&apos;s local endpoint answers only DescribeStacks for CloudFormation, not CreateStack.</Message></Error></ErrorResponse>`,
  });
});

test.run();
