import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../helpers/infra/run.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const lint = suite('scripts/lint.sh');

lint('fails on a finding of each linter, and names them all', async () => {
  // Prepare: the linted paths in a temp copy, each broken once
  const work = mkdtempSync(join(tmpdir(), 'ferry-lint-'));
  try {
    for (const dir of ['scripts', 'cloudformation', '.github'])
      cpSync(join(ROOT, dir), join(work, dir), { recursive: true });
    mkdirSync(join(work, '.ci'));
    cpSync(join(ROOT, '.ci', 'run'), join(work, '.ci', 'run'));
    symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules'));
    writeFileSync(join(work, 'scripts', 'broken.sh'), '#!/usr/bin/env bash\necho $1\n');
    writeFileSync(
      join(work, 'cloudformation', 'broken.yaml'),
      'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      Nmae: x\n',
    );
    const ci = join(work, '.github', 'workflows', 'ci.yml');
    writeFileSync(
      ci,
      `${readFileSync(ci, 'utf8')}      - run: echo \${{ steps.nope.outputs.x }}\n      - run: cd $HOME/x\n`,
    );

    // Act
    const result = await run('bash', [join(work, 'scripts', 'lint.sh')]);

    // Assess
    const out = result.stdout + result.stderr;
    assert.equal(result.code, 1);
    assert.match(out, 'lint.sh: error: failed: shellcheck cfn-lint actionlint shellcheck of run: steps');
    assert.match(out, 'scripts/broken.sh line 2');
    assert.match(out, "E3002 Additional properties are not allowed ('Nmae' was unexpected)");
    assert.match(out, 'property "nope" is not defined');
    assert.match(out, /In ci\.yml\.check\.\d+\.sh line 1:\ncd \$HOME\/x/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

lint.run();
