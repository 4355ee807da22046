import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Each function is one minified ESM file with its source map; dist/<fn>/ is exactly what
// CloudFormation deploys (Handler: index.handler). The AWS SDK is bundled, not taken from the runtime.
const functions = ['producer', 'consumer'] as const;
// Watch mode (`ferry up --watch`) builds beside dist/ (FERRY_BUILD_DIR=dist/.next) and moves each
// file in with one rename, so a function that cold-starts during a rebuild never finds its bundle
// half written or gone.
const outDir = process.env.FERRY_BUILD_DIR ?? 'dist';

// Only our own outputs are cleared: other parts of the project may keep files under dist/.
for (const fn of functions) rmSync(`${outDir}/${fn}`, { recursive: true, force: true });

export default defineConfig({
  entry: Object.fromEntries(functions.map((fn) => [`${fn}/index`, `services/${fn}/handler.ts`])),
  outDir,
  format: ['esm'],
  outExtension: () => ({ js: '.js' }),
  platform: 'node',
  // Lambda runs Node.js 24 (the template's nodejs24.x); node20 syntax also loads on the Node 20 used locally.
  target: 'node20',
  noExternal: [/.*/],
  minify: true,
  sourcemap: true,
  splitting: false,
  dts: false,
  esbuildOptions(options) {
    // Prefer dependencies' ESM builds: they tree-shake better than their CommonJS ones.
    options.mainFields = ['module', 'main'];
    // Lambda gives credentials in the environment: skip the SDK's full provider chain (see the file).
    options.alias = { '@aws-sdk/credential-provider-node': './services/lib/lambda-credentials.ts' };
    // Bundled CommonJS dependencies may require() Node built-ins; give ESM a require to do it with.
    options.banner = {
      js: "import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);",
    };
  },
  async onSuccess() {
    for (const fn of functions) {
      mkdirSync(`${outDir}/${fn}`, { recursive: true });
      // Marks index.js as ESM for Lambda and for Node, whatever package.json sits above dist/.
      writeFileSync(`${outDir}/${fn}/package.json`, `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
    }
  },
});
