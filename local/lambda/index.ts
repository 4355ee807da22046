// local/lambda: runs a function bundle the way Lambda does, one worker thread per environment.
export type * from './types.js';
export { createFunction } from './function.js';
export { LambdaConfigError } from './errors.js';
