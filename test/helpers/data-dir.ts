import { openDataDir, type DataDir } from '../../local/config/index.js';

/** The data directory `dir`, opened (created and locked) as ferry up and ferry sqs open theirs. */
export function durable(dir: string): DataDir {
  return openDataDir({ kind: 'durable', dir });
}
