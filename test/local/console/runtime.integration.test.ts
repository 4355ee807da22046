import { mkdirSync } from 'node:fs';
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { launchChromium } from '../../helpers/console/browser.js';
import type { RuntimeConsole } from '../../helpers/console/runtime.js';
import { startRuntimeConsole } from '../../helpers/console/runtime.js';
import { order, postJson } from '../../helpers/runtime/runtime.js';
import { until } from '../../helpers/time/until.js';

// The console that `ferry up` serves, in chromium: startRuntime wires the log store, metrics and
// the console; messages travel the whole pipeline (gateway, producer, queue, mapping, consumer).

const SHOTS = 'test-results/console';
const run = suite<{ up: RuntimeConsole; tab: Page; close: () => Promise<void> }>('console over the runtime');

run.before(async (ctx) => {
  mkdirSync(SHOTS, { recursive: true });
  // No batching window: the consumer takes the message at once.
  ctx.up = await startRuntimeConsole(['MaximumBatchingWindowInSeconds=0']);
  const browser = await launchChromium();
  ctx.close = browser.close;
  ctx.tab = await browser.context.newPage();
});
run.after(async (ctx) => {
  await ctx.close?.();
  await ctx.up?.close();
});

const queueUrl = (up: RuntimeConsole) => up.runtime.outputs.QueueUrl!;
const dlqUrl = (up: RuntimeConsole) => up.runtime.outputs.DlqUrl!;

run('a message from the form is found by the log search and told as a story', async ({ up, tab }) => {
  await tab.goto(`${up.consoleUrl}#send`);
  await tab.fill('input[name="correlationId"]', 'cid-runtime-1');
  await tab.click('button:text("Send")');
  await tab.waitForSelector('[data-testid="send-result"] .ok');
  assert.is(await tab.textContent('[data-testid="send-result"] .ok'), '202 follow cid-runtime-1');

  await tab.goto(`${up.consoleUrl}#logs`);
  await tab.fill('input[name="pattern"]', '{ $.correlationId = "cid-runtime-1" && $.outcome = "processed" }');
  // The consumer may still be at work: search until its line is there.
  for (let i = 0; i < 50; i++) {
    await tab.click('button:text("Search")');
    await tab.waitForSelector('[data-testid="search-results"] .hint');
    if ((await tab.textContent('[data-testid="search-results"] .hint')) === '1 event(s)') break;
    await tab.waitForTimeout(100);
  }
  assert.is(await tab.textContent('[data-testid="search-results"] .hint'), '1 event(s)');
  await tab.screenshot({ path: `${SHOTS}/runtime-logs.png`, fullPage: true });

  await tab.goto(`${up.consoleUrl}#story=cid-runtime-1`);
  await tab.waitForSelector('[data-testid="story"] li');
  const story = await tab.$$eval('[data-testid="story"] li', (els) =>
    els.map((el) => `${el.querySelector('.stage')?.textContent} ${el.children[2]?.textContent}`),
  );
  // In time order; the consumer may start before the producer logs its outcome (it logs after
  // SendMessage returns), so each hop is compared on its own.
  const hop = (stage: string) =>
    story
      .filter((s) => s.startsWith(`${stage} `))
      .map((s) => s.replace(/RequestId: \S+.*/, 'RequestId').replace(/ · message \S+$/, ''));
  assert.equal(hop('producer'), [
    'producer START RequestId',
    'producer accepted · order.created',
    'producer END RequestId',
    'producer REPORT RequestId',
  ]);
  assert.equal(hop('consumer'), [
    'consumer START RequestId',
    'consumer processed · order.created · receive #1',
    'consumer END RequestId',
    'consumer REPORT RequestId',
  ]);
  assert.is(story.length, 8);
  await tab.screenshot({ path: `${SHOTS}/runtime-story.png`, fullPage: true });
});

run('the dashboard draws every widget of the template with the runtime metrics', async ({ up, tab }) => {
  // A rejected message and a poison one, so the "by reason" and DLQ series have data too.
  assert.is((await postJson(`${up.runtime.endpoints.api}/messages`, { type: 'order.created' })).status, 422);
  await up.sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl(up),
      MessageBody: 'not json',
      MessageAttributes: { correlationId: { DataType: 'String', StringValue: 'cid-runtime-poison' } },
    }),
  );
  const errors: string[] = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  const widgets = await until(
    'every widget drawn with data',
    async () => {
      await tab.goto(up.consoleUrl);
      await tab.waitForSelector('.widget[data-points]');
      const drawn = await tab.$$eval('.widget', (els) =>
        els.map((el) => ({
          type: el.getAttribute('data-type'),
          title: el.querySelector('h3')?.textContent ?? '',
          hasData: Number(el.getAttribute('data-points')) > 0 || el.classList.contains('kind-text'),
        })),
      );
      return drawn.every((w) => w.hasData) ? drawn : undefined;
    },
    25_000,
  );
  assert.equal(
    widgets.map((w) => w.type),
    Array.from({ length: 9 }, () => 'metric'),
  );
  assert.equal(await tab.$$eval('.widget canvas', (els) => els.length), 9);
  await tab.screenshot({ path: `${SHOTS}/runtime-dashboard.png`, fullPage: true });
  assert.equal(errors, []);
});

run('a redrive from the page empties the DLQ and the message is processed', async ({ up, tab }) => {
  // The poison of the test before would come back: take it out, and put a message there that the
  // consumer takes once it is back in its queue (a failure fixed later).
  await until('the poison message in the DLQ', async () => {
    const { Messages = [] } = await up.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlqUrl(up), MaxNumberOfMessages: 10 }),
    );
    for (const m of Messages)
      await up.sqs.send(new DeleteMessageCommand({ QueueUrl: dlqUrl(up), ReceiptHandle: m.ReceiptHandle }));
    return Messages.length > 0;
  });
  await up.sqs.send(
    new SendMessageCommand({
      QueueUrl: dlqUrl(up),
      MessageBody: JSON.stringify(order({ orderId: 'ord_redrive' })),
      MessageAttributes: {
        correlationId: { DataType: 'String', StringValue: 'cid-runtime-redrive' },
        type: { DataType: 'String', StringValue: 'order.created' },
      },
    }),
  );
  await tab.goto(`${up.consoleUrl}#queues`);
  await tab.waitForSelector('tr[data-queue="ferry-messages-dlq"][data-visible="1"]', { timeout: 15_000 });
  await tab.click('tr[data-queue="ferry-messages-dlq"] button:text("Redrive")');
  await tab.waitForSelector('[data-testid="redrive-progress"]:text("COMPLETED")', { timeout: 15_000 });
  await tab.waitForSelector('tr[data-queue="ferry-messages-dlq"][data-visible="0"]', { timeout: 15_000 });
  assert.is(await tab.textContent('[data-testid="redrive-progress"]'), 'COMPLETED: 1 of 1 moved');
  const processed = await until('the redriven message processed', () => {
    const found = up.logs.filter('/aws/lambda/ferry-consumer', {
      limit: 10,
      match: (m) =>
        m.includes('"correlationId":"cid-runtime-redrive"') && m.includes('"outcome":"processed"'),
    });
    return found.events.length > 0 ? found.events.length : undefined;
  });
  assert.is(processed, 1);
  assert.is((await up.runtime.status()).inDlq, 0);
  await tab.screenshot({ path: `${SHOTS}/runtime-queues.png`, fullPage: true });
});

run.run();
