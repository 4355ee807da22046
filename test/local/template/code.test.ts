// Loading from a file, and finding a function's code: Code relative to the template, Handler's file.
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  functionSettings,
  loadTemplate,
  resolveFunctionCode,
  TemplateError,
} from '../../../local/template/index.js';
import type { TemplateModel } from '../../../local/template/index.js';
import { LocalError } from '../../../local/errors.js';
import { assertTemplateError } from '../../helpers/template/model.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/local/', import.meta.url));
const STACK = `${FIXTURES}template/stack.yaml`;

async function codeOf(logicalId: string): Promise<ReturnType<typeof resolveFunctionCode>> {
  const m: TemplateModel = await loadTemplate(STACK, { stackName: 'fix' });
  return resolveFunctionCode(
    m.resources.find((r) => r.logicalId === logicalId)!,
    m.baseDir,
  );
}

test('loadTemplate: YAML from a file, its directory as the base for Code', async () => {
  const m = await loadTemplate(STACK, { stackName: 'fix' });
  assert.is(m.baseDir, `${FIXTURES}template`);
  assert.is(m.description, 'fixture stack');
  assert.equal(m.outputs, { JobsUrl: { value: 'http://127.0.0.1:9324/000000000000/fix-jobs' } });
});

test('loadTemplate: a JSON template, with an exported output', async () => {
  const m = await loadTemplate(`${FIXTURES}template/stack.json`, {
    stackName: 'fix',
    region: 'eu-central-1',
  });
  assert.equal(m.outputs, {
    JobsArn: { value: 'arn:aws:sqs:eu-central-1:000000000000:fix-jobs', exportName: 'jobs-arn' },
  });
});

test('loadTemplate: a missing file is a TemplateError naming it', async () => {
  try {
    await loadTemplate(`${FIXTURES}template/nope.yaml`);
    assert.unreachable();
  } catch (error) {
    assert.instance(error, TemplateError);
    assert.instance(error, LocalError);
    assert.is((error as Error).message, `cannot read the template ${FIXTURES}template/nope.yaml: ENOENT`);
    assert.is((error as TemplateError).code, 'TemplateUnreadable');
  }
});

test('the handler file and export: index.js/.mjs/.cjs in the Code directory', async () => {
  assert.equal(await codeOf('Worker'), {
    codeDir: `${FIXTURES}lambda/actions`,
    handlerFile: `${FIXTURES}lambda/actions/index.mjs`,
    exportName: 'handler',
    handler: 'index.handler',
  });
  assert.is((await codeOf('CommonJs')).handlerFile, `${FIXTURES}lambda/cjs/index.cjs`);
});

test('functionSettings: what createFunction takes, with Lambda defaults and /aws/lambda/<name>', async () => {
  const m = await loadTemplate(STACK, { stackName: 'fix' });
  const worker = m.resources.find((r) => r.logicalId === 'Worker')!;
  const name = worker.ref;
  assert.equal(functionSettings(worker, m.baseDir), {
    logicalId: 'Worker',
    functionName: name,
    functionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    codeDir: `${FIXTURES}lambda/actions`,
    handlerFile: `${FIXTURES}lambda/actions/index.mjs`,
    exportName: 'handler',
    handler: 'index.handler',
    memorySize: 128,
    timeout: 3,
    logGroup: `/aws/lambda/${name}`,
    environment: { QUEUE_URL: 'http://127.0.0.1:9324/000000000000/fix-jobs' },
  });
  assertTemplateError(
    () =>
      functionSettings(
        m.resources.find((r) => r.logicalId === 'Jobs')!,
        m.baseDir,
      ),
    'Resources.Jobs: AWS::SQS::Queue is not an AWS::Lambda::Function',
  );
});

test('missing code, a missing handler file, S3 code and a bad Handler are errors naming the resource', async () => {
  const m = await loadTemplate(STACK, { stackName: 'fix' });
  const code = (id: string) => () =>
    resolveFunctionCode(
      m.resources.find((r) => r.logicalId === id)!,
      m.baseDir,
    );
  assertTemplateError(
    code('NoFile'),
    `Resources.NoFile.Properties.Handler: app.handler: no app.js, app.mjs, app.cjs in ${FIXTURES}lambda/actions`,
    'CodeNotFound',
  );
  assertTemplateError(
    code('NoDir'),
    `Resources.NoDir.Properties.Code: ../lambda/missing does not exist (${FIXTURES}lambda/missing); build first`,
    'CodeNotFound',
  );
  assertTemplateError(
    code('FromS3'),
    'Resources.FromS3.Properties.Code: locally, Code must be a path to the built code directory, relative to the template (S3 locations and ZipFile are not supported)',
    'NotSupportedLocally',
  );
  assertTemplateError(
    code('BadHandler'),
    'Resources.BadHandler.Properties.Handler: index: expected <file>.<export>, like index.handler',
  );
});

test.run();
