import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startFakeFerry } from '../helpers/infra/fake-ferry.js';
import { awsEnv, run } from '../helpers/infra/run.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('logs.sh prints a log group, and one message by its correlation id', async () => {
  // Prepare: two accepted messages, so the stand-in consumer logged two lines
  const fake = await startFakeFerry({ schemasDir: join(ROOT, 'schemas', 'types') });
  const home = mkdtempSync(join(tmpdir(), 'ferry-logs-'));
  try {
    const types = (await (await fetch(`${fake.url}/types`)).json()) as { types: { name: string }[] };
    const examples = await import(join(ROOT, 'schemas', 'types', `${types.types[0]!.name}.schema.json`), {
      with: { type: 'json' },
    });
    const message = JSON.stringify({ type: types.types[0]!.name, data: examples.default.examples[0] });
    for (const id of ['log-a', 'log-b']) {
      const res = await fetch(`${fake.url}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-correlation-id': id },
        body: message,
      });
      assert.equal(res.status, 202);
    }
    const logs = (...args: string[]) =>
      run('bash', [join(ROOT, 'scripts', 'logs.sh'), '--log-group', fake.logGroup, ...args], {
        env: awsEnv(fake.url, home),
      });

    // Act
    const [all, one] = await Promise.all([
      logs('consumer', '--no-follow'),
      logs('--correlation-id', 'log-a'),
    ]);

    // Assess
    const lines = (out: string) =>
      out
        .replace(/^\d{4}-\d\d-\d\dT[\d:.]+Z {2}/gm, 'TIME  ')
        .trimEnd()
        .split('\n');
    const line = (id: string, n: number) =>
      `TIME  {"level":"info","correlationId":"${id}","messageId":"m-${n}","type":"${types.types[0]!.name}","outcome":"processed"}`;
    assert.equal([all.code, lines(all.stdout)], [0, [line('log-a', 1), line('log-b', 2)]]);
    assert.equal([one.code, lines(one.stdout)], [0, [`== consumer (${fake.logGroup})`, line('log-a', 1)]]);
  } finally {
    await fake.close();
    rmSync(home, { recursive: true, force: true });
  }
});

test.run();
