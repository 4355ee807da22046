import type { SQSClient } from '@aws-sdk/client-sqs';
import type { InvokeOutcome } from '../lambda/index.js';

/** A message attribute as Lambda writes it into the event: camelCase, lists always present. */
export interface SqsMessageAttribute {
  stringValue?: string;
  binaryValue?: string;
  stringListValues: string[];
  binaryListValues: string[];
  dataType: string;
}

export interface SqsRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, string>;
  messageAttributes: Record<string, SqsMessageAttribute>;
  md5OfMessageAttributes?: string;
  md5OfBody: string;
  eventSource: 'aws:sqs';
  eventSourceARN: string;
  awsRegion: string;
}

export interface SqsEvent {
  Records: SqsRecord[];
}

/** AWS::Lambda::EventSourceMapping FilterCriteria. */
export interface FilterCriteria {
  Filters?: { Pattern?: string }[];
}

export interface BatchReport {
  size: number;
  /** Records deleted after the function succeeded on them. */
  succeeded: number;
  /** Records left on the queue to be received again. */
  failed: number;
  /** Records that matched no filter: deleted without invoking. */
  filtered: number;
  outcome: 'success' | 'partial' | 'failure' | 'filtered';
  /** Why records failed: the function's error, or what was wrong with its response. */
  reason?: string;
  durationMs: number;
}

export interface MappingStats {
  pollers: number;
  inFlight: number;
  maxInFlight: number;
  received: number;
  invocations: number;
  succeeded: number;
  failed: number;
  filtered: number;
  sqsErrors: number;
}

export interface EventSourceMappingOptions {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  region: string;
  batchSize?: number;
  maximumBatchingWindowInSeconds?: number;
  functionResponseTypes?: string[];
  /** ScalingConfig.MaximumConcurrency: the most batches in the function at once. */
  maximumConcurrency?: number;
  filterCriteria?: FilterCriteria;
  enabled?: boolean;
  invoke: (event: SqsEvent) => Promise<InvokeOutcome>;
  onBatch?: (report: BatchReport) => void;
  onError?: (error: unknown, action: string) => void;
  /** Long-poll wait; 20 as Lambda does, lower only in tests. */
  waitTimeSeconds?: number;
  /** First delay before retrying a failed SQS call; it doubles up to 5 s. */
  retryBaseMs?: number;
}

export interface EventSourceMapping {
  stop(): Promise<void>;
  stats(): MappingStats;
}
