import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startMoto } from '../helpers/infra/moto.js';
import type { Moto } from '../helpers/infra/moto.js';
import { awsEnv, run } from '../helpers/infra/run.js';
import type { Run } from '../helpers/infra/run.js';

/*
 * Deploys cloudformation/template.yaml for real with scripts/deploy.sh (AWS CLI package + deploy)
 * into moto_server, then tears it down with scripts/teardown.sh. moto's CloudFormation creates the
 * queues, functions, roles, log groups, mapping, SNS topic and dashboard; it skips (with a warning)
 * the ApiGatewayV2 resources and the CloudWatch alarms, which it does not model.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STACK = 'ferry-moto';

let moto: Moto | undefined;
let work = '';
let env: NodeJS.ProcessEnv = {};
let sqs: SQSClient | undefined;

function ok(result: Run, what: string): Run {
  if (result.code !== 0)
    assert.unreachable(`${what} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  return result;
}

async function aws(...args: string[]): Promise<unknown> {
  const result = ok(
    await run('aws', ['--endpoint-url', moto!.url, '--region', 'us-east-1', '--output', 'json', ...args], {
      env,
    }),
    `aws ${args.join(' ')}`,
  );
  return result.stdout.trim() === '' ? null : JSON.parse(result.stdout);
}

const script = (name: string, ...args: string[]) =>
  run('bash', [join(work, 'scripts', name), ...args], { env });

/** The repository's scripts, templates and bundles in a temp dir, so a concurrent build cannot change them mid-test. */
async function stage(): Promise<void> {
  work = mkdtempSync(join(tmpdir(), 'ferry-infra-'));
  for (const dir of ['scripts', 'cloudformation'])
    cpSync(join(ROOT, dir), join(work, dir), { recursive: true });
  const built = ['producer', 'consumer'].every((fn) => existsSync(join(ROOT, 'dist', fn, 'index.js')));
  if (!built) ok(await run('npm', ['run', '--silent', 'build'], { cwd: ROOT }), 'npm run build');
  for (const fn of ['producer', 'consumer']) {
    cpSync(join(ROOT, 'dist', fn), join(work, 'dist', fn), { recursive: true });
  }
  mkdirSync(join(work, 'home'));
  writeFileSync(join(work, 'home', 'aws-config'), '');
}

test.before(async () => {
  await stage();
  moto = await startMoto();
  env = { ...awsEnv(moto.url, join(work, 'home')), EVENT_POLL_SECONDS: '5' };
  sqs = new SQSClient({
    endpoint: moto.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
});

test.after(async () => {
  sqs?.destroy();
  await moto?.stop();
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

/** The real SDK for SQS: no Python start per call. */
const queueUrlOf = async (name: string) =>
  (await sqs!.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;

test('deploy.sh creates the stack in moto, a second deploy changes nothing, teardown.sh removes it', async () => {
  // Act: first deploy
  const first = ok(await script('deploy.sh', '--skip-build', '--stack-name', STACK), 'deploy.sh');

  // Assess: the stack and what moto made of it
  assert.match(first.stderr, `creating artifact bucket s3://ferry-artifacts-123456789012-us-east-1`);
  assert.match(first.stdout, `Successfully created/updated stack - ${STACK}`);
  assert.match(first.stderr, `stack ${STACK} is CREATE_COMPLETE`);
  // Each AWS CLI call starts a Python: ask everything at once.
  const [stacks, listed, queueUrl, dlqUrl, producerConfig, mappingList, dashboardBody] = await Promise.all([
    aws('cloudformation', 'describe-stacks', '--stack-name', STACK),
    aws('cloudformation', 'list-stack-resources', '--stack-name', STACK),
    queueUrlOf(`${STACK}-messages`),
    queueUrlOf(`${STACK}-messages-dlq`),
    aws('lambda', 'get-function-configuration', '--function-name', `${STACK}-producer`),
    aws('lambda', 'list-event-source-mappings', '--function-name', `${STACK}-consumer`),
    aws('cloudwatch', 'get-dashboard', '--dashboard-name', STACK),
  ]);
  assert.equal(
    (stacks as { Stacks: { StackStatus: string }[] }).Stacks.map((s) => s.StackStatus),
    ['CREATE_COMPLETE'],
  );

  const resources = listed as {
    StackResourceSummaries: { LogicalResourceId?: string; ResourceType?: string; ResourceStatus: string }[];
  };
  // What moto does not model it lists with no id or type: the 6 ApiGatewayV2 resources, the 6
  // alarms and the SNS subscription (left out by its condition anyway).
  const [made, skipped] = [true, false].map((wanted) =>
    resources.StackResourceSummaries.filter((r) => Boolean(r.LogicalResourceId) === wanted),
  ) as [typeof resources.StackResourceSummaries, typeof resources.StackResourceSummaries];
  assert.equal(skipped.length, 13);
  const names = made.map((r) => `${r.LogicalResourceId} ${r.ResourceType} ${r.ResourceStatus}`).sort();
  assert.equal(names, [
    'AlarmTopic AWS::SNS::Topic CREATE_COMPLETE',
    'ApiAccessLogGroup AWS::Logs::LogGroup CREATE_COMPLETE',
    'ConsumerEventSourceMapping AWS::Lambda::EventSourceMapping CREATE_COMPLETE',
    'ConsumerFunction AWS::Lambda::Function CREATE_COMPLETE',
    'ConsumerLogGroup AWS::Logs::LogGroup CREATE_COMPLETE',
    'ConsumerRole AWS::IAM::Role CREATE_COMPLETE',
    'Dashboard AWS::CloudWatch::Dashboard CREATE_COMPLETE',
    'DeadLetterQueue AWS::SQS::Queue CREATE_COMPLETE',
    'MessagesQueue AWS::SQS::Queue CREATE_COMPLETE',
    'ProducerFunction AWS::Lambda::Function CREATE_COMPLETE',
    'ProducerInvokePermission AWS::Lambda::Permission CREATE_COMPLETE',
    'ProducerLogGroup AWS::Logs::LogGroup CREATE_COMPLETE',
    'ProducerRole AWS::IAM::Role CREATE_COMPLETE',
  ]);

  const pick = [
    'VisibilityTimeout',
    'MessageRetentionPeriod',
    'MaximumMessageSize',
    'SqsManagedSseEnabled',
    'RedrivePolicy',
  ];
  const attributes = async (url: string) => {
    const reply = await sqs!.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    const all: Record<string, string | undefined> = reply.Attributes ?? {};
    return Object.fromEntries(
      pick.filter((k) => k in all).map((k) => [k, k === 'RedrivePolicy' ? JSON.parse(all[k]!) : all[k]]),
    );
  };
  const [queueAttributes, dlqAttributes] = await Promise.all([attributes(queueUrl), attributes(dlqUrl)]);
  assert.equal(queueAttributes, {
    VisibilityTimeout: '130',
    MessageRetentionPeriod: '345600',
    MaximumMessageSize: '262144',
    SqsManagedSseEnabled: 'true',
    RedrivePolicy: {
      deadLetterTargetArn: `arn:aws:sqs:us-east-1:123456789012:${STACK}-messages-dlq`,
      maxReceiveCount: 5,
    },
  });
  assert.equal(dlqAttributes, {
    VisibilityTimeout: '30',
    MessageRetentionPeriod: '1209600',
    MaximumMessageSize: '1048576',
    SqsManagedSseEnabled: 'true',
  });

  const producer = producerConfig as {
    Runtime: string;
    Handler: string;
    Environment: { Variables: Record<string, unknown> };
  };
  assert.equal([producer.Runtime, producer.Handler], ['nodejs24.x', 'index.handler']);
  assert.equal(producer.Environment.Variables, {
    QUEUE_URL: `https://sqs.us-east-1.amazonaws.com/123456789012/${STACK}-messages`,
    MAX_MESSAGE_BYTES: 262144,
    LOG_LEVEL: 'info',
    POWERTOOLS_SERVICE_NAME: 'ferry-producer',
    POWERTOOLS_METRICS_NAMESPACE: 'Ferry',
    NODE_OPTIONS: '--enable-source-maps',
  });

  const mappings = mappingList as {
    EventSourceMappings: Record<string, unknown>[];
  };
  assert.equal(
    mappings.EventSourceMappings.map((m) => [
      m.EventSourceArn,
      m.BatchSize,
      m.MaximumBatchingWindowInSeconds,
      m.FunctionResponseTypes,
      m.ScalingConfig,
    ]),
    [
      [
        `arn:aws:sqs:us-east-1:123456789012:${STACK}-messages`,
        10,
        10,
        ['ReportBatchItemFailures'],
        { MaximumConcurrency: 5 },
      ],
    ],
  );

  // The dashboard body is what Fn::Sub made of the template's JSON: it must still be JSON.
  const dashboard = dashboardBody as { DashboardBody: string };
  const body = JSON.parse(dashboard.DashboardBody) as { widgets: { properties: { title: string } }[] };
  // Every ${} was substituted, but the API's id: moto leaves a Ref to a resource it skipped as is.
  assert.equal([...new Set(dashboard.DashboardBody.match(/\$\{[^}]*\}/g))], ['${HttpApi}']);
  assert.equal(body.widgets.length, 9);

  // Act: send.sh computes its waits from the stack moto made with the template's defaults. moto
  // plays neither the HTTP API nor Lambda without Docker: nothing is sent (--plan-only).
  const plan = ok(
    await script(
      'send.sh',
      '--plan-only',
      '--stack-name',
      STACK,
      '--schemas',
      join(ROOT, 'schemas', 'types'),
    ),
    'send.sh --plan-only',
  );

  // Assess: VisibilityTimeout 130 from the queue, window 10 from the mapping, the transient
  // example (fails twice) waited for 2 x 130 + 10 + 30 s
  const waits = plan.stdout
    .split('\n')
    .filter((l) => /^( {2}(visibility|batching|margin|batch of \d+: .* then)|Plan|Waits)/.test(l));
  assert.equal(waits, [
    `Plan of the smoke test of stack ${STACK} (nothing is sent)`,
    `Waits, from stack ${STACK}:`,
    `  visibility timeout 130s, maxReceiveCount 5 (sqs get-queue-attributes on https://sqs.us-east-1.amazonaws.com/123456789012/${STACK}-messages)`,
    `  batching window 10s (lambda list-event-source-mappings of ${STACK}-consumer)`,
    "  margin 30s for one invocation and the log line's delivery; ceiling 900s",
    '  batch of 4: POST /messages/batch -> 202, then 4 processed within 300s = 2 x 130s visibility timeout (order.created examples[1] fails 2 times on purpose) + 10s window + 30s margin',
  ]);
  assert.match(
    plan.stdout,
    '  single order.created: POST /messages -> 202, then 1 processed within 40s = 10s window + 30s margin\n',
  );

  // Act: the same deploy again, after a rebuild that wrote the same bundles with new times
  for (const fn of ['producer', 'consumer']) {
    const file = join(work, 'dist', fn, 'index.js');
    writeFileSync(file, readFileSync(file));
  }
  const bucket = 'ferry-artifacts-123456789012-us-east-1';
  const second = ok(
    await script('deploy.sh', '--skip-build', '--stack-name', STACK, '--bucket', bucket),
    'second deploy.sh',
  );

  // Assess: same bundles (so the packaged template is identical), same queues
  assert.match(first.stderr, 'Uploading to ferry-moto/');
  // The upload progress, redrawn with carriage returns, comes out as one finished line per upload.
  assert.not.match(first.stderr, '\r');
  assert.equal(
    first.stderr
      .split('\n')
      .filter((l) => l.startsWith('Uploading to'))
      .map((l) => /\(\d+\.\d+%\)$/.exec(l)?.[0]),
    ['(100.00%)', '(100.00%)'],
  );
  assert.not.match(second.stderr, 'Uploading to');
  assert.not.match(second.stderr, 'creating artifact bucket');
  // AWS would fail the empty change set (which the CLI accepts); moto refuses it outright.
  assert.match(second.stderr, 'deploy.sh: no changes to deploy');
  assert.match(second.stderr, `stack ${STACK} is CREATE_COMPLETE`);

  // Arrange: another stack's bundle in the same (shared) bucket
  const other = join(mkdtempSync(join(tmpdir(), 'ferry-moto-')), 'code.zip');
  writeFileSync(other, 'another stack');
  await aws('s3api', 'put-object', '--bucket', bucket, '--key', 'ferry-prod/code.zip', '--body', other);

  // Act: teardown with --delete-bucket while ferry-prod still has its bundle there
  const down = ok(
    await script('teardown.sh', '--stack-name', STACK, '--delete-bucket', '--bucket', bucket),
    'teardown.sh',
  );

  // Assess: the stack and its own uploads are gone; the bucket and ferry-prod/ stay
  assert.match(down.stderr, `stack ${STACK} is gone`);
  assert.match(down.stderr, `bucket ${bucket} left in place: it still holds other uploads (ferry-prod/)`);
  const keys = (await aws('s3api', 'list-objects-v2', '--bucket', bucket)) as { Contents: { Key: string }[] };
  assert.equal(
    keys.Contents.map((o) => o.Key),
    ['ferry-prod/code.zip'],
  );

  // Act: once ferry-prod's bundle is gone, the same teardown deletes the bucket
  await aws('s3api', 'delete-object', '--bucket', bucket, '--key', 'ferry-prod/code.zip');
  const again = ok(
    await script('teardown.sh', '--stack-name', STACK, '--delete-bucket', '--bucket', bucket),
    'second teardown.sh',
  );

  // Assess: nothing left
  assert.match(again.stderr, `bucket ${bucket} deleted`);
  const [queues, buckets, live] = (await Promise.all([
    sqs!.send(new ListQueuesCommand({ QueueNamePrefix: STACK })),
    aws('s3api', 'list-buckets'),
    aws('cloudformation', 'list-stacks', '--stack-status-filter', 'CREATE_COMPLETE', 'UPDATE_COMPLETE'),
  ])) as [{ QueueUrls?: string[] }, { Buckets: unknown[] }, { StackSummaries: unknown[] }];
  assert.equal([queues.QueueUrls ?? [], buckets.Buckets, live.StackSummaries], [[], [], []]);
});

test('github-oidc.yaml bootstraps: the deploy role trusts only the repository environment', async () => {
  // moto skips the OIDC provider and the bucket policy (and a Ref to the skipped provider would
  // come out empty), so this bootstraps an account that already has the provider.
  await aws(
    'cloudformation',
    'create-stack',
    '--stack-name',
    'ferry-bootstrap',
    '--capabilities',
    'CAPABILITY_IAM',
    '--template-body',
    `file://${join(work, 'cloudformation', 'github-oidc.yaml')}`,
    '--parameters',
    'ParameterKey=GitHubOwner,ParameterValue=acme',
    'ParameterKey=GitHubRepository,ParameterValue=ferry',
    'ParameterKey=CreateOidcProvider,ParameterValue=false',
  );
  const stack = (await aws('cloudformation', 'describe-stacks', '--stack-name', 'ferry-bootstrap')) as {
    Stacks: { StackStatus: string; Outputs: { OutputKey: string; OutputValue: string }[] }[];
  };
  const outputs = Object.fromEntries(stack.Stacks[0]!.Outputs.map((o) => [o.OutputKey, o.OutputValue]));
  assert.equal(stack.Stacks[0]!.StackStatus, 'CREATE_COMPLETE');
  assert.equal(Object.keys(outputs).sort(), ['ArtifactBucketName', 'DeployRoleArn', 'ExecutionRoleArn']);
  assert.equal(outputs.ArtifactBucketName, 'ferry-artifacts-123456789012-us-east-1');

  const role = (await aws('iam', 'get-role', '--role-name', outputs.DeployRoleArn!.split('/').pop()!)) as {
    Role: { AssumeRolePolicyDocument: { Statement: unknown[] } };
  };
  assert.equal(role.Role.AssumeRolePolicyDocument.Statement, [
    {
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': 'repo:acme/ferry:environment:production',
        },
      },
    },
  ]);
});

test('deploy.sh fails with a clear message when the bundles are missing', async () => {
  rmSync(join(work, 'dist', 'consumer', 'index.js'));
  const result = await script('deploy.sh', '--skip-build', '--stack-name', 'ferry-nodist');
  assert.equal(result.code, 1);
  assert.match(result.stderr, 'deploy.sh: error: dist/consumer/index.js is missing: run scripts/build.sh');
});

test.run();
