// The mappings' thread starts here: plain JavaScript that loads the TypeScript worker through tsx,
// as the `ferry` command does for the main thread (a worker does not share its parent's loader).
import { register } from 'tsx/esm/api';

register();
await import('./thread-worker.ts');
