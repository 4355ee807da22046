// Each AWS::Lambda::Function of the template as a local/lambda function: its code directory and
// handler, memory, timeout, environment, log group, plus the SDK endpoint variables that send
// every AWS call to the local SQS, so the unchanged bundle talks to this machine only.
import { availableParallelism } from 'node:os';
import { LOCAL_CREDENTIALS } from '../config/index.js';
import type { FunctionConfig } from '../lambda/index.js';
import {
  resolveFunctionCode,
  TemplateError,
  type TemplateModel,
  type ResourceModel,
} from '../template/index.js';

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
  concurrency?: number,
): FunctionSpec[] {
  return model.resources
    .filter((r) => r.type === 'AWS::Lambda::Function')
    .map((r) => functionSpec(r, model, sqsEndpoint, concurrency));
}

function functionSpec(
  r: ResourceModel,
  model: TemplateModel,
  sqsEndpoint: string,
  concurrency: number | undefined,
): FunctionSpec {
  const path = `Resources.${r.logicalId}.Properties`;
  const p = r.properties;
  const runtime = typeof p.Runtime === 'string' ? p.Runtime : undefined;
  if (runtime !== undefined && !runtime.startsWith('nodejs'))
    throw new TemplateError(`${path}.Runtime`, `${runtime}: only Node.js functions run locally`);
  if (p.PackageType === 'Image')
    throw new TemplateError(
      `${path}.PackageType`,
      'container images do not run locally; use Zip with Code as a directory',
    );
  const code = resolveFunctionCode(r, model.baseDir);
  const variables = (p.Environment as { Variables?: Record<string, string> } | undefined)?.Variables ?? {};
  const logGroup = (p.LoggingConfig as { LogGroup?: unknown } | undefined)?.LogGroup;
  const reserved =
    typeof p.ReservedConcurrentExecutions === 'number' ? p.ReservedConcurrentExecutions : undefined;
  if (reserved === 0)
    throw new TemplateError(
      `${path}.ReservedConcurrentExecutions`,
      '0 means the function never runs; remove it or raise it',
    );
  const config: FunctionSpec['config'] = {
    functionName: r.ref,
    handlerFile: code.handlerFile,
    exportName: code.exportName,
    handler: code.handler,
    codeDir: code.codeDir,
    region: model.stack.region,
    accountId: model.stack.accountId,
    environment: variables,
    extraEnvironment: {
      AWS_ENDPOINT_URL_SQS: sqsEndpoint,
      // Any other service the SDK is asked for reaches this machine too, never AWS.
      AWS_ENDPOINT_URL: sqsEndpoint,
      // The template names the Lambda runtime; the SDK's warning about the local Node.js is noise here.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    credentials: LOCAL_CREDENTIALS,
    maxConcurrency: reserved ?? concurrency ?? DEFAULT_LOCAL_CONCURRENCY,
    whenBusy: 'wait',
  };
  if (typeof p.MemorySize === 'number') config.memorySize = p.MemorySize;
  if (typeof p.Timeout === 'number') config.timeout = p.Timeout;
  if (runtime !== undefined) config.runtime = runtime;
  if (typeof logGroup === 'string') config.logGroup = logGroup;
  return { logicalId: r.logicalId, name: r.ref, arn: String(r.attributes.Arn), config };
}
