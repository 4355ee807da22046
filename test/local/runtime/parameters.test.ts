// The local profile (a parameter file beside the template) and the warning for a visibility
// timeout shorter than AWS's rule for SQS event sources.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { visibilityWarnings, type MappingSpec } from '../../../local/runtime/mappings.js';
import { readParameterFile } from '../../../local/runtime/parameters.js';
import type { ResourceModel } from '../../../local/template/index.js';

function file(content: string): { path: string; done(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-params-'));
  const path = join(dir, 'p.json');
  writeFileSync(path, content);
  return { path, done: () => rmSync(dir, { recursive: true, force: true }) };
}

test('a parameter file: a template configuration, or CreateStack list; numbers read as strings', () => {
  const object = file('{ "Description": "x", "Parameters": { "A": "1", "B": 2, "C": true } }');
  const list = file('[{ "ParameterKey": "A", "ParameterValue": "1" }]');
  try {
    assert.equal(readParameterFile(object.path), { A: '1', B: '2', C: 'true' });
    assert.equal(readParameterFile(list.path), { A: '1' });
  } finally {
    object.done();
    list.done();
  }
});

test('a file that is not a parameter file is named, with what was expected', () => {
  const wrong = file('{ "A": "1" }');
  const broken = file('{ "Parameters": ');
  try {
    assert.throws(
      () => readParameterFile(wrong.path),
      (e: Error) =>
        e.name === 'TemplateError' &&
        e.message ===
          `the parameter file ${wrong.path}: no Parameters object; expected { "Parameters": { "Key": "Value" } }`,
    );
    assert.throws(
      () => readParameterFile(broken.path),
      (e: Error) => e.message.startsWith(`cannot read the parameter file ${broken.path}: `),
    );
    assert.throws(
      () => readParameterFile('/nonexistent/p.json'),
      /cannot read the parameter file \/nonexistent\/p\.json: ENOENT/,
    );
  } finally {
    wrong.done();
    broken.done();
  }
});

const queue = { logicalId: 'Queue', name: 'q', url: 'u', arn: 'a', tags: {} };
const resource = (logicalId: string, properties: Record<string, unknown>) =>
  ({ logicalId, type: 'AWS::Lambda::Function', properties }) as ResourceModel;
const mapping = (visibility: string, window?: number): MappingSpec => ({
  logicalId: 'Mapping',
  functionId: 'Fn',
  queue: { ...queue, attributes: { VisibilityTimeout: visibility } },
  enabled: true,
  maximumBatchingWindowInSeconds: window,
});

test('visibility below 6 x timeout + window warns once per mapping, naming the parameters', () => {
  const template = {
    Resources: {
      Queue: { Properties: { VisibilityTimeout: { Ref: 'QueueVisibilityTimeout' } } },
      Fn: { Properties: { Timeout: { Ref: 'ConsumerTimeout' } } },
      Mapping: { Properties: { MaximumBatchingWindowInSeconds: 10 } },
    },
  };
  const fn = [resource('Fn', { Timeout: 20 })];
  assert.equal(visibilityWarnings([mapping('130', 10)], fn, template), []);
  assert.equal(visibilityWarnings([mapping('129', 10)], fn, template), [
    'warning: QueueVisibilityTimeout (129 s) is less than 6 x ConsumerTimeout (20 s) + Mapping.MaximumBatchingWindowInSeconds (10 s) = 130 s, the least AWS recommends for Mapping: a message can become visible again while its batch still runs',
  ]);
  // Lambda's default timeout is 3 s, a mapping's default window 0.
  assert.equal(visibilityWarnings([mapping('17')], [resource('Fn', {})], {}).length, 1);
  assert.equal(visibilityWarnings([mapping('18')], [resource('Fn', {})], {}), []);
});

test.run();
