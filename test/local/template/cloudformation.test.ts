// The project's own template loads and resolves, outputs included, with its functions' code found.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { functionSettings, loadTemplate, resolveFunctionCode } from '../../../local/template/index.js';

const TEMPLATE = fileURLToPath(new URL('../../../cloudformation/template.yaml', import.meta.url));

test('cloudformation/template.yaml: every resource and output resolves; no unknown types', async () => {
  const m = await loadTemplate(TEMPLATE);
  assert.equal(m.unknownTypes, []);
  assert.ok(Object.keys(m.outputs).length > 0);
  for (const [name, output] of Object.entries(m.outputs))
    assert.ok(output.value !== undefined && output.value !== '', `output ${name}`);
  const queues = m.resources.filter((r) => r.type === 'AWS::SQS::Queue');
  assert.ok(queues.length >= 2);
  for (const queue of queues) assert.match(queue.ref, /^http:\/\/127\.0\.0\.1:9324\/000000000000\/ferry-/);
});

test('cloudformation/template.yaml: the functions point at dist/<fn>/index.js', async () => {
  const m = await loadTemplate(TEMPLATE);
  const functions = m.resources.filter((r) => r.type === 'AWS::Lambda::Function');
  assert.ok(functions.length >= 2);
  for (const fn of functions) {
    const dir = fileURLToPath(
      new URL(`../../../${String(fn.properties.Code).replace(/^\.\.\//, '')}`, import.meta.url),
    );
    // The bundles exist only after a build; the handler lookup is checked when they do.
    if (existsSync(dir)) {
      assert.is(resolveFunctionCode(fn, m.baseDir).handlerFile, `${dir}/index.js`);
      const settings = functionSettings(fn, m.baseDir);
      assert.equal(
        [settings.memorySize, settings.timeout],
        [fn.properties.MemorySize, fn.properties.Timeout],
      );
    } else assert.match(String(fn.properties.Code), /^\.\.\/dist\//);
  }
});

test.run();
