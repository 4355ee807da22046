// Preloaded by `npm test`. The fast lane is every test that starts no process: a test that runs the
// AWS CLI, a script, `ferry`, moto_server, a build or a browser belongs in the integration lane
// (`npm run test:integration`), so here every way node:child_process starts one throws instead.
import { createRequire, syncBuiltinESMExports } from 'node:module';

const STARTERS = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;

/** The test file that made the call, from the stack, if the call came from one. */
function caller(stack: string): string | undefined {
  return /\/(test\/\S+\.test\.ts)/.exec(stack)?.[1];
}

const refused: string[] = [];
const childProcess = createRequire(import.meta.url)('node:child_process') as Record<string, unknown>;
for (const name of STARTERS) {
  childProcess[name] = (command: unknown): never => {
    const error = new Error(`child_process.${name}(${JSON.stringify(command)})`);
    const from = caller(error.stack ?? '');
    error.message =
      `the fast lane starts no process: name this file *.integration.test.ts ` +
      `(${from === undefined ? '' : `${from}: `}${error.message})`;
    refused.push(error.message);
    throw error;
  };
}
// ESM importers (`import { spawn } from 'node:child_process'`) read the builtin's ESM facade:
// bring it in line with the patched CommonJS exports.
syncBuiltinESMExports();

// uvu 0.5 drops an error thrown in a before or after hook (its runner returns from `finally`): the
// suite's tests just do not run, and the exit code stays 0. A refused process fails the run anyway.
process.on('exit', () => {
  if (refused.length === 0) return;
  process.stderr.write(`\n${[...new Set(refused)].join('\n')}\n`);
  process.exitCode = 1;
});
