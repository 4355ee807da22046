import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';

// Debian's chromium, headless, with everything that would reach the network switched off: the
// machines that run these tests have no internet access.

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * A fresh profile each time (playwright takes it as the persistent context's user data dir);
 * `args` adds Chromium flags (`--host-resolver-rules=...`).
 */
export async function launchChromium(
  args: string[] = [],
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `the console's browser tests need chromium at ${CHROMIUM} (apt-get install -y chromium), or CHROMIUM_PATH`,
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'ferry-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...args,
    ],
    viewport: { width: 1400, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
