/// <reference types="chrome" />
/**
 * Dossier in a real browser: serves pages on 127.0.0.1 under their real hostnames (Chromium's
 * `--host-resolver-rules` maps every host to the local server), and launches Debian's Chromium
 * with the production build of Dossier loaded, through playwright-core. Nothing is downloaded.
 * `npm start`, `npm run bench` and the end-to-end tests (tests/e2e/harness.ts) all use it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '..');
/** The unpacked extension under test (DOSSIER_EXTENSION_DIR: a copy, while .output is rebuilt). */
export const EXTENSION_DIR =
  process.env.DOSSIER_EXTENSION_DIR ?? path.join(ROOT, '.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The bundled sample article, and the address the tests serve it at (a listed policy centre). */
export const SAMPLE_HTML = readFileSync(path.join(ROOT, 'sample/article.html'), 'utf8');
export const SAMPLE_URL = 'http://www.caspianpolicy.org/research/sample';

/** A page the server answers with: HTML, or a handler for dynamic routes. */
export type Route =
  | string
  | ((url: URL) => {
      status?: number;
      type?: string;
      body: string | Uint8Array;
      /** Extra response headers (a Content-Security-Policy, say). */
      headers?: Record<string, string>;
    });

/** A local web server answering by hostname and path (`"www.caspianpolicy.org/research/x"`). */
export interface PageServer {
  port: number;
  set(hostAndPath: string, route: Route): void;
  /**
   * Every request that reached the server, as `METHOD host/path?query`, and `TLS host` for a
   * TLS handshake (an https address; the host from its SNI): with every host mapped here, this
   * is everything the browser sent to the network.
   */
  received: string[];
  close(): Promise<void>;
}

/** Starts the page server on a free port of 127.0.0.1. */
export async function startPageServer(): Promise<PageServer> {
  const routes = new Map<string, Route>();
  const received: string[] = [];
  const server: Server = createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(req.url ?? '/', `http://${host}`);
    received.push(`${req.method} ${host}${url.pathname}${url.search}`);
    const route = routes.get(host + url.pathname);
    if (route === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const out = typeof route === 'string' ? { body: route } : route(url);
    res
      .writeHead(out.status ?? 200, {
        ...(typeof out === 'object' && 'headers' in out ? out.headers : {}),
        'content-type': out.type ?? 'text/html; charset=utf-8',
      })
      .end(out.body);
  });
  server.on('clientError', (error: Error & { rawPacket?: Buffer }, socket) => {
    const sni = error.rawPacket ? serverNameOf(error.rawPacket) : null;
    received.push(sni ? `TLS ${sni}` : `unreadable ${error.message}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    received,
    set: (key, route) => void routes.set(key, route),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The host name a TLS ClientHello asks for (its SNI extension), or null. */
export function serverNameOf(hello: Buffer): string | null {
  try {
    if (hello[0] !== 0x16 || hello[5] !== 0x01) return null; // handshake record, ClientHello
    let at = 5 + 4 + 2 + 32; // record and handshake headers, version, random
    at += 1 + (hello[at] ?? 0); // session id
    at += 2 + hello.readUInt16BE(at); // cipher suites
    at += 1 + (hello[at] ?? 0); // compression methods
    const end = at + 2 + hello.readUInt16BE(at);
    for (at += 2; at + 4 <= end; ) {
      const type = hello.readUInt16BE(at);
      const length = hello.readUInt16BE(at + 2);
      if (type === 0) return hello.toString('latin1', at + 9, at + 9 + hello.readUInt16BE(at + 7));
      at += 4 + length;
    }
  } catch {
    // a truncated hello
  }
  return null;
}

/** A Chromium with Dossier loaded. */
export interface DossierBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Opens the popup for a tab (as the toolbar button would), in its own page. */
  openPopup(forPage: Page): Promise<Page>;
  /** The browser's id of the tab showing `page`. */
  tabIdOf(page: Page): Promise<number>;
  /**
   * Clicks Dossier's toolbar button for the tab showing `page`, as a user would (through the
   * DevTools protocol's `Extensions.triggerAction`), which grants activeTab on that tab.
   */
  clickAction(page: Page): Promise<void>;
  close(): Promise<void>;
}

/** Stops with one line saying how to install Chromium, when it is missing. */
export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it with "sudo apt-get install -y chromium".`,
    );
  }
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run "npm run build" first.`);
  }
}

/** Launches Chromium with the built extension, all hosts resolving to the page server. */
export async function launchDossier(
  server: PageServer,
  {
    profileDir,
    headless = true,
    hostRules = [],
    extensionDir = EXTENSION_DIR,
  }: {
    profileDir?: string;
    headless?: boolean;
    /** Host resolver rules tried before the page server's (a sync server's host, say). */
    hostRules?: string[];
    /** The unpacked extension to load (a copy of the build the test changes, say). */
    extensionDir?: string;
  } = {},
): Promise<DossierBrowser> {
  assertChromium();
  const dir = profileDir ?? mkdtempSync(path.join(tmpdir(), 'dossier-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless,
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      `--host-resolver-rules=${[...hostRules, `MAP * 127.0.0.1:${server.port}`].join(', ')}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Lets the DevTools protocol click the toolbar button (Extensions.triggerAction).
      '--enable-unsafe-extension-debugging',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;

  // Without the "tabs" permission Dossier cannot read other tabs' URLs, so a tab is found by
  // bringing its page to the front and asking for the active tab. One question at a time:
  // two at once could each see the other's tab in front.
  let frontQueue: Promise<unknown> = Promise.resolve();
  const tabIdOf = (page: Page): Promise<number> => {
    const asked = frontQueue.then(async () => {
      await page.bringToFront();
      const id = await worker.evaluate(async () => {
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        return tab?.id ?? -1;
      });
      if (id < 0) throw new Error(`No tab shows ${page.url()}`);
      return id;
    });
    frontQueue = asked.catch(() => undefined);
    return asked;
  };

  const clickAction = async (page: Page): Promise<void> => {
    const cdp = await context.browser()?.newBrowserCDPSession();
    if (!cdp) throw new Error('No browser-level DevTools session');
    const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{}] })) as {
      targetInfos: { type: string; url: string; targetId: string }[];
    };
    const tab = targetInfos.find((t) => t.type === 'tab' && t.url === page.url());
    if (!tab) throw new Error(`No tab target for ${page.url()}`);
    await cdp.send(
      'Extensions.triggerAction' as 'Browser.getVersion',
      {
        id: extensionId,
        targetId: tab.targetId,
      } as never,
    );
    await cdp.detach();
  };

  return {
    context,
    worker,
    extensionId,
    tabIdOf,
    clickAction,
    async openPopup(forPage) {
      const tabId = await tabIdOf(forPage);
      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
      return popup;
    },
    async close() {
      await context.close();
      if (!profileDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
