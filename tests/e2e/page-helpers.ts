/**
 * What the end-to-end tests do on a page, as a reader would, and how they look at the result.
 *
 * Dossier's in-page UI sits in a closed shadow root (page scripts must not reach it), so
 * neither page scripts nor Playwright's locators see its controls. The helpers here find them
 * the way assistive technology does, through the browser's accessibility tree, over the
 * DevTools protocol (which pierces closed roots), and act on them with Playwright's mouse and
 * keyboard: real input, trusted events, as from a reader. `dossierShadowRoots` hands out the
 * closed roots themselves as DevTools objects, for outside checks such as axe-core.
 *
 * The note editor is a frame of the extension's origin inside that root (issue 19), a document
 * of its own that the page's accessibility tree does not include; its controls are found in
 * that frame, by role and name, and used with the same real mouse and keyboard.
 */
import type { BrowserContext, CDPSession, Frame, Locator, Page } from 'playwright-core';
import { placePhrase } from '../../scripts/in-page';

/** The DevTools session the helpers keep per page. */
const sessions = new WeakMap<Page, Promise<CDPSession>>();

/** This page's DevTools session (one per page, made on first use). */
export function cdpOf(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

/** Dossier's UI hosts on the page: the children of `<html>` marked `data-dossier-ui`. */
async function hostNodeIds(cdp: CDPSession): Promise<number[]> {
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', {
    nodeId: root.nodeId,
    selector: ':root > [data-dossier-ui]',
  });
  return nodeIds;
}

/** True once Dossier's in-page UI host is on the page. */
export async function hasDossierUi(page: Page): Promise<boolean> {
  return (await hostNodeIds(await cdpOf(page))).length > 0;
}

/** Waits until Dossier's in-page UI host is on the page (Dossier has read it). */
export async function waitForDossierUi(page: Page, timeout = 15_000): Promise<void> {
  const until = Date.now() + timeout;
  while (!(await hasDossierUi(page))) {
    if (Date.now() > until) throw new Error('Dossier never put its UI on the page');
    await page.waitForTimeout(50);
  }
}

/**
 * The closed shadow roots of Dossier's UI, as DevTools remote objects of the page's main world
 * (`Runtime.callFunctionOn` with `objectId` runs code on them; an axe-core run can start there).
 */
export async function dossierShadowRoots(
  page: Page,
): Promise<{ cdp: CDPSession; objectIds: string[] }> {
  const cdp = await cdpOf(page);
  const objectIds: string[] = [];
  for (const nodeId of await hostNodeIds(cdp)) {
    const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
    for (const shadow of node.shadowRoots ?? []) {
      const { object } = await cdp.send('DOM.resolveNode', {
        backendNodeId: shadow.backendNodeId,
      });
      if (object.objectId) objectIds.push(object.objectId);
    }
  }
  return { cdp, objectIds };
}

/** A control of Dossier's UI found by role and accessible name. */
export interface UiControl {
  /** Its DevTools node in the page (absent for a control inside Dossier's editor frame). */
  backendNodeId?: number;
  /** Clicks its centre with the mouse (a trusted click). */
  click(): Promise<void>;
  /** Clicks it, selects what it holds and types `text` (trusted key events). */
  fill(text: string): Promise<void>;
}

type AXNode = {
  backendDOMNodeId?: number;
  ignored?: boolean;
  role?: { value?: string };
  name?: { value?: string };
};

/**
 * The controls of Dossier's UI with `role` whose accessible name is `name` (a string matches
 * the whole name, in any case; a RegExp anywhere), in page order.
 */
export async function findDossierControls(
  page: Page,
  role: string,
  name: string | RegExp,
): Promise<UiControl[]> {
  const cdp = await cdpOf(page);
  const found: UiControl[] = [];
  for (const nodeId of await hostNodeIds(cdp)) {
    const { node } = await cdp.send('DOM.describeNode', { nodeId });
    const { nodes } = (await cdp.send('Accessibility.queryAXTree', {
      backendNodeId: node.backendNodeId,
      role,
    })) as { nodes: AXNode[] };
    for (const ax of nodes) {
      const label = ax.name?.value ?? '';
      // Chromium's accessible name follows CSS text-transform (a label styled in capitals
      // reads "NOTE"), so a string matches the whole name regardless of case.
      const matches =
        typeof name === 'string' ? label.toLowerCase() === name.toLowerCase() : name.test(label);
      if (!matches || ax.ignored || ax.backendDOMNodeId === undefined) continue;
      found.push(controlOf(page, cdp, ax.backendDOMNodeId));
    }
  }
  for (const frame of editorFrames(page)) {
    const pattern =
      typeof name === 'string'
        ? new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i')
        : name;
    // A frame that is being taken away or has not yet made its document can leave a query
    // unanswered for ever; such a frame has no control now, and the caller asks again.
    const locators = await answeredWithin(
      frame.getByRole(role as Parameters<Frame['getByRole']>[0], { name: pattern }).all(),
      [] as Locator[],
    );
    for (const locator of locators) {
      if (await answeredWithin(locator.isVisible(), false)) {
        found.push(frameControlOf(page, locator));
      }
    }
  }
  return found;
}

/** What `query` answers within two seconds; `otherwise` if it fails or takes longer. */
async function answeredWithin<T>(query: Promise<T>, otherwise: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(otherwise), 2_000);
  });
  try {
    return await Promise.race([query.catch(() => otherwise), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Dossier's note editor frames on the page (extension pages framed inside its UI). */
export function editorFrames(page: Page): Frame[] {
  return page
    .frames()
    .filter(
      (f) =>
        f !== page.mainFrame() &&
        /^(chrome|moz)-extension:\/\/[^/]+\/editor\.html/.test(f.url()) &&
        !f.isDetached(),
    );
}

function frameControlOf(page: Page, locator: Locator): UiControl {
  // The real mouse, moved to the control's centre through the frame: trusted input.
  return typedControl(page, async () => {
    await locator.scrollIntoViewIfNeeded({ timeout: 5_000 });
    const box = await locator.boundingBox({ timeout: 5_000 });
    if (!box) throw new Error('The control in the editor frame is not shown');
    // A click that saves takes the editor frame away, and Chromium may then never acknowledge
    // the release of the button to the DevTools protocol (the frame it went to is gone), so
    // neither `locator.click()` nor `mouse.click()` would return. What the click did is checked
    // by the caller, as a reader would see it.
    await answeredWithin(
      page.mouse.click(box.x + box.width / 2, box.y + box.height / 2),
      undefined,
    );
  });
}

/** A control clicked by `click`, filled as a reader would: click, select all, delete, type. */
function typedControl(page: Page, click: () => Promise<void>): UiControl {
  return {
    click,
    async fill(text) {
      await click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Delete');
      await page.keyboard.type(text);
    },
  };
}

/**
 * Presses Ctrl+Enter in Dossier's note editor, which saves the note and closes the editor. As
 * with a click that saves (see frameControlOf), the release of the keys may go unacknowledged
 * once the editor frame is gone; the caller checks what the shortcut did.
 */
export async function pressToSave(page: Page): Promise<void> {
  if (
    await answeredWithin(
      page.keyboard.press('Control+Enter').then(() => true),
      false,
    )
  )
    return;
  await answeredWithin(page.keyboard.up('Control'), undefined);
}

/** Waits for one control of Dossier's UI (role and accessible name) and returns it. */
export async function dossierControl(
  page: Page,
  role: string,
  name: string | RegExp,
  timeout = 10_000,
): Promise<UiControl> {
  const until = Date.now() + timeout;
  for (;;) {
    const [first] = await findDossierControls(page, role, name);
    if (first) return first;
    if (Date.now() > until) throw new Error(`No ${role} "${String(name)}" in Dossier's UI`);
    await page.waitForTimeout(50);
  }
}

/** Clicks the control of Dossier's UI with this role and accessible name. */
export async function clickDossier(page: Page, role: string, name: string | RegExp): Promise<void> {
  await (await dossierControl(page, role, name)).click();
}

function controlOf(page: Page, cdp: CDPSession, backendNodeId: number): UiControl {
  const centre = async () => {
    await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId });
    const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId });
    const q = model.content;
    const x = ((q[0] ?? 0) + (q[2] ?? 0) + (q[4] ?? 0) + (q[6] ?? 0)) / 4;
    const y = ((q[1] ?? 0) + (q[3] ?? 0) + (q[5] ?? 0) + (q[7] ?? 0)) / 4;
    return { x, y };
  };
  const click = async () => {
    const { x, y } = await centre();
    await page.mouse.click(x, y);
  };
  return { backendNodeId, ...typedControl(page, click) };
}

/**
 * Selects the first occurrence of `phrase` on the page, and releases the mouse as a reader's
 * drag ends (a trusted `mouseup`, which is when Dossier offers its toolbar). Waits first for
 * Dossier to be ready on the page (its UI host is there once the page has been read), as a
 * reader who selects a moment after the page appears would.
 */
export async function selectPhrase(
  page: Page,
  phrase: string,
  { release = true } = {},
): Promise<void> {
  // A reader who goes on to use the toolbar selects in the tab they are looking at; input to a
  // framed editor in a tab that is not shown can be hit-tested against the frame's element.
  if (release) await page.bringToFront();
  await waitForDossierUi(page);
  const box = await page.evaluate(placePhrase, [phrase, true] as [string, boolean]);
  if (!box) throw new Error(`"${phrase}" is not on the page`);
  const point = { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 };
  // Releasing a button that was never pressed leaves the selection as it is, and the page
  // receives a real mouseup there, as at the end of a drag.
  if (release) {
    const cdp = await cdpOf(page);
    await cdp.send('Input.dispatchMouseEvent', {
      type: 'mouseReleased',
      x: point.x,
      y: point.y,
      button: 'left',
      clickCount: 1,
    });
  }
}

/** The text of every range registered under a highlight name (as any page script sees it). */
export function painted(page: Page, name: string): Promise<string[]> {
  return page.evaluate(
    (n) =>
      [...((CSS.highlights.get(n) as Iterable<Range> | undefined) ?? [])].map((r) => r.toString()),
    name,
  );
}

/**
 * Collects, on a new DevTools session of `page`, the uncaught errors of Dossier's code. Its
 * content script runs in an isolated world, whose errors never reach the page (nor
 * Playwright's `pageerror`); the DevTools protocol reports that world as an execution context
 * of the extension's origin. Errors of the page's own world go to `pageErrors`.
 */
export async function watchErrors(
  page: Page,
): Promise<{ dossierErrors: string[]; pageErrors: string[]; cdp: CDPSession }> {
  const dossierErrors: string[] = [];
  const pageErrors: string[] = [];
  const dossierContexts = new Set<number>();
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Runtime.executionContextCreated', ({ context: created }) => {
    if (created.origin.startsWith('chrome-extension://')) dossierContexts.add(created.id);
  });
  cdp.on('Runtime.exceptionThrown', ({ exceptionDetails: d }) => {
    const urls = [d.url, ...(d.stackTrace?.callFrames.map((f) => f.url) ?? [])].join(' ');
    const text = d.exception?.description ?? d.text;
    if (
      (d.executionContextId !== undefined && dossierContexts.has(d.executionContextId)) ||
      urls.includes('chrome-extension://')
    ) {
      dossierErrors.push(text);
    } else pageErrors.push(text);
  });
  cdp.on('Runtime.consoleAPICalled', (e) => {
    if (dossierContexts.has(e.executionContextId) && e.type === 'error') {
      dossierErrors.push(`console.error: ${e.args.map((a) => a.value ?? a.description).join(' ')}`);
    }
  });
  await cdp.send('Runtime.enable');
  return { dossierErrors, pageErrors, cdp };
}

/**
 * Opens `url` in a new tab and collects the uncaught errors of Dossier's code there (see
 * `watchErrors`). `blockScriptFiles` keeps a saved page from fetching its scripts.
 */
export async function openWatched(
  context: BrowserContext,
  url: string,
  { blockScriptFiles = false } = {},
): Promise<{ page: Page; dossierErrors: string[]; pageErrors: string[] }> {
  const page = await context.newPage();
  const { dossierErrors, pageErrors } = await watchErrors(page);
  if (blockScriptFiles) await page.route('**/*.js', (route) => route.abort());
  await page.goto(url, { waitUntil: 'load' });
  return { page, dossierErrors, pageErrors };
}

/**
 * Opens a PDF's address in a new tab of `context`, follows Dossier's redirect to its viewer and
 * waits until the viewer reaches one of `states` (its `body[data-state]`); with the page's errors.
 */
export async function openPdfViewer(
  context: BrowserContext,
  url: string,
  states: readonly string[] = ['analysed'],
): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url).catch(() => undefined); // the redirect aborts the first navigation
  await page.waitForURL(/\/pdf\.html\?file=/);
  await page.waitForFunction(
    (wanted) => wanted.includes(document.body.dataset.state ?? ''),
    states,
    {
      timeout: 60_000,
    },
  );
  return { page, errors };
}
