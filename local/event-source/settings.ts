// A mapping's options, checked as Lambda checks them when the mapping is created, with Lambda's
// defaults filled in. https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
import { invalidMapping } from './errors.js';
import { compileFilter } from './filter.js';
import type { EventSourceMappingOptions, SqsRecord } from './types.js';

/** ScalingConfig is optional in AWS (then up to 1,000); locally a handful of pollers is plenty. */
const DEFAULT_MAXIMUM_CONCURRENCY = 5;

/** The options a mapping is configured with, without what it is wired to (client, callbacks). */
export type MappingConfig = Omit<EventSourceMappingOptions, 'sqs' | 'invoke' | 'onBatch' | 'onError'>;

/** What a mapping runs with: its options checked, defaults filled in, the filter compiled. */
export interface MappingSettings {
  batchSize: number;
  windowSeconds: number;
  /** The most pollers, hence the most batches in the function at once. */
  maximumConcurrency: number;
  reportFailures: boolean;
  fifo: boolean;
  waitTimeSeconds: number;
  /** Undefined when every record passes (no filters). */
  filter: ((record: SqsRecord) => boolean) | undefined;
}

function check(ok: boolean, message: string): void {
  if (!ok) throw invalidMapping(message);
}

/**
 * Checks a mapping's options as Lambda does when the mapping is created; throws
 * EventSourceError naming the option (InvalidMapping) or the pattern (InvalidFilter).
 */
export function checkMappingConfig(options: MappingConfig): MappingSettings {
  const batchSize = options.batchSize ?? 10;
  const windowSeconds = options.maximumBatchingWindowInSeconds ?? 0;
  const cap = options.maximumConcurrency ?? DEFAULT_MAXIMUM_CONCURRENCY;
  check(
    Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 10_000,
    `BatchSize must be an integer from 1 to 10000, got ${batchSize}`,
  );
  check(
    windowSeconds >= 0 && windowSeconds <= 300,
    `MaximumBatchingWindowInSeconds must be from 0 to 300, got ${windowSeconds}`,
  );
  check(
    batchSize <= 10 || windowSeconds >= 1,
    'BatchSize above 10 needs MaximumBatchingWindowInSeconds of at least 1',
  );
  check(
    Number.isInteger(cap) && cap >= 2 && cap <= 1000,
    `ScalingConfig.MaximumConcurrency must be an integer from 2 to 1000, got ${cap}`,
  );
  const responseTypes = options.functionResponseTypes ?? [];
  for (const type of responseTypes) {
    check(
      type === 'ReportBatchItemFailures',
      `FunctionResponseTypes may only hold "ReportBatchItemFailures", got "${type}"`,
    );
  }
  return {
    batchSize,
    windowSeconds,
    maximumConcurrency: cap,
    reportFailures: responseTypes.includes('ReportBatchItemFailures'),
    fifo: options.queueUrl.endsWith('.fifo') || options.queueArn.endsWith('.fifo'),
    waitTimeSeconds: options.waitTimeSeconds ?? 20,
    filter: compileFilter(options.filterCriteria),
  };
}
