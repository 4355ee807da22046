#!/usr/bin/env node
// The `ferry` command. local/ is TypeScript run without a build step: tsx compiles it on load.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
// Exit explicitly: a stopped server must not linger on a stray handle.
process.exit(await main(process.argv.slice(2)));
