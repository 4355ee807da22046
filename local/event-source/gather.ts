// One batch of a poller: a long poll, then, inside the batching window
// (MaximumBatchingWindowInSeconds), more receives until BatchSize.
import type { Message } from '@aws-sdk/client-sqs';
import type { MappingSettings } from './settings.js';
import { sleep, type SqsCalls } from './sqs.js';

/** Pause before the next receive of a batch that the last one did not fill. */
const GATHER_MS = 20;

export interface Gathered {
  batch: Message[];
  /** The first receive came back full: messages were already waiting. */
  backlog: boolean;
}

/**
 * A long poll answers as soon as one message is there, so asking again at once would bring one
 * message per receive under a steady flow (an SDK round trip each); a pause of GATHER_MS first
 * lets the queue fill the next receive. `backlog` is what adds a poller.
 */
export async function gatherBatch(
  calls: SqsCalls,
  { batchSize, windowSeconds, waitTimeSeconds }: MappingSettings,
  signal: AbortSignal,
): Promise<Gathered> {
  const want = Math.min(10, batchSize);
  const batch = await calls.receive(want, waitTimeSeconds, signal);
  const backlog = batch.length >= want;
  if (batch.length === 0 || windowSeconds === 0) return { batch, backlog };
  const deadline = Date.now() + windowSeconds * 1000;
  let filled = backlog;
  while (batch.length < batchSize && !signal.aborted) {
    if (!filled) await sleep(Math.min(GATHER_MS, deadline - Date.now()), signal);
    const remaining = deadline - Date.now();
    if (remaining <= 0 || signal.aborted) break;
    const wait = Math.min(20, Math.floor(remaining / 1000));
    const asked = Math.min(10, batchSize - batch.length);
    const more = await calls.receive(asked, wait, signal);
    batch.push(...more);
    filled = more.length >= asked;
    if (more.length === 0 && wait === 0) await sleep(Math.min(remaining, 50), signal);
  }
  return { batch, backlog };
}
