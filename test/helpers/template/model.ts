import * as assert from 'uvu/assert';
import { parseTemplate, TemplateError } from '../../../local/template/index.js';
import { resolveTemplate } from '../../../local/template/load.js';
import type { LoadOptions, TemplateErrorCode, TemplateModel } from '../../../local/template/index.js';

/** Resolves a template given as YAML text. */
export function model(yaml: string, options: LoadOptions = {}): TemplateModel {
  return resolveTemplate(parseTemplate(yaml, 'template.yaml'), { baseDir: '/stack', ...options });
}

/** The resolved properties of one resource. */
export function propertiesOf(m: TemplateModel, logicalId: string): Record<string, unknown> {
  const found = m.resources.find((r) => r.logicalId === logicalId);
  if (!found) throw new Error(`no resource ${logicalId}`);
  return found.properties;
}

/** Asserts that resolving throws a TemplateError with exactly this message and code. */
export function assertTemplateError(
  run: () => unknown,
  message: string,
  code: TemplateErrorCode = 'InvalidTemplate',
): void {
  try {
    run();
  } catch (error) {
    assert.instance(error, TemplateError);
    assert.is((error as Error).message, message);
    assert.is((error as TemplateError).code, code);
    return;
  }
  assert.unreachable(`expected: ${message}`);
}

/** A one-resource template whose queue has the given properties (YAML, indented 6). */
export function queueWith(properties: string, extra = ''): string {
  return `${extra}
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
${properties}
`;
}
