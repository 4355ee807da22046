// local/config: the runtime's defaults, the names every part builds, and the data directory.
export { DEFAULTS, LOCAL_CREDENTIALS } from './defaults.js';
export { arn, functionArn, lambdaLogGroup, logGroupArn, queueArn, queueNameOf, queueUrl } from './names.js';
export { describeStore, openDataDir, type DataDir, type StoreSpec } from './data-dir.js';
export { parseOverrides } from './overrides.js';
export { ConfigError } from './errors.js';
