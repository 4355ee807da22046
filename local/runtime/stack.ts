// Step 3: the template resolved, once, with the bound addresses (a queue's Ref is its local URL,
// the Api's ApiEndpoint the local gateway), and read into what each part is started with. Any
// TemplateError stops start-up here, before a store is opened.
import { urlHost } from '../http/listen.js';
import { resolveTemplate, unknownTypesWarning, type TemplateModel } from '../template/index.js';
import { apiSpecs, type ApiSpec } from './apis.js';
import { functionSpecs, type FunctionSpec } from './functions.js';
import { mappingSpecs, visibilityWarnings, type MappingSpec } from './mappings.js';
import type { Plan } from './plan.js';
import { queueSpec, type QueueSpec } from './queues.js';

export interface Stack {
  model: TemplateModel;
  functions: FunctionSpec[];
  queues: QueueSpec[];
  mappings: MappingSpec[];
  apis: ApiSpec[];
  /** What the runtime plays but AWS would advise against, and the types it does not play. */
  warnings: string[];
  /** The AWS endpoint and the first API's base URL, as the template's values name them. */
  sqsEndpoint: string;
  apiEndpoint: string;
}

/** The addresses the template resolves with: the bound ports', or those of a stack already running. */
export interface StackAddresses {
  sqs: { url: string };
  api: { url: string } | undefined;
}

export function resolveStack(plan: Plan, ports: StackAddresses): Stack {
  const { settings } = plan;
  const sqsEndpoint = ports.sqs.url;
  // Without an Api the URL is never served; it only fills an ApiEndpoint nobody reads.
  const apiEndpoint = ports.api?.url ?? `http://${urlHost(settings.host)}:${settings.ports.api}`;
  const model = resolveTemplate(plan.template, {
    baseDir: plan.baseDir,
    stackName: settings.stackName,
    region: settings.region,
    parameterOverrides: plan.parameters,
    sqsEndpoint,
    apiEndpoint,
  });
  const functions = functionSpecs(model, sqsEndpoint, settings.credentials, settings.functionConcurrency);
  // A function is named by its name or ARN in the template; the parts address it by logical id.
  const targets = new Map<string, string>();
  for (const f of functions) targets.set(f.name, f.logicalId).set(f.arn, f.logicalId);
  const queues = model.resources.filter((r) => r.type === 'AWS::SQS::Queue').map(queueSpec);
  const mappings = mappingSpecs(model.resources, queues, targets);
  const unknown = unknownTypesWarning(model);
  return {
    model,
    functions,
    queues,
    mappings,
    warnings: [
      ...visibilityWarnings(mappings, model.resources, plan.template),
      ...(unknown ? [unknown] : []),
    ],
    apis: apiSpecs(model.resources, targets),
    sqsEndpoint,
    apiEndpoint,
  };
}
