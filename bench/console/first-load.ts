// First load of the console's dashboard in Debian chromium with an empty cache: bytes on the wire
// (CDP Network.loadingFinished encodedDataLength: headers and gzip bodies, as transferred) and the
// time from navigation to every widget drawn with its data.
import { performance } from 'node:perf_hooks';
import { launchChromium } from '../../test/helpers/console/browser.js';

export interface FirstLoad {
  bytes: number;
  requests: number;
  domContentLoadedMs: number;
  loadMs: number;
  /** Navigation start to every metric and alarm widget drawn. */
  drawnMs: number;
}

export async function firstLoads(url: string, widgets: number, times: number): Promise<FirstLoad[]> {
  const { context, close } = await launchChromium();
  const out: FirstLoad[] = [];
  try {
    for (let i = 0; i < times; i++) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      let bytes = 0;
      let requests = 0;
      cdp.on('Network.loadingFinished', (e) => {
        bytes += e.encodedDataLength;
        requests++;
      });
      const started = performance.now();
      await page.goto(url);
      await page.waitForSelector(`.widget[data-points] >> nth=${widgets - 1}`, { timeout: 30_000 });
      const drawnMs = performance.now() - started;
      const timing = JSON.parse(
        await page.evaluate('JSON.stringify(performance.getEntriesByType("navigation")[0])'),
      ) as { domContentLoadedEventEnd: number; loadEventEnd: number };
      out.push({
        bytes,
        requests,
        domContentLoadedMs: timing.domContentLoadedEventEnd,
        loadMs: timing.loadEventEnd,
        drawnMs,
      });
      await page.close();
    }
  } finally {
    await close();
  }
  return out;
}
