// The numbers of the one-line status: messages accepted by a function, waiting in the source
// queues, in flight (received, not yet deleted), processed, and waiting in dead-letter queues.
// Accepted and processed are counted from the functions' outcome log lines (every message gets
// exactly one, see services/lib); the queue figures come from the queues' own attributes.
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface Status {
  accepted: number;
  inQueue: number;
  inFlight: number;
  processed: number;
  inDlq: number;
}

export interface StatusQueues {
  /** Queues some event source mapping reads. */
  sources: string[];
  /** Queues some RedrivePolicy names as deadLetterTargetArn. */
  deadLetter: string[];
}

const ACCEPTED = '"outcome":"accepted"';
const PROCESSED = '"outcome":"processed"';

export class OutcomeCounter {
  accepted = 0;
  processed = 0;

  /** Looks at one log line of a function; cheap enough for every line. */
  see(line: string): void {
    if (!line.includes('"outcome":"')) return;
    if (line.includes(ACCEPTED)) this.accepted++;
    else if (line.includes(PROCESSED)) this.processed++;
  }
}

export async function readStatus(
  sqs: SQSClient,
  queues: StatusQueues,
  counter: OutcomeCounter,
): Promise<Status> {
  const depth = async (url: string) => {
    const { Attributes: a = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return {
      visible: Number(a.ApproximateNumberOfMessages ?? 0),
      inFlight: Number(a.ApproximateNumberOfMessagesNotVisible ?? 0),
    };
  };
  const [sources, dlqs] = await Promise.all([
    Promise.all(queues.sources.map(depth)),
    Promise.all(queues.deadLetter.map(depth)),
  ]);
  return {
    accepted: counter.accepted,
    inQueue: sources.reduce((n, d) => n + d.visible, 0),
    inFlight: sources.reduce((n, d) => n + d.inFlight, 0),
    processed: counter.processed,
    inDlq: dlqs.reduce((n, d) => n + d.visible + d.inFlight, 0),
  };
}

export function formatStatus(s: Status): string {
  return `accepted ${s.accepted} · in queue ${s.inQueue} · in flight ${s.inFlight} · processed ${s.processed} · in DLQ ${s.inDlq}`;
}
