// Each AWS::Lambda::Function of the template as a local/lambda function: its code directory and
// handler, memory, timeout, environment, log group, plus the SDK endpoint variables that send
// every AWS call to the local SQS, so the unchanged bundle talks to this machine only.
import { availableParallelism } from 'node:os';
import type { FunctionConfig } from '../lambda/index.js';
import type { KeyPair } from './options.js';
import { functionSettings, type ResourceModel, type TemplateModel } from '../template/index.js';

/**
 * Locally an environment is a worker thread. Without ReservedConcurrentExecutions a function gets
 * as many as the machine has cores: more threads than cores only share the same CPUs, and each
 * extra one costs memory and a JIT of its own (measured with the producer on 2 cores: 1 environment
 * 638 invocations/s, 2: 625/s, 4: 519/s, 10: 429/s). Invocations beyond them wait for one.
 */
export const DEFAULT_LOCAL_CONCURRENCY = Math.max(2, availableParallelism());

export interface FunctionSpec {
  logicalId: string;
  name: string;
  arn: string;
  /** Everything but the log sink, which the wiring adds. */
  config: Omit<FunctionConfig, 'onLog'>;
}

export function functionSpecs(
  model: TemplateModel,
  sqsEndpoint: string,
  credentials: KeyPair,
  concurrency?: number,
): FunctionSpec[] {
  return model.resources
    .filter((r) => r.type === 'AWS::Lambda::Function')
    .map((r) => functionSpec(r, model, sqsEndpoint, credentials, concurrency));
}

function functionSpec(
  r: ResourceModel,
  model: TemplateModel,
  sqsEndpoint: string,
  credentials: KeyPair,
  concurrency: number | undefined,
): FunctionSpec {
  const f = functionSettings(r, model.baseDir);
  const config: FunctionSpec['config'] = {
    functionName: f.functionName,
    handlerFile: f.handlerFile,
    exportName: f.exportName,
    handler: f.handler,
    codeDir: f.codeDir,
    region: model.stack.region,
    accountId: model.stack.accountId,
    memorySize: f.memorySize,
    timeout: f.timeout,
    runtime: f.runtime,
    logGroup: f.logGroup,
    environment: f.environment,
    extraEnvironment: {
      AWS_ENDPOINT_URL_SQS: sqsEndpoint,
      // Any other service the SDK is asked for reaches this machine too, never AWS.
      AWS_ENDPOINT_URL: sqsEndpoint,
      // The template names the Lambda runtime; the SDK's warning about the local Node.js is noise here.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    credentials,
    maxConcurrency: f.reservedConcurrency ?? concurrency ?? DEFAULT_LOCAL_CONCURRENCY,
    whenBusy: 'wait',
  };
  return { logicalId: r.logicalId, name: f.functionName, arn: f.functionArn, config };
}
