// The environment variables Lambda sets, then the template's, then the runtime's additions.
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
import { LambdaConfigError } from './errors.js';
import type { ResolvedConfig } from './types.js';

// Lambda refuses a function whose variables set any of these.
const RESERVED = [
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
];

export function checkEnvironment(functionName: string, variables: Record<string, string> = {}): void {
  const reserved = Object.keys(variables).filter((key) => RESERVED.includes(key));
  if (reserved.length > 0)
    throw new LambdaConfigError(
      `${functionName}: Environment.Variables sets reserved keys, which Lambda refuses: ${reserved.join(', ')}`,
    );
}

export function lambdaEnvironment(settings: ResolvedConfig, logStream: string): Record<string, string> {
  const { region, credentials } = settings;
  const env: Record<string, string> = {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_LAMBDA_FUNCTION_NAME: settings.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(settings.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: settings.logGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: logStream,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_EXECUTION_ENV: `AWS_Lambda_${settings.runtime}`,
    LAMBDA_TASK_ROOT: settings.codeDir,
    LAMBDA_RUNTIME_DIR: '/var/runtime',
    _HANDLER: settings.handler,
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin/:/bin',
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  };
  if (credentials.sessionToken !== undefined) env.AWS_SESSION_TOKEN = credentials.sessionToken;
  return { ...env, ...settings.environment, ...settings.extraEnvironment };
}
