// Where a function's code is locally: `Code` as a path relative to the template, the convention
// `aws cloudformation package` uploads from, and the file `Handler` names inside it.
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TemplateError } from './errors.js';
import type { ResourceModel } from './types.js';

export interface FunctionCode {
  /** Absolute directory: LAMBDA_TASK_ROOT. */
  codeDir: string;
  /** Absolute path of the handler module. */
  handlerFile: string;
  /** The export `Handler` names ('handler' in 'index.handler'). */
  exportName: string;
  handler: string;
}

// The order the Node.js runtime tries extensions in.
const EXTENSIONS = ['.js', '.mjs', '.cjs'];

export function resolveFunctionCode(resource: ResourceModel, baseDir: string): FunctionCode {
  const path = `Resources.${resource.logicalId}.Properties`;
  const { Code: code, Handler: handler } = resource.properties;
  if (typeof code !== 'string')
    throw new TemplateError(
      `${path}.Code`,
      'locally, Code must be a path to the built code directory, relative to the template (S3 locations and ZipFile are not supported)',
      'NotSupportedLocally',
    );
  const codeDir = resolve(baseDir, code);
  if (!existsSync(codeDir))
    throw new TemplateError(
      `${path}.Code`,
      `${code} does not exist (${codeDir}); build first`,
      'CodeNotFound',
    );
  if (!statSync(codeDir).isDirectory())
    throw new TemplateError(
      `${path}.Code`,
      `${code} is not a directory (${codeDir}); point Code at the unzipped code`,
      'CodeNotFound',
    );
  if (typeof handler !== 'string')
    throw new TemplateError(`${path}.Handler`, 'expected a string like index.handler');
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1)
    throw new TemplateError(`${path}.Handler`, `${handler}: expected <file>.<export>, like index.handler`);
  const base = handler.slice(0, dot);
  const candidates = EXTENSIONS.map((ext) => join(codeDir, base + ext));
  const handlerFile = candidates.find((file) => existsSync(file));
  if (handlerFile === undefined)
    throw new TemplateError(
      `${path}.Handler`,
      `${handler}: no ${EXTENSIONS.map((ext) => base + ext).join(', ')} in ${codeDir}`,
      'CodeNotFound',
    );
  return { codeDir, handlerFile, exportName: handler.slice(dot + 1), handler };
}
