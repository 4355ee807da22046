import { mkdirSync } from 'node:fs';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { launchChromium } from '../../helpers/console/browser.js';
import type { ConsoleStack } from '../../helpers/console/stack.js';
import { STORY_ID, startConsoleStack } from '../../helpers/console/stack.js';

// The console in a real browser (Debian's chromium, headless) over the real local SQS server.
// Screenshots go to test-results/console/ (git-ignored) to be looked at.

const SHOTS = 'test-results/console';
const page = suite<{ stack: ConsoleStack; tab: Page; close: () => Promise<void> }>('console page');

page.before(async (ctx) => {
  mkdirSync(SHOTS, { recursive: true });
  ctx.stack = await startConsoleStack({
    extraWidgets: [
      {
        type: 'metric',
        x: 0,
        y: 21,
        width: 6,
        height: 3,
        properties: {
          title: 'Accepted',
          view: 'singleValue',
          stat: 'Sum',
          period: 60,
          metrics: [['Ferry', 'MessagesAccepted', 'Service', 'ferry-producer', { label: 'accepted' }]],
        },
      },
      {
        type: 'metric',
        x: 0,
        y: 24,
        width: 8,
        height: 6,
        properties: {
          title: 'Ten series',
          view: 'timeSeries',
          stat: 'Sum',
          period: 60,
          metrics: Array.from({ length: 10 }, (_, i) => [
            'Ferry',
            'MessagesAccepted',
            'Service',
            'ferry-producer',
            { label: `a long label for series number ${i + 1}` },
          ]),
        },
      },
      {
        type: 'text',
        x: 0,
        y: 18,
        width: 12,
        height: 3,
        properties: { markdown: '## Runbook\n\nMessages in the DLQ: **fix**, then `redrive`.' },
      },
      {
        type: 'alarm',
        x: 12,
        y: 18,
        width: 12,
        height: 3,
        properties: {
          title: 'Alarms',
          alarms: [
            'arn:aws:cloudwatch:us-east-1:000000000000:alarm:DlqMessagesVisibleAlarm',
            'arn:aws:cloudwatch:us-east-1:000000000000:alarm:Api5xxAlarm',
          ],
        },
      },
    ],
  });
  const browser = await launchChromium();
  ctx.close = browser.close;
  ctx.tab = await browser.context.newPage();
});
page.after(async (ctx) => {
  await ctx.close?.();
  await ctx.stack?.close();
});

page('the dashboard draws every widget of the template with data', async ({ stack, tab }) => {
  const errors: string[] = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  await tab.goto(stack.console.url);
  // Metric and alarm widgets carry data-points once drawn; text widgets have no data.
  await tab.waitForSelector(`.widget[data-points] >> nth=${stack.widgetCount + 2}`);
  const widgets = await tab.$$eval('.widget', (els) =>
    els.map((el) => ({
      type: el.getAttribute('data-type'),
      hasData: Number(el.getAttribute('data-points')) > 0 || el.classList.contains('kind-text'),
      chart: el.querySelector('canvas') !== null,
    })),
  );
  assert.equal(widgets, [
    ...Array.from({ length: stack.widgetCount }, () => ({ type: 'metric', hasData: true, chart: true })),
    { type: 'metric', hasData: true, chart: false },
    { type: 'metric', hasData: true, chart: true },
    { type: 'text', hasData: true, chart: false },
    { type: 'alarm', hasData: true, chart: false },
  ]);
  // The single value is the newest datapoint: 26 (10 x 1 + the length of "MessagesAccepted").
  assert.is(await tab.textContent('.single'), '26accepted');
  assert.is(await tab.textContent('.kind-text h2'), 'Runbook');
  assert.equal(await tab.$$eval('.kind-alarm .alarm', (els) => els.map((e) => e.className)), [
    'alarm ALARM',
    'alarm OK',
  ]);
  await tab.screenshot({ path: `${SHOTS}/dashboard.png`, fullPage: true });
  assert.equal(errors, []);
});

page(
  'on a phone-wide screen the widgets stack and each chart keeps most of its widget',
  async ({ stack, tab }) => {
    await tab.setViewportSize({ width: 420, height: 900 });
    try {
      await tab.goto(`${stack.console.url}#dashboard`);
      await tab.waitForSelector(`.widget[data-points] >> nth=${stack.widgetCount + 2}`);
      // Let fit() run its animation frame after the last chart is drawn.
      await tab.waitForTimeout(200);
      const grid = await tab.$eval('.grid', (el) => el.clientWidth);
      const widgets = await tab.$$eval('.widget', (els) =>
        els.map((el) => {
          const body = el.querySelector('.body')!;
          const legend = el.querySelector('.u-legend');
          const canvas = el.querySelector('canvas');
          return {
            width: el.getBoundingClientRect().width,
            body: body.clientHeight,
            legend: legend?.getBoundingClientRect().height ?? 0,
            canvas: canvas?.getBoundingClientRect().height ?? null,
          };
        }),
      );
      for (const [i, w] of widgets.entries()) {
        assert.ok(Math.abs(w.width - grid) <= 1, `widget ${i} is ${w.width} px wide in a ${grid} px grid`);
        if (w.canvas === null) continue;
        assert.ok(w.legend <= Math.ceil(w.body * 0.4), `widget ${i}: legend ${w.legend} px of ${w.body}`);
        assert.ok(w.canvas >= w.body * 0.55, `widget ${i}: chart ${w.canvas} px of ${w.body}`);
      }
      await tab.screenshot({ path: `${SHOTS}/dashboard-narrow.png`, fullPage: true });
    } finally {
      await tab.setViewportSize({ width: 1280, height: 720 });
    }
  },
);

page('a redrive from the page empties the DLQ back into its queue', async ({ stack, tab }) => {
  await tab.goto(`${stack.console.url}#queues`);
  await tab.waitForSelector('tr[data-queue="ferry-messages-dlq"][data-visible="3"]');
  await tab.click('tr[data-queue="ferry-messages-dlq"] button:text("Redrive")');
  await tab.waitForSelector('tr[data-queue="ferry-messages-dlq"][data-visible="0"]', { timeout: 15_000 });
  await tab.waitForSelector('[data-testid="redrive-progress"]:text("COMPLETED")', { timeout: 10_000 });
  const count = async (url: string) =>
    (
      await stack.client.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
      )
    ).Attributes?.ApproximateNumberOfMessages;
  assert.equal([await count(stack.dlqUrl), await count(stack.queueUrl)], ['0', '3']);
  assert.is(await tab.textContent('[data-testid="redrive-progress"]'), 'COMPLETED: 3 of 3 moved');
  await tab.screenshot({ path: `${SHOTS}/queues.png`, fullPage: true });
});

page('an error is shown where it happened, and cleared on the next view', async ({ stack, tab }) => {
  await tab.goto(`${stack.console.url}#logs`);
  await tab.fill('input[name="pattern"]', '{ $.a = }');
  await tab.click('button:text("Search")');
  await tab.waitForSelector('#status.error');
  assert.match((await tab.textContent('#status')) ?? '', /^FilterPatternError: /);
  await tab.click('nav a[href="#send"]');
  await tab.waitForSelector('#status:not(.error)', { state: 'attached', timeout: 5_000 });
  assert.is(await tab.textContent('#status'), '');
});

page('the log search finds a correlation id and tells its story', async ({ stack, tab }) => {
  await tab.goto(`${stack.console.url}#logs`);
  // The live tail of the first function: its last lines, then a line written now.
  await tab.waitForSelector('[data-testid="tail"] .line >> nth=2');
  stack.logs.append('/aws/lambda/ferry-producer', 'a line written while the page is open', Date.now());
  await tab.waitForSelector('[data-testid="tail"] .line:text("a line written while the page is open")');
  assert.is(await tab.locator('[data-testid="tail"] .line').count(), 4);
  await tab.fill('input[name="pattern"]', `{ $.correlationId = "${STORY_ID}" }`);
  await tab.click('button:text("Search")');
  await tab.waitForSelector('[data-testid="search-results"] .hint');
  assert.is(await tab.textContent('[data-testid="search-results"] .hint'), '3 event(s)');
  await tab.screenshot({ path: `${SHOTS}/logs.png`, fullPage: true });
  await tab.fill('input[name="correlationId"]', STORY_ID);
  await tab.click('button:text("Show its story")');
  await tab.waitForSelector('[data-testid="story"] li');
  const stages = await tab.$$eval('[data-testid="story"] .stage', (els) => els.map((e) => e.textContent));
  assert.equal(stages, ['producer', 'producer', 'producer', 'consumer', 'consumer']);
  await tab.screenshot({ path: `${SHOTS}/story.png`, fullPage: true });
});

page('the send form posts an example of the chosen type through the API', async ({ stack, tab }) => {
  await tab.goto(`${stack.console.url}#send`);
  await tab.selectOption('select[name="type"]', 'user.signed_up');
  await tab.fill('input[name="correlationId"]', 'cid-page-1');
  await tab.click('button:text("Send")');
  await tab.waitForSelector('[data-testid="send-result"] .ok');
  assert.is(await tab.textContent('[data-testid="send-result"] .ok'), '202 follow cid-page-1');
  const posted = stack.posted.at(-1) as { correlationId: string; body: { type: string; data: unknown } };
  assert.equal(
    { correlationId: posted.correlationId, type: posted.body.type },
    { correlationId: 'cid-page-1', type: 'user.signed_up' },
  );
  await tab.screenshot({ path: `${SHOTS}/send.png`, fullPage: true });
});

page.run();
