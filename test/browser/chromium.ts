// Debian's chromium, headless, driven by puppeteer-core: a fresh profile per launch, removed again on close.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Chromium {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Chromium> {
  // npm's puppeteer would download a browser, which cannot be done here: CI installs Debian's (.ci/run).
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'playground-chromium-'));
  try {
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      // No sandbox: CI runs as root. The rest keeps a headless run quiet and off the network: no updates, sync,
      // QUIC probes or first-run pages.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      userDataDir,
    });
    return {
      browser,
      close: async () => {
        await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
        await rm(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(userDataDir, { recursive: true, force: true });
    throw err;
  }
}
