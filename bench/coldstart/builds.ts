import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

export const FUNCTIONS = ['producer', 'consumer'] as const;
export type Fn = (typeof FUNCTIONS)[number];

/** The real build (`npm run build`): precompiled validators, tsup's minified ESM bundles in dist/. */
export function buildOptimized(root: string): Record<Fn, string> {
  execFileSync(process.execPath, ['scripts/build-validators.mjs'], { cwd: root, stdio: 'ignore' });
  execFileSync(process.execPath, [join(root, 'node_modules/tsup/dist/cli-default.js')], {
    cwd: root,
    stdio: 'ignore',
  });
  return { producer: join(root, 'dist/producer/index.js'), consumer: join(root, 'dist/consumer/index.js') };
}

/** Serves every schema file as the `ferry:schemas` module that naive-validators.mjs imports. */
function schemasPlugin(root: string): esbuild.Plugin {
  const typesDir = join(root, 'schemas/types');
  const names = readdirSync(typesDir)
    .filter((file) => file.endsWith('.schema.json'))
    .sort();
  const contents = [
    `import envelope from ${JSON.stringify(join(root, 'schemas/envelope.schema.json'))};`,
    ...names.map((file, i) => `import t${i} from ${JSON.stringify(join(typesDir, file))};`),
    `export { envelope };`,
    `export const types = [${names.map((file, i) => `{ name: ${JSON.stringify(file.replace('.schema.json', ''))}, schema: t${i} }`).join(', ')}];`,
  ].join('\n');
  return {
    name: 'ferry-naive',
    setup(build) {
      build.onResolve({ filter: /^ferry:schemas$/ }, () => ({ path: 'schemas', namespace: 'ferry' }));
      build.onLoad({ filter: /.*/, namespace: 'ferry' }, () => ({
        contents,
        loader: 'js',
        resolveDir: root,
      }));
      build.onResolve({ filter: /\/generated\/validators\.js$/ }, () => ({
        path: join(root, 'bench/coldstart/naive-validators.mjs'),
      }));
    },
  };
}

/**
 * The same handlers built naively: ajv compiles every schema at init, and esbuild bundles with its
 * defaults (CommonJS, not minified, `main` before `module`, the SDK's full credential chain).
 */
export async function buildNaive(root: string, outDir: string): Promise<Record<Fn, string>> {
  const out = {} as Record<Fn, string>;
  for (const fn of FUNCTIONS) {
    const dir = join(outDir, fn);
    mkdirSync(dir, { recursive: true });
    out[fn] = join(dir, 'index.cjs');
    await esbuild.build({
      entryPoints: [join(root, `services/${fn}/handler.ts`)],
      bundle: true,
      platform: 'node',
      outfile: out[fn],
      plugins: [schemasPlugin(root)],
      logLevel: 'silent',
    });
  }
  writeFileSync(join(outDir, 'package.json'), '{}\n');
  return out;
}
