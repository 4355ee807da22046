import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { launchChromium } from '../../helpers/console-browser.js';
import type { RuntimeConsole } from '../../helpers/console-runtime.js';
import { startRuntimeConsole } from '../../helpers/console-runtime.js';

// The console in chromium over a running runtime: a message sent from the form travels the whole
// pipeline (gateway, producer, queue, mapping, consumer) and the log search and story find it.

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

run('a message from the form is found by the log search and told as a story', async ({ up, tab }) => {
  await tab.goto(`${up.console.url}#send`);
  await tab.fill('input[name="correlationId"]', 'cid-runtime-1');
  await tab.click('button:text("Send")');
  await tab.waitForSelector('[data-testid="send-result"] .ok');
  assert.is(await tab.textContent('[data-testid="send-result"] .ok'), '202 follow cid-runtime-1');

  await tab.goto(`${up.console.url}#logs`);
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

  await tab.goto(`${up.console.url}#story=cid-runtime-1`);
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

run.run();
