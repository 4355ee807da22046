// CloudFormation hands every Ref to a Number parameter over as a string; each resource provider
// then converts it to the type its schema gives the property. This table does that conversion
// for the types the runtime plays or records, so callers receive `BatchSize: 10`, not '10'.
import { TemplateError } from './errors.js';

type Kind = 'number' | 'boolean' | 'string';

const SCHEMA: Record<string, Record<string, Kind>> = {
  'AWS::SQS::Queue': {
    DelaySeconds: 'number',
    MaximumMessageSize: 'number',
    MessageRetentionPeriod: 'number',
    ReceiveMessageWaitTimeSeconds: 'number',
    VisibilityTimeout: 'number',
    KmsDataKeyReusePeriodSeconds: 'number',
    'RedrivePolicy.maxReceiveCount': 'number',
    FifoQueue: 'boolean',
    ContentBasedDeduplication: 'boolean',
    SqsManagedSseEnabled: 'boolean',
  },
  'AWS::Lambda::Function': {
    MemorySize: 'number',
    Timeout: 'number',
    ReservedConcurrentExecutions: 'number',
    'EphemeralStorage.Size': 'number',
    'Environment.Variables.*': 'string',
  },
  'AWS::Lambda::EventSourceMapping': {
    BatchSize: 'number',
    MaximumBatchingWindowInSeconds: 'number',
    MaximumRecordAgeInSeconds: 'number',
    MaximumRetryAttempts: 'number',
    ParallelizationFactor: 'number',
    'ScalingConfig.MaximumConcurrency': 'number',
    Enabled: 'boolean',
    BisectBatchOnFunctionError: 'boolean',
  },
  'AWS::ApiGatewayV2::Api': {
    'CorsConfiguration.MaxAge': 'number',
    'CorsConfiguration.AllowCredentials': 'boolean',
  },
  'AWS::ApiGatewayV2::Integration': { TimeoutInMillis: 'number' },
  'AWS::ApiGatewayV2::Stage': {
    AutoDeploy: 'boolean',
    'DefaultRouteSettings.ThrottlingBurstLimit': 'number',
    'DefaultRouteSettings.ThrottlingRateLimit': 'number',
    'DefaultRouteSettings.DetailedMetricsEnabled': 'boolean',
    'RouteSettings.*.ThrottlingBurstLimit': 'number',
    'RouteSettings.*.ThrottlingRateLimit': 'number',
  },
  'AWS::Logs::LogGroup': { RetentionInDays: 'number' },
  'AWS::CloudWatch::Alarm': {
    Period: 'number',
    EvaluationPeriods: 'number',
    DatapointsToAlarm: 'number',
    Threshold: 'number',
    ActionsEnabled: 'boolean',
  },
};

export function coerceProperties(type: string, properties: Record<string, unknown>, path: string): void {
  for (const [property, kind] of Object.entries(SCHEMA[type] ?? {}))
    visit(properties, property.split('.'), kind, path);
}

function visit(node: Record<string, unknown>, keys: string[], kind: Kind, path: string): void {
  const [key, ...rest] = keys;
  if (key === undefined) return;
  const names = key === '*' ? Object.keys(node) : [key];
  for (const name of names) {
    const value = node[name];
    const at = `${path}.${name}`;
    if (rest.length > 0) {
      if (value !== null && typeof value === 'object' && !Array.isArray(value))
        visit(value as Record<string, unknown>, rest, kind, at);
    } else if (value !== undefined) node[name] = convert(value, kind, at);
  }
}

function convert(value: unknown, kind: Kind, path: string): unknown {
  if (kind === 'string') {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      return String(value);
    throw new TemplateError(path, `expected a string, got ${JSON.stringify(value)}`);
  }
  if (kind === 'number') {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n === 'number' && Number.isFinite(n)) return n;
    throw new TemplateError(path, `expected a number, got ${JSON.stringify(value)}`);
  }
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new TemplateError(path, `expected true or false, got ${JSON.stringify(value)}`);
}
