// The template resolved as `ferry up` resolves it, without binding a port: for the commands that
// run one piece of it (`ferry invoke`, `ferry event`). The SQS endpoint is given (a running stack's,
// or a standalone one's); the API endpoint is the one `ferry up` would bind by default.
import { DEFAULTS } from '../config/index.js';
import { urlHost } from '../http/listen.js';
import type { RuntimeOptions } from './options.js';
import { plan } from './plan.js';
import { resolveStack, type Stack } from './stack.js';

/** What the template is read with: the same as `ferry up`'s. */
export type TemplateOptions = Pick<
  RuntimeOptions,
  | 'templatePath'
  | 'parametersFile'
  | 'parameterOverrides'
  | 'stackName'
  | 'region'
  | 'host'
  | 'ports'
  | 'auth'
>;

export async function offlineStack(
  options: TemplateOptions,
  sqsEndpoint = defaultSqsEndpoint(options),
): Promise<Stack> {
  const planned = await plan({ ...options, store: { kind: 'memory' } });
  return resolveStack(planned, { sqs: { url: sqsEndpoint }, api: undefined });
}

/** Where `ferry up` with these options serves SQS: http://host:port. */
export function defaultSqsEndpoint(options: TemplateOptions): string {
  return `http://${urlHost(options.host ?? DEFAULTS.host)}:${options.ports?.sqs ?? DEFAULTS.ports.sqs}`;
}
