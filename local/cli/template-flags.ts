// The flags that say which template, with which parameters, a command reads: the same as `ferry
// up`'s, with the same defaults, so `ferry invoke` and `ferry event` see the stack `ferry up` plays.
import { resolve } from 'node:path';
import { DEFAULTS } from '../config/index.js';
import type { TemplateOptions } from '../runtime/index.js';
import { overridesFlag, portFlag } from './flags.js';
import { parameterFile } from './up.js';

export const TEMPLATE_OPTIONS = {
  template: { type: 'string' },
  parameters: { type: 'string' },
  'parameter-overrides': { type: 'string', multiple: true },
  'sqs-port': { type: 'string' },
} as const;

export const TEMPLATE_USAGE = `  --template             the CloudFormation template (default ${DEFAULTS.template})
  --parameters           a file of parameter values (default: local.parameters.json beside the
                         template, as ferry up; none: the template's own)
  --parameter-overrides  template parameters, like the AWS CLI: Key=Value Key2=Value2 ...
  --sqs-port             the SQS port of ferry up (default ${DEFAULTS.ports.sqs}): queue URLs are built on it`;

interface TemplateValues {
  template?: string;
  parameters?: string;
  'parameter-overrides'?: string[];
  'sqs-port'?: string;
}

/** The template flags' values -> the runtime's template options, or the message naming what is wrong. */
export function templateFlags(values: TemplateValues): TemplateOptions | string {
  const sqs = portFlag('sqs-port', values['sqs-port'], DEFAULTS.ports.sqs);
  if (typeof sqs === 'string') return sqs;
  const templatePath = resolve(values.template ?? DEFAULTS.template);
  const options: TemplateOptions = { templatePath, ports: { sqs } };
  const file = parameterFile(values.parameters, templatePath);
  if (file !== undefined) options.parametersFile = file;
  const overrides = overridesFlag(values['parameter-overrides']);
  if (typeof overrides === 'string') return overrides;
  if (overrides.record !== undefined) options.parameterOverrides = overrides.record;
  return options;
}
