// local/lambda: runs a function bundle the way Lambda does, one worker thread per environment.
export { createFunction } from './function.js';
export { LambdaConfigError } from './errors.js';
export { WorkerPauses } from './pauses.js';
export type { FunctionConfig, InvokeOutcome, LambdaFunction, LogRecord } from './types.js';
