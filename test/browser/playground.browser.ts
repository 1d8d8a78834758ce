// The playground in a real browser (Debian's chromium): sign in, explain, call an allowed and a denied route across
// origins, and a page on an origin the API does not allow, which must not be able to read the API's answers.
import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { startStack, type Stack } from '../../scripts/local/stack';
import { launchChromium, type Chromium } from './chromium';

// The page's DOM as far as these tests read it, inside page.evaluate: the project's lib has Node types, not DOM ones.
interface PageNode {
  id: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  replaceChildren(): void;
}
declare const document: { querySelector(selector: string): PageNode | null; activeElement: PageNode | null };
declare const window: { scrollTo(x: number, y: number): void };

// PLAYGROUND_SCREENSHOT=docs/playground.png npm run test:browser refreshes the README's picture.
const SCREENSHOT = path.resolve(process.env.PLAYGROUND_SCREENSHOT ?? path.join(tmpdir(), 'playground.png'));

let stack: Stack;
let chromium: Chromium;
let page: Page;

beforeAll(async () => {
  stack = await startStack({ profile: 'cognito', port: 0, playground: true });
  chromium = await launchChromium();
}, 120_000);
afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
});
beforeEach(async () => {
  page = await chromium.browser.newPage();
  // A laptop screen.
  await page.setViewport({ width: 1366, height: 900 });
});
afterEach(() => page?.close());

async function openPlayground(): Promise<void> {
  await page.goto(stack.playgroundUrl as string);
  await page.waitForSelector('body[data-ready="true"]');
}

async function signInWithKeyboard(email: string): Promise<void> {
  await page.select('#signin-user', email);
  // The form works from the keyboard: Tab from the user list reaches its button, Enter presses it.
  await page.focus('#signin-user');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Sign in');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#token-status')?.textContent?.startsWith('Signed in'));
}

/** Presses a route's button and returns what the result panel shows once it has the answer. */
async function call(route: string): Promise<{ status: string; body: string; headers: string; focused: string }> {
  await page.evaluate(() => document.querySelector('#call-result')?.replaceChildren());
  await page.click(`button[data-call="${route}"]`);
  await page.waitForSelector('#call-result [data-status]');
  return page.evaluate(() => ({
    status: document.querySelector('#call-result [data-status]')?.getAttribute('data-status') ?? '',
    body: document.querySelector('#call-result pre')?.textContent ?? '',
    headers: document.querySelector('#call-result dl.headers')?.textContent ?? '',
    focused: document.activeElement?.id ?? '',
  }));
}

const decisionOf = (route: string) =>
  page.$eval(`td.decision[data-route="${route}"]`, (cell) => cell.textContent?.trim() ?? '');

describe('the playground', () => {
  it('signs a reader in, shows the decoded token, and calls an allowed (200) and a denied (403) route', async () => {
    // Prepare
    await openPlayground();
    await signInWithKeyboard('reader@example.com');

    // Act
    const allowed = await call('GET /comments');
    const denied = await call('POST /comments');

    // Assess
    const decoded = await page.$eval('#token-decoded', (node) => node.textContent ?? '');
    expect(decoded).toContain('"token_use": "access"');
    expect(decoded).toContain('"readers"');
    expect(allowed).toMatchObject({ status: '200', focused: 'call-result' });
    expect(JSON.parse(allowed.body)).toHaveProperty('items');
    expect(allowed.headers).toContain('content-type');
    // The ACCESS_DENIED gateway response, readable because this page's origin is the primary allowed one.
    expect(denied.status).toBe('403');
    expect(JSON.parse(denied.body)).toEqual({
      error: 'insufficient_scope',
      message: 'The token does not grant this operation',
    });
    // Access-Control-Expose-Headers lets the page's scripts read the RFC 6750 challenge.
    expect(denied.headers).toContain('Bearer realm="comments-api", error="insufficient_scope"');
    expect(await page.$eval('td.last-status[data-route="POST /comments"]', (c) => c.textContent)).toBe('403');
    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    const png = await page.screenshot({ type: 'png', fullPage: true });
    await writeFile(SCREENSHOT, png);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('explains the decision per route: allow for reading, deny for writing with the missing permission', async () => {
    // Prepare
    await openPlayground();

    // Act
    await signInWithKeyboard('reader@example.com');
    await page.waitForSelector('#explain-summary [data-verified]');

    // Assess
    expect(await page.$eval('#explain-summary [data-verified]', (n) => n.getAttribute('data-verified'))).toBe('true');
    expect(await decisionOf('GET /comments')).toBe('allow');
    expect(await decisionOf('POST /comments')).toBe('deny missing comments:write');
  });

  it('shows why the ID token is refused: explain names token_use, the call gets 401', async () => {
    // Prepare
    await openPlayground();
    await signInWithKeyboard('writer@example.com');

    // Act
    await page.click('input[name="which"][value="id"]');
    await page.waitForSelector('#explain-summary [data-verified="false"]');
    const refused = await call('GET /comments');

    // Assess
    expect(await page.$eval('#explain-summary', (n) => n.textContent)).toContain('token_use');
    expect(refused.status).toBe('401');
    expect(JSON.parse(refused.body)).toMatchObject({ error: 'unauthorized' });
  });
});

describe('a page on an origin the API does not allow', () => {
  let foreign: http.Server;
  let foreignUrl: string;

  beforeAll(async () => {
    foreign = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><title>another site</title>');
    });
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        foreign.closeAllConnections();
        foreign.close(() => resolve());
      }),
  );

  it("cannot read the API's answers: fetch rejects, with or without a token, while the playground can", async () => {
    // Prepare
    const signin = await fetch(`${stack.url}/auth/signin`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'writer@example.com', password: 'LocalPassw0rd!' }),
    });
    const { accessToken } = (await signin.json()) as { accessToken: string };
    const tryFetch = (apiUrl: string, token: string | undefined) =>
      page.evaluate(
        async (url, bearer) => {
          try {
            const response = await fetch(
              `${url}/comments`,
              bearer ? { headers: { Authorization: `Bearer ${bearer}` } } : {},
            );
            return `read ${response.status}`;
          } catch (err) {
            return `rejected ${(err as Error).name}`;
          }
        },
        apiUrl,
        token,
      );

    // Act
    await page.goto(foreignUrl);
    const foreignWithToken = await tryFetch(stack.url, accessToken);
    const foreignWithout = await tryFetch(stack.url, undefined);
    await openPlayground();
    const playgroundWithToken = await tryFetch(stack.url, accessToken);

    // Assess: a preflighted call (Authorization) and a simple one (the 401 gateway response) are both unreadable.
    expect([foreignWithToken, foreignWithout]).toEqual(['rejected TypeError', 'rejected TypeError']);
    expect(playgroundWithToken).toBe('read 200');
  });
});
