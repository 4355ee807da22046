import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startEventSourceMapping, type SqsEvent } from '../../../local/event-source/index.js';
import type { InvokeOutcome } from '../../../local/lambda/index.js';
import { until } from '../../helpers/time/until.js';
import { startTestSqs } from '../../helpers/sqs/server.js';

test('FIFO: each group is processed in order, one batch per group at a time', async () => {
  const server = await startTestSqs();
  const { queueUrl, queueArn } = await server.createQueue('orders.fifo', {
    FifoQueue: 'true',
    ContentBasedDeduplication: 'true',
    VisibilityTimeout: '1',
  });
  const sent = Array.from({ length: 24 }, (_, i) => ({ group: `g${i % 3}`, body: `${i}` }));
  await server.send(
    queueUrl,
    sent.map(({ group, body }) => ({ MessageBody: body, MessageGroupId: group })),
  );
  const processed: Record<string, string[]> = {};
  const inFlightGroups = new Map<string, number>();
  let overlap = 0;
  let failOnce = true;
  const mapping = startEventSourceMapping({
    sqs: server.sqs,
    queueUrl,
    queueArn,
    region: 'us-east-1',
    batchSize: 3,
    maximumConcurrency: 4,
    waitTimeSeconds: 1,
    functionResponseTypes: ['ReportBatchItemFailures'],
    invoke: async (event: SqsEvent): Promise<InvokeOutcome> => {
      const groups = new Set(event.Records.map((r) => r.attributes['MessageGroupId'] as string));
      for (const g of groups) {
        if (inFlightGroups.get(g)) overlap++;
        inFlightGroups.set(g, 1);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
      // The first record of the first batch fails once: the group must not move past it.
      const failed = failOnce ? event.Records[0] : undefined;
      failOnce = false;
      for (const r of event.Records) {
        if (r === failed) break;
        (processed[r.attributes['MessageGroupId'] as string] ??= []).push(r.body);
      }
      for (const g of groups) inFlightGroups.set(g, 0);
      return {
        ok: true,
        result: {
          batchItemFailures: failed ? event.Records.map((r) => ({ itemIdentifier: r.messageId })) : [],
        },
      };
    },
  });
  try {
    await until('24 messages processed', () => Object.values(processed).flat().length >= 24, 15_000);
    await until('an empty queue', async () => (await server.depth(queueUrl)) === 0);
    const expected: Record<string, string[]> = {};
    for (const { group, body } of sent) (expected[group] ??= []).push(body);
    assert.equal(processed, expected);
    assert.is(overlap, 0);
  } finally {
    await mapping.stop();
    await server.close();
  }
});

test.run();
