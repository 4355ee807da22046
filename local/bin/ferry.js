#!/usr/bin/env node
// The `ferry` command. local/ is TypeScript run without a build step: tsx compiles it on load.
import { setFlagsFromString } from 'node:v8';
import { register } from 'tsx/esm/api';

// A larger young generation: a busy queue server allocates a little per request, and 1 MiB
// semi-spaces made the scavenger run thousands of times a second (about 5% of its CPU).
setFlagsFromString('--max-semi-space-size=64');

register();
const { main } = await import('../cli/main.ts');
// Exit explicitly: a stopped server must not linger on a stray handle.
process.exit(await main(process.argv.slice(2)));
