// `npm start`: build when dist/ is missing or stale, then `ferry up` with the flags given
// (`npm start -- --memory --api-port 8080`).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from './main.js';
import { staleReason } from './freshness.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const reason = staleReason(root);
if (reason !== undefined) {
  process.stdout.write(`ferry: ${reason}: building first (npm run build)\n`);
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    process.stderr.write(`ferry: the build failed (exit ${build.status ?? build.signal}); not starting\n`);
    process.exit(1);
  }
}
// Watching is the developer's default here; `npm start -- --no-watch` turns it off.
const args = process.argv.slice(2);
const watch = args.includes('--no-watch') ? [] : ['--watch'];
process.exit(await main(['up', ...watch, ...args.filter((a) => a !== '--no-watch')]));
