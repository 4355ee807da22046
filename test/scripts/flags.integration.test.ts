import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../helpers/infra/run.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPTS = ['build.sh', 'deploy.sh', 'send.sh', 'logs.sh', 'redrive.sh', 'teardown.sh', 'lint.sh'];
const bash = (script: string, ...args: string[]) => run('bash', [join(ROOT, 'scripts', script), ...args]);

const flags = suite('scripts: flags and usage');

for (const script of SCRIPTS) {
  flags(`${script} --help prints its usage header and exits 0`, async () => {
    const result = await bash(script, '--help');
    const header = readFileSync(join(ROOT, 'scripts', script), 'utf8')
      .split('\n')
      .slice(1)
      .filter((_, i, lines) => lines.slice(0, i + 1).every((l) => l.startsWith('#')))
      .map((l) => l.replace(/^# ?/, ''))
      .join('\n');
    assert.equal(
      { code: result.code, stdout: result.stdout, stderr: result.stderr },
      { code: 0, stdout: `${header}\n`, stderr: '' },
    );
    assert.match(header, `Usage: scripts/${script}`);
  });

  flags(`${script} rejects an unknown flag with exit 2 and its usage`, async () => {
    const result = await bash(script, '--no-such-flag');
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.ok(
      result.stderr.startsWith(
        `${script}: error: unknown argument: --no-such-flag\n\nUsage: scripts/${script}`,
      ),
      result.stderr,
    );
  });
}

flags('a flag given without its value is refused, naming the flag', async () => {
  const results = await Promise.all([
    bash('deploy.sh', '--stack-name'),
    bash('send.sh', '--timeout'),
    bash('redrive.sh', '--dlq-url', ''),
  ]);
  assert.equal(
    results.map((r) => [r.code, r.stderr]),
    [
      [1, 'deploy.sh: error: --stack-name needs a value (see --help)\n'],
      [1, 'send.sh: error: --timeout needs a value (see --help)\n'],
      [1, 'redrive.sh: error: --dlq-url needs a value (see --help)\n'],
    ],
  );
});

flags('values are checked before any AWS call', async () => {
  const results = await Promise.all([
    bash('deploy.sh', '--parameter', 'LogLevel', '--skip-build'),
    bash('send.sh', '--timeout', 'soon'),
    bash('logs.sh', '--since', 'yesterday'),
    bash('redrive.sh', '--rate', '0'),
  ]);
  assert.equal(
    results.map((r) => [r.code, r.stderr]),
    [
      [1, "deploy.sh: error: parameter override 'LogLevel' is not KEY=VALUE\n"],
      [1, "send.sh: error: --timeout must be whole seconds, got 'soon'\n"],
      [1, "logs.sh: error: --since must look like 30s, 10m, 2h, 1d or 1w, got 'yesterday'\n"],
      [1, "redrive.sh: error: --rate must be a positive whole number, got '0'\n"],
    ],
  );
});

flags('deploy.sh stops before uploading anything when the stack is ROLLBACK_COMPLETE', async () => {
  // A stand-in AWS CLI: AWS (and moto) cannot be put in that state on demand. It answers the
  // status query and fails any other call, so the test sees that nothing else was attempted.
  const dir = mkdtempSync(join(tmpdir(), 'ferry-fake-aws-'));
  const fake = join(dir, 'aws');
  writeFileSync(
    fake,
    '#!/usr/bin/env bash\ncase " $* " in *" describe-stacks "*) echo ROLLBACK_COMPLETE ;; *) echo "called: $*" >&2; exit 9 ;; esac\n',
    { mode: 0o755 },
  );
  try {
    const result = await run(
      'bash',
      [join(ROOT, 'scripts', 'deploy.sh'), '--skip-build', '--stack-name', 'ferry-x'],
      {
        env: { ...process.env, AWS_CLI: fake, AWS_REGION: 'us-east-1' },
      },
    );
    assert.equal(result.code, 1);
    assert.not.match(result.stderr, 'called:');
    assert.match(
      result.stderr,
      'deploy.sh: error: stack ferry-x is ROLLBACK_COMPLETE: its first creation failed, and CloudFormation can only delete it now.',
    );
    assert.match(result.stderr, 'scripts/teardown.sh --stack-name ferry-x');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

flags.run();
