// `npm start` builds first when the bundles the template points at are missing or older than
// what they are built from; otherwise it starts at once.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the build reads: a change to any of these makes dist/ stale. */
export const BUILD_INPUTS = ['services', 'schemas', 'scripts/build-validators.mjs', 'tsup.config.ts'];

/** Why dist/ needs a build, or undefined when it is up to date. */
export function staleReason(root: string, inputs = BUILD_INPUTS, output = 'dist'): string | undefined {
  const built = files(join(root, output)).filter((f) => f.endsWith('.js'));
  if (built.length === 0) return `${output}/ has no build`;
  const oldest = Math.min(...built.map(mtime));
  for (const input of inputs)
    for (const file of files(join(root, input)))
      if (mtime(file) > oldest)
        return `${file.slice(root.length).replace(/^\//, '')} is newer than ${output}/`;
  return undefined;
}

function mtime(file: string): number {
  return statSync(file).mtimeMs;
}

/** Every file under a path (the path itself when it is a file); none when it does not exist. */
function files(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return [];
  }
  if (!stat.isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) =>
    entry.name === 'node_modules' || entry.name === 'generated' ? [] : files(join(path, entry.name)),
  );
}
