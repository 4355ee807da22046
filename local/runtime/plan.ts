// Step 1 of start-up: the template read and parsed, and what is to be bound. Nothing is bound or
// opened yet, so a template that is not even YAML stops start-up here.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseTemplate, TemplateError } from '../template/index.js';
import { settle, type RuntimeOptions, type Settings } from './options.js';
import { readParameterFile } from './parameters.js';

export interface Plan {
  settings: Settings;
  /** The parameter values given: the parameter file's, then the overrides over them. */
  parameters: Record<string, string>;
  /** The template as parsed, intrinsics unresolved. */
  template: unknown;
  /** Relative Code paths are taken from here. */
  baseDir: string;
  /** Whether the template declares an HTTP API: only then is the API port bound. */
  declaresApi: boolean;
}

export async function plan(options: RuntimeOptions): Promise<Plan> {
  const settings = settle(options);
  const path = resolve(settings.templatePath);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new TemplateError(
      '',
      `cannot read the template ${settings.templatePath}: ${error.code ?? error.message}`,
    );
  });
  const template = parseTemplate(text, settings.templatePath);
  const fromFile = settings.parametersFile === undefined ? {} : readParameterFile(settings.parametersFile);
  return {
    settings,
    parameters: { ...fromFile, ...settings.parameterOverrides },
    template,
    baseDir: dirname(path),
    declaresApi: declaresApi(template),
  };
}

function declaresApi(template: unknown): boolean {
  const resources = (template as { Resources?: unknown } | null)?.Resources;
  if (resources === null || typeof resources !== 'object') return false;
  return Object.values(resources).some(
    (r) => (r as { Type?: unknown } | null)?.Type === 'AWS::ApiGatewayV2::Api',
  );
}
