/** The template after loading: every intrinsic resolved to the local values of the stack. */
export interface TemplateModel {
  /** Directory of the template file: relative Code paths are taken from here. */
  baseDir: string;
  stack: StackInfo;
  description?: string;
  /** Parameter values after defaults and overrides: strings, or string lists for list types. */
  parameters: Record<string, string | string[]>;
  conditions: Record<string, boolean>;
  /** Resources in dependency order (each after the ones it references); condition-excluded ones dropped. */
  resources: ResourceModel[];
  /** Logical ids of the resources dropped by a false Condition. */
  excluded: string[];
  outputs: Record<string, OutputModel>;
  /** Resource types the local runtime neither plays nor records: print one warning at start. */
  unknownTypes: { type: string; logicalIds: string[] }[];
}

export interface StackInfo {
  stackName: string;
  stackId: string;
  region: string;
  accountId: string;
  partition: string;
  urlSuffix: string;
}

/** 'played': the runtime runs it; 'recorded': read and kept (IAM, monitoring); 'unknown': warned about. */
export type ResourceClass = 'played' | 'recorded' | 'unknown';

export interface ResourceModel {
  logicalId: string;
  type: string;
  kind: ResourceClass;
  /** Fully resolved; numbers and booleans typed as the resource's schema types them. */
  properties: Record<string, unknown>;
  /** Every resource this one waits for: DependsOn plus the ones its properties reference. */
  dependsOn: string[];
  condition?: string;
  /** The resource's local identity: what Ref and Fn::GetAtt answer. */
  ref: string;
  attributes: Record<string, unknown>;
}

export interface OutputModel {
  value: unknown;
  description?: string;
  exportName?: string;
}

/** What the caller knows about a resource when its local identity is asked for. */
export interface IdentityInput {
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
  /** The name CloudFormation would generate when the Name property is absent (deterministic here). */
  generatedName: string;
  stack: StackInfo;
}

export interface LocalIdentity {
  ref: string;
  attributes: Record<string, unknown>;
}

/** Per resource type: the Ref and GetAtt values the local runtime gives it. */
export type IdentityHook = (input: IdentityInput) => LocalIdentity;

export interface LoadOptions {
  stackName?: string;
  region?: string;
  accountId?: string;
  /** Values by parameter name (the AWS CLI's --parameter-overrides, parsed by local/config). */
  parameterOverrides?: Record<string, string>;
  /** Overrides of the built-in identities, by resource type. */
  identities?: Record<string, IdentityHook>;
  /** Base URL of the local SQS, for the built-in queue identity; default DEFAULTS.host, ports.sqs. */
  sqsEndpoint?: string;
  /** Base URL of the local HTTP API, for the built-in Api identity; default DEFAULTS.host, ports.api. */
  apiEndpoint?: string;
}
