import { GetQueueAttributesCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { RuntimeConsole } from '../../helpers/console/runtime.js';
import { startRuntimeConsole } from '../../helpers/console/runtime.js';

// A message's story finds it in the DLQ by looking it up in the local queue engine: reading a story
// neither counts as a receive nor hides it for a moment, and it sees past the first 50 messages.

const story = suite<{ up: RuntimeConsole }>('the story of a dead-lettered message');

story.before(async (ctx) => {
  ctx.up = await startRuntimeConsole();
});
story.after(async (ctx) => {
  await ctx.up?.close();
});

interface StoryBody {
  deadLettered: { queue: string; receiveCount: number; attributes: Record<string, string> }[];
}

async function storyOf(up: RuntimeConsole, id: string): Promise<StoryBody> {
  const res = await fetch(`${up.consoleUrl}api/story?id=${id}`);
  assert.is(res.status, 200);
  return (await res.json()) as StoryBody;
}

story('60 messages in the DLQ: each story finds its own, and reading it changes nothing', async ({ up }) => {
  const dlq = up.runtime.outputs.DlqUrl!;
  for (let batch = 0; batch < 6; batch++)
    await up.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: dlq,
        Entries: Array.from({ length: 10 }, (_, i) => ({
          Id: String(i),
          MessageBody: `{"n":${batch * 10 + i}}`,
          MessageAttributes: {
            correlationId: { DataType: 'String', StringValue: `cid-dlq-${batch * 10 + i}` },
            failureReason: { DataType: 'String', StringValue: 'schema-invalid: /data/orderId is required' },
          },
        })),
      }),
    );
  for (const n of [0, 10, 11, 55, 59]) {
    for (let look = 0; look < 3; look++) {
      const { deadLettered } = await storyOf(up, `cid-dlq-${n}`);
      assert.equal(
        deadLettered.map((d) => [
          d.queue,
          d.receiveCount,
          d.attributes.correlationId,
          d.attributes.failureReason,
        ]),
        [['ferry-messages-dlq', 0, `cid-dlq-${n}`, 'schema-invalid: /data/orderId is required']],
        `cid-dlq-${n}, look ${look + 1}`,
      );
    }
  }
  assert.equal((await storyOf(up, 'cid-nowhere')).deadLettered, []);
  const out = await up.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: dlq,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  assert.equal(out.Attributes, {
    ApproximateNumberOfMessages: '60',
    ApproximateNumberOfMessagesNotVisible: '0',
  });
});

story.run();
