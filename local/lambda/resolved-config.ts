// A function's FunctionConfig with Lambda's defaults filled in, checked once, when it is created.
import { DEFAULTS, functionArn, lambdaLogGroup, LOCAL_CREDENTIALS } from '../config/index.js';
import { LambdaConfigError } from './errors.js';
import type { FunctionConfig, ResolvedConfig } from './types.js';
import { checkEnvironment } from './variables.js';

export function resolveConfig(config: FunctionConfig): ResolvedConfig {
  checkEnvironment(config.functionName, config.environment);
  const region = config.region ?? DEFAULTS.region;
  const maxConcurrency = config.maxConcurrency ?? 10;
  if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1)
    throw new LambdaConfigError(
      `${config.functionName}: maxConcurrency must be a positive integer, got ${maxConcurrency}`,
    );
  return {
    functionName: config.functionName,
    functionArn: functionArn(region, config.accountId ?? DEFAULTS.accountId, config.functionName),
    handlerFile: config.handlerFile,
    exportName: config.exportName,
    handler: config.handler,
    codeDir: config.codeDir,
    region,
    memorySize: config.memorySize ?? 128,
    timeoutMs: (config.timeout ?? 3) * 1000,
    runtime: config.runtime ?? 'nodejs22.x',
    logGroup: config.logGroup ?? lambdaLogGroup(config.functionName),
    environment: config.environment,
    extraEnvironment: config.extraEnvironment,
    credentials: config.credentials ?? LOCAL_CREDENTIALS,
    maxConcurrency,
    whenBusy: config.whenBusy ?? 'wait',
    limitMemory: config.limitMemory ?? true,
    initTimeoutMs: config.initTimeoutMs ?? DEFAULTS.initTimeoutMs,
    sourceMaps: /(^|\s)--enable-source-maps(\s|$)/.test(config.environment?.NODE_OPTIONS ?? ''),
    onLog: config.onLog ?? (() => undefined),
    pauses: config.pauses,
  };
}
