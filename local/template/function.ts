// A function resource read into the settings local/lambda's createFunction takes, so the runtime
// wires each AWS::Lambda::Function without knowing its property names. What cannot run locally
// (another runtime than Node.js, a container image, no concurrency at all) is refused here.
import { lambdaLogGroup } from '../config/index.js';
import { resolveFunctionCode, type FunctionCode } from './code.js';
import { TemplateError } from './errors.js';
import type { ResourceModel } from './types.js';

export interface FunctionSettings extends FunctionCode {
  logicalId: string;
  functionName: string;
  functionArn: string;
  /** MB; Lambda's default 128. */
  memorySize: number;
  /** Seconds; Lambda's default 3. */
  timeout: number;
  runtime?: string;
  /** LoggingConfig.LogGroup, else /aws/lambda/<name>. */
  logGroup: string;
  environment: Record<string, string>;
  /** ReservedConcurrentExecutions, when the template reserves any. */
  reservedConcurrency?: number;
}

export function functionSettings(resource: ResourceModel, baseDir: string): FunctionSettings {
  if (resource.type !== 'AWS::Lambda::Function')
    throw new TemplateError(
      `Resources.${resource.logicalId}`,
      `${resource.type} is not an AWS::Lambda::Function`,
    );
  const p = resource.properties;
  const path = `Resources.${resource.logicalId}.Properties`;
  if (typeof p.Runtime === 'string' && !p.Runtime.startsWith('nodejs'))
    throw new TemplateError(
      `${path}.Runtime`,
      `${p.Runtime}: only Node.js functions run locally`,
      'NotSupportedLocally',
    );
  if (p.PackageType === 'Image')
    throw new TemplateError(
      `${path}.PackageType`,
      'container images do not run locally; use Zip with Code as a directory',
      'NotSupportedLocally',
    );
  if (p.ReservedConcurrentExecutions === 0)
    throw new TemplateError(
      `${path}.ReservedConcurrentExecutions`,
      '0 means the function never runs; remove it or raise it',
    );
  const logGroup = (p.LoggingConfig as { LogGroup?: unknown } | undefined)?.LogGroup;
  const variables = (p.Environment as { Variables?: Record<string, string> } | undefined)?.Variables ?? {};
  return {
    logicalId: resource.logicalId,
    functionName: resource.ref,
    functionArn: String(resource.attributes.Arn),
    ...resolveFunctionCode(resource, baseDir),
    memorySize: typeof p.MemorySize === 'number' ? p.MemorySize : 128,
    timeout: typeof p.Timeout === 'number' ? p.Timeout : 3,
    ...(typeof p.Runtime === 'string' ? { runtime: p.Runtime } : {}),
    logGroup: typeof logGroup === 'string' ? logGroup : lambdaLogGroup(resource.ref),
    environment: { ...variables },
    ...(typeof p.ReservedConcurrentExecutions === 'number'
      ? { reservedConcurrency: p.ReservedConcurrentExecutions }
      : {}),
  };
}
