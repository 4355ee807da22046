import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { GetQueueAttributesCommand, ListQueuesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Page } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { launchChromium } from '../../helpers/console/browser.js';
import type { ConsoleStack } from '../../helpers/console/stack.js';
import { startConsoleStack } from '../../helpers/console/stack.js';

// #15.5 in a real browser (Debian's chromium, headless): a page of another origin tries every
// state-changing request of the console and of the AWS endpoint the ways a page can (fetch
// no-cors, form POSTs text/plain and urlencoded, <img> GETs, the JSON protocol, a preflighted
// fetch), then a DNS-rebinding page (rebind.test resolved to 127.0.0.1, served on the console's
// and the endpoint's own ports) tries them same-origin. Nothing changes; the console's own page
// still sends and purges.

const REBIND = 'rebind.test';

interface Ctx {
  stack: ConsoleStack;
  evil: Server;
  evilUrl: string;
  tab: Page;
  close: () => Promise<void>;
}

const attack = suite<Ctx>('cross-origin pages change nothing');

attack.before(async (ctx) => {
  ctx.stack = await startConsoleStack();
  await ctx.stack.client.send(
    new SendMessageCommand({ QueueUrl: ctx.stack.queueUrl, MessageBody: 'keep me' }),
  );
  // The other origin: a page on another port of 127.0.0.1, which runs what the test evaluates.
  ctx.evil = createServer((_req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>elsewhere</title><body></body>'),
  );
  await new Promise<void>((resolve) => ctx.evil.listen(0, '127.0.0.1', resolve));
  ctx.evilUrl = `http://127.0.0.1:${(ctx.evil.address() as AddressInfo).port}/`;
  const browser = await launchChromium([
    `--host-resolver-rules=MAP ${REBIND} 127.0.0.1`,
    // Chromium's Private Network Access already stops a page it took for public from reaching
    // loopback; Firefox and Safari have no such check. Off, Chromium plays them, and what refuses
    // the rebinding page is Ferry's own Host check.
    '--disable-features=BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights,LocalNetworkAccessChecks',
  ]);
  ctx.close = browser.close;
  ctx.tab = await browser.context.newPage();
});
attack.after(async (ctx) => {
  await ctx.close?.();
  await new Promise((resolve) => ctx.evil?.close(resolve));
  await ctx.stack?.close();
});

/** Everything a forged request could change. */
async function state(stack: ConsoleStack) {
  const count = async (url: string) =>
    (
      await stack.client.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      )
    ).Attributes;
  const redrive = await fetch(new URL('/api/queue/redrive?name=ferry-messages-dlq', stack.console.url));
  return {
    queues: (await stack.client.send(new ListQueuesCommand({}))).QueueUrls,
    queue: await count(stack.queueUrl),
    dlq: await count(stack.dlqUrl),
    sent: stack.posted.length,
    redrive: (await redrive.json()) as unknown,
  };
}

/** Every forgery a page can make (a browser script: it runs in the page, not here). */
const FORGE = fileURLToPath(new URL('../../helpers/console/forge.js', import.meta.url));

attack('#15.5: a page on another port changes nothing on the console or the endpoint', async (ctx) => {
  const { stack, tab } = ctx;
  const before = await state(stack);
  await tab.goto(ctx.evilUrl);
  await tab.addScriptTag({ path: FORGE });
  const targets = {
    console: stack.console.url,
    endpoint: stack.sqs.endpoint,
    queueUrl: stack.queueUrl,
    dlqUrl: stack.dlqUrl,
  };
  const seen = (await tab.evaluate(`forge(${JSON.stringify(targets)})`)) as Record<string, string>;
  assert.equal(seen, {
    purgeNoCors: 'opaque 0',
    redriveNoCors: 'opaque 0',
    sendNoCors: 'opaque 0',
    purgeFormPlain: 'answered',
    redriveForm: 'answered',
    sendFormPlain: 'answered',
    // The custom header needs a preflight, and the console grants none.
    purgePreflighted: 'refused: TypeError',
    deleteQueueImg: 'error',
    purgeQueueImg: 'error',
    receiveImg: 'error',
    sendNoCorsQuery: 'opaque 0',
    purgeFormQuery: 'answered',
    deleteFormPlain: 'answered',
    purgeJson: 'refused: TypeError',
    purgeJsonNoCors: 'opaque 0',
  });
  assert.equal(await state(stack), before);
  assert.equal(before.queue, {
    ApproximateNumberOfMessages: '1',
    ApproximateNumberOfMessagesNotVisible: '0',
  });
  assert.equal(before.dlq, { ApproximateNumberOfMessages: '3', ApproximateNumberOfMessagesNotVisible: '0' });
});

attack('#15.5: a DNS-rebinding page, same-origin with each port, is refused by Host', async (ctx) => {
  const { stack, tab } = ctx;
  const before = await state(stack);
  const blank = '<!doctype html><title>rebound</title>';
  const statuses: Record<string, number[]> = {};
  for (const [kind, base] of [
    ['console', stack.console.url],
    ['endpoint', stack.sqs.endpoint],
  ] as const) {
    const port = new URL(base).port;
    const page = `http://${REBIND}:${port}/rebound.html`;
    // The attacker's page, as it was served before its name was rebound to 127.0.0.1.
    await tab.route(page, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: blank }));
    await tab.goto(page);
    await tab.addScriptTag({ path: FORGE });
    statuses[kind] = (await tab.evaluate(`rebound(${JSON.stringify(kind)})`)) as number[];
    await tab.unroute(page);
  }
  assert.equal(statuses, { console: [403, 403, 403, 403, 403], endpoint: [403, 403, 403] });
  assert.equal(await state(stack), before);
});

attack("#15.5: the console's own page still sends and purges", async (ctx) => {
  const { stack, tab } = ctx;
  const sent = stack.posted.length;
  await tab.goto(`${stack.console.url}#send`);
  await tab.selectOption('select[name="type"]', 'order.created');
  await tab.fill('input[name="correlationId"]', 'cid-own-page');
  await tab.click('button:text("Send")');
  await tab.waitForSelector('[data-testid="send-result"] .ok');
  assert.is(await tab.textContent('[data-testid="send-result"] .ok'), '202 follow cid-own-page');
  assert.equal(
    stack.posted.slice(sent).map((p) => p.correlationId),
    ['cid-own-page'],
  );
  await tab.goto(`${stack.console.url}#queues`);
  await tab.waitForSelector('tr[data-queue="ferry-messages-dlq"][data-visible="3"]');
  tab.once('dialog', (dialog) => void dialog.accept('purge'));
  await tab.click('tr[data-queue="ferry-messages-dlq"] button:text("Purge")');
  await tab.waitForSelector('tr[data-queue="ferry-messages-dlq"][data-visible="0"]');
  assert.equal((await state(stack)).dlq, {
    ApproximateNumberOfMessages: '0',
    ApproximateNumberOfMessagesNotVisible: '0',
  });
});

attack.run();
