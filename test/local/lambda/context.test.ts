// The Lambda context and the environment variables each environment sees.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LambdaConfigError } from '../../../local/lambda/index.js';
import { LOCAL_CREDENTIALS } from '../../../local/config/index.js';
import { FIXTURES, fixtureFunction, using } from '../../helpers/lambda/fixtures.js';

test('the context object: ids, names, ARN, memory as a string, log group and stream, remaining time', async () => {
  const { fn, records } = fixtureFunction('actions', {
    functionName: 'ctx-fn',
    memorySize: 256,
    timeout: 5,
    region: 'eu-west-1',
    accountId: '123456789012',
  });
  await using(fn, async () => {
    const outcome = await fn.invoke({ action: 'context' }, { requestId: 'req-ctx' });
    assert.ok(outcome.ok);
    const ctx = outcome.result as Record<string, unknown>;
    const stream = records.find((r) => r.requestId === 'req-ctx')!.logStream;
    assert.match(stream, /^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
    assert.ok((ctx.remaining as number) > 4000 && (ctx.remaining as number) <= 5000, String(ctx.remaining));
    assert.equal(
      { ...ctx, remaining: 0 },
      {
        keys: [
          'awsRequestId',
          'callbackWaitsForEmptyEventLoop',
          'done',
          'fail',
          'functionName',
          'functionVersion',
          'getRemainingTimeInMillis',
          'invokedFunctionArn',
          'logGroupName',
          'logStreamName',
          'memoryLimitInMB',
          'succeed',
        ],
        awsRequestId: 'req-ctx',
        functionName: 'ctx-fn',
        functionVersion: '$LATEST',
        invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:ctx-fn',
        memoryLimitInMB: '256',
        logGroupName: '/aws/lambda/ctx-fn',
        logStreamName: stream,
        remaining: 0,
        callbackWaitsForEmptyEventLoop: true,
      },
    );
    assert.is(fn.functionArn, 'arn:aws:lambda:eu-west-1:123456789012:function:ctx-fn');
  });
});

test("Lambda's variables, then the template's, then the runtime's additions", async () => {
  const names = [
    'AWS_REGION',
    'AWS_DEFAULT_REGION',
    'AWS_LAMBDA_FUNCTION_NAME',
    'AWS_LAMBDA_FUNCTION_VERSION',
    'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
    'AWS_LAMBDA_LOG_GROUP_NAME',
    'AWS_EXECUTION_ENV',
    'AWS_LAMBDA_INITIALIZATION_TYPE',
    'LAMBDA_TASK_ROOT',
    '_HANDLER',
    'TZ',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'NODE_OPTIONS',
    'QUEUE_URL',
    'AWS_ENDPOINT_URL_SQS',
    'FERRY_TEST',
  ];
  const { fn } = fixtureFunction('actions', {
    functionName: 'env-fn',
    memorySize: 192,
    runtime: 'nodejs24.x',
    logGroup: '/custom/group',
    environment: { QUEUE_URL: 'http://127.0.0.1:9324/000000000000/q', NODE_OPTIONS: '--enable-source-maps' },
    extraEnvironment: { AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:9324' },
  });
  // Set in the runtime's own process: a function's environment must not see it.
  process.env.FERRY_TEST = 'leaked';
  await using(fn, async () => {
    const outcome = await fn.invoke({ action: 'env', names });
    assert.equal(outcome, {
      ok: true,
      result: {
        AWS_REGION: 'us-east-1',
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_LAMBDA_FUNCTION_NAME: 'env-fn',
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '192',
        AWS_LAMBDA_LOG_GROUP_NAME: '/custom/group',
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
        AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
        LAMBDA_TASK_ROOT: `${FIXTURES}actions`,
        _HANDLER: 'index.handler',
        TZ: ':UTC',
        AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
        AWS_SESSION_TOKEN: null,
        NODE_OPTIONS: '--enable-source-maps',
        QUEUE_URL: 'http://127.0.0.1:9324/000000000000/q',
        AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:9324',
        FERRY_TEST: null,
      },
    });
  }).finally(() => delete process.env.FERRY_TEST);
});

test('the credentials given, session token included, are the ones the function sees', async () => {
  const names = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];
  const { fn } = fixtureFunction('actions', {
    credentials: { accessKeyId: 'AKIDGIVEN', secretAccessKey: 'given-secret', sessionToken: 'given-token' },
  });
  await using(fn, async () => {
    const outcome = await fn.invoke({ action: 'env', names });
    assert.equal(outcome, {
      ok: true,
      result: {
        AWS_ACCESS_KEY_ID: 'AKIDGIVEN',
        AWS_SECRET_ACCESS_KEY: 'given-secret',
        AWS_SESSION_TOKEN: 'given-token',
      },
    });
  });
});

test('each environment has its own log stream, named in AWS_LAMBDA_LOG_STREAM_NAME', async () => {
  const { fn, records } = fixtureFunction('actions', { maxConcurrency: 2 });
  await using(fn, async () => {
    const outcomes = await Promise.all(
      ['a', 'b'].map((id) =>
        fn.invoke({ action: 'env', names: ['AWS_LAMBDA_LOG_STREAM_NAME'], ms: 0 }, { requestId: id }),
      ),
    );
    const streams = outcomes.map((o) =>
      o.ok ? (o.result as Record<string, string>).AWS_LAMBDA_LOG_STREAM_NAME : '',
    );
    assert.is(new Set(streams).size, 2);
    assert.equal(
      ['a', 'b'].map((id) => records.find((r) => r.requestId === id)!.logStream),
      streams,
    );
  });
});

test('reserved variables in the template are refused, as Lambda refuses them', () => {
  assert.throws(
    () => fixtureFunction('actions', { functionName: 'bad-env', environment: { AWS_REGION: 'x', OK: '1' } }),
    (error: Error) =>
      error instanceof LambdaConfigError &&
      error.code === 'InvalidConfig' &&
      error.message === 'bad-env: Environment.Variables sets reserved keys, which Lambda refuses: AWS_REGION',
  );
});

test.run();
