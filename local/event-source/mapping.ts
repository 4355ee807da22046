// One mapping's pollers. A poller is added when a first receive comes back full (messages were
// waiting), or when the last listening poller starts an invocation, and retires when a receive
// finds the queue idle; never more than MaximumConcurrency.
// https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
import type { Message } from '@aws-sdk/client-sqs';
import type { InvokeOutcome } from '../lambda/index.js';
import { toRecords } from './event.js';
import { gatherBatch } from './gather.js';
import { settle } from './outcome.js';
import { checkMappingConfig, type MappingSettings } from './settings.js';
import { createSqsCalls, sleep, type SqsCalls } from './sqs.js';
import type {
  BatchReport,
  EventSourceMapping,
  EventSourceMappingOptions,
  MappingStats,
  SqsRecord,
} from './types.js';

const MIN_POLLERS = 1;

export function startEventSourceMapping(options: EventSourceMappingOptions): EventSourceMapping {
  const mapping = new Mapping(options, checkMappingConfig(options));
  mapping.spawn(); // the first poller, unless the mapping is disabled
  return mapping;
}

class Mapping implements EventSourceMapping {
  private readonly counters: MappingStats = {
    pollers: 0,
    inFlight: 0,
    maxInFlight: 0,
    received: 0,
    invocations: 0,
    succeeded: 0,
    failed: 0,
    filtered: 0,
    sqsErrors: 0,
  };
  private readonly controller = new AbortController();
  private readonly pollers = new Set<Promise<void>>();
  private readonly calls: SqsCalls;
  private running: boolean;
  /** Pollers waiting on a receive (not invoking or deleting). */
  private listening = 0;

  constructor(
    private readonly options: EventSourceMappingOptions,
    private readonly settings: MappingSettings,
  ) {
    this.running = options.enabled !== false;
    this.calls = createSqsCalls(options.sqs, options.queueUrl, {
      baseMs: options.retryBaseMs ?? 100,
      stopping: () => !this.running,
      onError: (error, action) => {
        this.counters.sqsErrors++;
        options.onError?.(error, action);
      },
    });
  }

  stats(): MappingStats {
    return { ...this.counters };
  }

  async stop(): Promise<void> {
    this.running = false;
    this.controller.abort();
    while (this.pollers.size > 0) await Promise.all([...this.pollers]);
  }

  /** Adds a poller, unless the mapping is stopped or already at MaximumConcurrency. */
  spawn(): void {
    if (!this.running || this.counters.pollers >= this.settings.maximumConcurrency) return;
    this.counters.pollers++;
    const poller: Promise<void> = this.poll().finally(() => {
      this.counters.pollers--;
      this.pollers.delete(poller);
    });
    this.pollers.add(poller);
  }

  private async poll(): Promise<void> {
    const signal = this.controller.signal;
    while (this.running) {
      this.listening++;
      const { batch, backlog } = await gatherBatch(this.calls, this.settings, signal).finally(
        () => this.listening--,
      );
      if (batch.length === 0) {
        if (this.counters.pollers > MIN_POLLERS) return; // idle: retire this poller
        continue;
      }
      // Messages were waiting: add a poller. And one always listens: a slow invocation must not
      // hold up a message that arrives meanwhile (Lambda polls with several pollers at once).
      if (backlog || this.listening === 0) this.spawn();
      try {
        await this.processBatch(batch);
      } catch (error) {
        // Whatever went wrong, the batch stays on the queue and comes back after its visibility timeout.
        this.options.onError?.(error, 'process');
        await sleep(1000, signal);
      }
      // No backlog when it asked: fewer pollers keep up, and each fills its batches sooner.
      if (!backlog && this.counters.pollers > MIN_POLLERS) return;
    }
  }

  /** Drops what no filter matches, invokes the function with the rest, deletes what it processed. */
  private async processBatch(messages: Message[]): Promise<void> {
    const started = Date.now();
    const records = toRecords(messages, this.options.queueArn, this.options.region);
    this.counters.received += records.length;
    const passed = await this.dropFiltered(records);
    const report: BatchReport = {
      size: records.length,
      succeeded: 0,
      failed: 0,
      filtered: records.length - passed.length,
      outcome: 'filtered',
      durationMs: 0,
    };
    if (passed.length > 0) await this.invokeAndSettle(passed, report);
    report.durationMs = Date.now() - started;
    this.options.onBatch?.(report);
  }

  /** Deletes the records that match no filter (they never reach the function); answers the others. */
  private async dropFiltered(records: SqsRecord[]): Promise<SqsRecord[]> {
    const filter = this.settings.filter;
    const passed = filter ? records.filter(filter) : records;
    const dropped = records.length - passed.length;
    if (dropped > 0) {
      const keep = new Set(passed);
      await this.calls.delete(records.filter((r) => !keep.has(r)).map((r) => r.receiptHandle));
      this.counters.filtered += dropped;
    }
    return passed;
  }

  private async invokeAndSettle(records: SqsRecord[], report: BatchReport): Promise<void> {
    const { reportFailures, fifo } = this.settings;
    const settlement = settle(records, await this.invoke(records), reportFailures, fifo);
    if (settlement.done.length > 0) await this.calls.delete(settlement.done.map((r) => r.receiptHandle));
    this.counters.succeeded += settlement.done.length;
    this.counters.failed += settlement.failed.length;
    report.succeeded = settlement.done.length;
    report.failed = settlement.failed.length;
    report.outcome =
      settlement.failed.length === 0 ? 'success' : settlement.done.length === 0 ? 'failure' : 'partial';
    if (settlement.reason) report.reason = settlement.reason;
  }

  private async invoke(records: SqsRecord[]): Promise<InvokeOutcome> {
    this.counters.invocations++;
    this.counters.inFlight++;
    this.counters.maxInFlight = Math.max(this.counters.maxInFlight, this.counters.inFlight);
    try {
      return await this.options.invoke({ Records: records });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { errorType: 'InvokeError', errorMessage: message } };
    } finally {
      this.counters.inFlight--;
    }
  }
}
