/// <reference types="chrome" />
/**
 * Firefox end-to-end harness: Debian's Firefox ESR driven by puppeteer-core over WebDriver BiDi
 * (the standard protocol Firefox speaks natively; no patched browser, nothing downloaded), with
 * the production build `.output/firefox-mv3` installed as a temporary add-on.
 *
 * - Pages are served by the Chromium harness's page server; Firefox reaches every hostname
 *   through it as an HTTP proxy (`network.proxy.*` prefs), so the real policy-centre hostnames,
 *   and the production manifest's match patterns, are what is tested.
 * - Host access: the profile sets `extensions.originControls.grantByDefault` (Firefox's own
 *   default since 127, stated so that the test does not depend on it): installing grants the
 *   content script's listed sites, as accepting the install prompt does. Prompts cannot be
 *   clicked in automation, so `extensions.webextOptionalPermissionPrompts` is off: a
 *   `permissions.request` made inside a real click (WebDriver input is trusted user input in
 *   Firefox) is answered yes without the doorhanger. The request itself, and its need of a
 *   click, are Dossier's real code.
 * - Extension pages: WebDriver BiDi refuses to navigate a tab to `moz-extension://`, and reports
 *   such tabs as about:blank. The extension's UUID is pinned (`extensions.webextensions.uuids`);
 *   Dossier opens its welcome page itself on install, and from it the tests open the popup
 *   (`popup.html?tab=ID`, as a page) with `tabs.create`, finding the new tab by its location.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { type PageServer, ROOT, type Route, SAMPLE_HTML, startPageServer } from '../e2e/harness';

export { ROOT, SAMPLE_HTML };
export const SAMPLE_URL = 'http://www.caspianpolicy.org/research/sample';
export const EXTENSION_DIR = path.join(ROOT, '.output/firefox-mv3');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The gecko id in wxt.config.ts. */
export const EXTENSION_ID = 'dossier@dossier.invalid';
/** Pinned, so that extension pages have a known address. */
export const EXTENSION_UUID = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

/** A Firefox with Dossier installed. */
export interface FirefoxDossier {
  browser: Browser;
  /** Dossier's welcome page (opened by Dossier on install): an extension page to act from. */
  extensionPage: Page;
  /** Where "Export" files land. */
  downloadDir: string;
  /** Opens a web page in a new tab and waits for its load event. */
  open(url: string): Promise<Page>;
  /** The browser's id of the tab showing `page` (brought to the front to ask). */
  tabIdOf(page: Page): Promise<number>;
  /** Opens an extension page (`/popup.html?tab=…`) in a new tab, as a page. */
  openExtensionPage(pathAndQuery: string): Promise<Page>;
  /** Opens the popup for the tab showing `page`. */
  openPopup(forPage: Page): Promise<Page>;
  /** Runs `fn` in the extension's own page, where `browser.*` is Dossier's. */
  inExtension<T, A>(fn: (arg: A) => Promise<T> | T, arg: A): Promise<T>;
  close(): Promise<void>;
}

/** Stops with one line saying what is missing. */
export function assertFirefox(): void {
  if (!existsSync(FIREFOX)) {
    throw new Error(
      `Firefox not found at ${FIREFOX}: install it with "sudo apt-get install -y firefox-esr".`,
    );
  }
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run "npm run build:firefox" first.`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The location of a page, as its own script sees it (BiDi hides moz-extension URLs). */
const hrefOf = (page: Page) => page.evaluate(() => location.href).catch(() => '');

/** Waits for a tab not in `known` whose location satisfies `test`. */
async function newPageWhere(
  browser: Browser,
  known: Set<Page>,
  test: (href: string) => boolean,
  timeout = 15_000,
): Promise<Page> {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    for (const page of await browser.pages()) {
      if (!known.has(page) && test(await hrefOf(page))) return page;
    }
    await sleep(100);
  }
  throw new Error('The expected tab did not open.');
}

/** Launches Firefox ESR with Dossier installed, every hostname served by `server`. */
export async function launchFirefoxDossier(server: PageServer): Promise<FirefoxDossier> {
  assertFirefox();
  const downloadDir = mkdtempSync(path.join(tmpdir(), 'dossier-ff-downloads-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': server.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': server.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'extensions.webextensions.uuids': JSON.stringify({ [EXTENSION_ID]: EXTENSION_UUID }),
      'extensions.originControls.grantByDefault': true,
      'extensions.webextOptionalPermissionPrompts': false,
      'browser.download.folderList': 2,
      'browser.download.dir': downloadDir,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.alwaysOpenPanel': false,
    },
  });
  try {
    const before = new Set(await browser.pages());
    const id = await browser.installExtension(EXTENSION_DIR);
    if (id !== EXTENSION_ID) throw new Error(`Installed ${id}, expected ${EXTENSION_ID}`);
    const extensionPage = await newPageWhere(browser, before, (href) =>
      href.startsWith(`${EXTENSION_ORIGIN}/welcome.html`),
    );

    const inExtension = <T, A>(fn: (arg: A) => Promise<T> | T, arg: A): Promise<T> =>
      extensionPage.evaluate(fn as never, arg as never) as Promise<T>;

    // One question at a time: two at once could each see the other's tab in front.
    let frontQueue: Promise<unknown> = Promise.resolve();
    const tabIdOf = (page: Page): Promise<number> => {
      const asked = frontQueue.then(async () => {
        await page.bringToFront();
        const id = await inExtension(async () => {
          // Firefox answers `chrome.*` with promises in Manifest V3, like `browser.*`.
          const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
          return tab?.id ?? -1;
        }, null);
        if (id < 0) throw new Error(`No tab shows ${page.url()}`);
        return id;
      });
      frontQueue = asked.catch(() => undefined);
      return asked;
    };

    const openExtensionPage = async (pathAndQuery: string): Promise<Page> => {
      const known = new Set(await browser.pages());
      const url = EXTENSION_ORIGIN + pathAndQuery;
      await inExtension(async (u) => void (await chrome.tabs.create({ url: u })), url);
      const page = await newPageWhere(browser, known, (href) => href === url);
      await page.waitForFunction(() => document.readyState === 'complete');
      return page;
    };

    return {
      browser,
      extensionPage,
      downloadDir,
      async open(url) {
        const page = await browser.newPage();
        await page.goto(url, { waitUntil: 'load' });
        return page;
      },
      tabIdOf,
      openExtensionPage,
      async openPopup(forPage) {
        return openExtensionPage(`/popup.html?tab=${await tabIdOf(forPage)}`);
      },
      inExtension,
      async close() {
        await browser.close();
        rmSync(downloadDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** A test file's page server and Firefox, filled in before its first test. */
export interface FirefoxEnv {
  server: PageServer;
  dossier: FirefoxDossier;
}

/**
 * Starts, for one test file, a page server answering `routes` (plus the sample at SAMPLE_URL)
 * and Firefox with Dossier installed, and closes both after the file's last test.
 */
export function useFirefoxDossier(routes: Record<string, Route> = {}): FirefoxEnv {
  const env = {} as FirefoxEnv;
  beforeAll(async () => {
    env.server = await startPageServer();
    env.server.set('www.caspianpolicy.org/research/sample', SAMPLE_HTML);
    for (const [key, route] of Object.entries(routes)) env.server.set(key, route);
    env.dossier = await launchFirefoxDossier(env.server);
  });
  afterAll(async () => {
    await env.dossier?.close();
    await env.server?.close();
  });
  return env;
}

/** Files in the download folder, once one named `name` is complete (no `.part` left). */
export async function downloaded(dir: string, name: string, timeout = 15_000): Promise<string> {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    const files = readdirSync(dir);
    if (files.includes(name) && !files.some((f) => f.endsWith('.part'))) {
      return path.join(dir, name);
    }
    await sleep(100);
  }
  throw new Error(`No download named ${name} in ${dir}: ${readdirSync(dir).join(', ')}`);
}
