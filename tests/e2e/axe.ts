/**
 * axe-core (the registry package) in real Chromium, on extension pages and on Dossier's in-page
 * UI. The in-page UI lives in a shadow root that may be closed, which no page script (axe
 * included) can open; so the DevTools protocol, which sees through every shadow root, finds the
 * host and its root, and the check lends the root to axe for its run: the host's `shadowRoot`
 * reads as that root, in the page's main world, until the check ends. Axe runs in the page's
 * main world (where the page's own scripts run), injected through the protocol, so no page or
 * extension content security policy stops it. A panel that lives in an extension frame (an
 * `<iframe>` of the extension inside the root) is checked in that frame as well.
 */
import axe from 'axe-core';
import type { Frame, Page } from 'playwright-core';

/** One violation, as a line a failing test prints: rule, impact, what to fix, where. */
export type Violation = string;

/** The impacts the issue forbids. */
const FORBIDDEN = new Set(['serious', 'critical']);

/** Rules run: WCAG 2.1 A and AA plus axe's best practices (landmarks aside, see below). */
const RUN_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  // An in-page panel is not a page: it has no landmarks, no <h1>, and sits outside <body> on
  // purpose (it must never be part of the page's content). These rules are about pages.
  rules: {
    region: { enabled: false },
    'page-has-heading-one': { enabled: false },
    'landmark-one-main': { enabled: false },
  },
  resultTypes: ['violations'],
} as const;

type AxeResults = { violations: axe.Result[] };

function serious(results: AxeResults): Violation[] {
  return results.violations
    .filter((v) => FORBIDDEN.has(v.impact ?? ''))
    .flatMap((v) =>
      v.nodes.map(
        (n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')}: ${n.failureSummary}`,
      ),
    );
}

/** Puts axe in the main world of a page or frame, once. */
async function injectAxe(target: Page | Frame): Promise<void> {
  const present = await target.evaluate(() => 'axe' in globalThis);
  if (!present) await target.evaluate(axe.source);
}

/** Serious and critical violations on a whole page or frame (an extension page: the popup). */
export async function axeViolations(target: Page | Frame): Promise<Violation[]> {
  await injectAxe(target);
  const results = (await target.evaluate(
    (options) =>
      (globalThis as unknown as { axe: { run(c: unknown, o: unknown): Promise<unknown> } }).axe.run(
        document,
        options,
      ),
    RUN_OPTIONS as unknown as Record<string, unknown>,
  )) as AxeResults;
  return serious(results);
}

interface DomNode {
  nodeId: number;
  backendNodeId: number;
  localName?: string;
  /** Name, value, name, value… */
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

/**
 * WCAG AA contrast of every piece of text under `root`, computed from the styles as painted:
 * the text colour over the backgrounds behind it (blended, up through shadow hosts, white when
 * nothing opaque is found), 3:1 for large text and 4.5:1 for the rest; disabled controls are
 * exempt, as in WCAG. Axe cannot measure text in a panel that sits outside `<body>` (it reports
 * it as "incomplete"), so the in-page check measures it this way. Runs in the page.
 */
const CONTRAST_CHECK = `function contrastProblems(root) {
  const rgba = (c) => {
    const m = c.match(/^(rgba?|color)\\(([^)]*)\\)/);
    if (!m) return null;
    const parts = m[2].replace('srgb', '').split(/[\\s,/]+/).filter(Boolean).map(Number);
    const scale = m[1] === 'color' ? 255 : 1;
    return [parts[0] * scale, parts[1] * scale, parts[2] * scale, parts[3] ?? 1];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const parentOf = (el) => el.parentElement ?? el.parentNode?.host ?? null;
  const problems = [];
  const all = [root, ...root.querySelectorAll('*')];
  for (const el of all) {
    if (!(el instanceof Element)) continue;
    const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.data).join('').trim();
    if (!text) continue;
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (rect.width <= 1 || rect.height <= 1 || style.visibility === 'hidden') continue;
    if (el.closest(':disabled, [aria-disabled="true"]')) continue;
    const layers = [];
    for (let at = el; at; at = parentOf(at)) {
      const bg = rgba(getComputedStyle(at).backgroundColor);
      if (bg && bg[3] > 0) layers.push(bg);
      if (bg && bg[3] >= 1) break;
    }
    let background = [255, 255, 255, 1];
    for (const layer of layers.reverse()) background = over(layer, background);
    const fg = over(rgba(style.color) ?? [0, 0, 0, 1], background);
    const [l1, l2] = [luminance(fg), luminance(background)].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) {
      problems.push('color-contrast (serious): ' + ratio.toFixed(2) + ':1 for "' + text.slice(0, 40) + '" (' + style.color + ' on ' + background.join(',') + ')');
    }
  }
  return problems;
}`;

/**
 * Runs `functionDeclaration` (source of `function (root, ...args)`, `this` the host) in the
 * page's main world once for each of Dossier's UI hosts (`html > div[data-dossier-ui]`), with the host's
 * shadow root, open or closed, found through the DevTools protocol; returns each result.
 */
export async function inEachUiRoot<T>(
  page: Page,
  functionDeclaration: string,
  args: unknown[] = [],
): Promise<T[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
      root: DomNode;
    };
    const html = root.children?.find((n) => n.localName === 'html');
    // Dossier's hosts are the children of <html> carrying `data-dossier-ui`.
    const hosts = (html?.children ?? []).filter((n) => n.attributes?.includes('data-dossier-ui'));
    if (hosts.length === 0)
      throw new Error('Dossier’s UI host (html > [data-dossier-ui]) is not there');
    const resolve = async (node: DomNode) => {
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: node.backendNodeId });
      if (!object.objectId) throw new Error('A node of Dossier’s UI could not be resolved');
      return object.objectId;
    };
    const results: T[] = [];
    for (const host of hosts) {
      const shadow = host.shadowRoots?.[0];
      if (!shadow) throw new Error('Dossier’s UI host has no shadow root');
      const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
        objectId: await resolve(host),
        arguments: [{ objectId: await resolve(shadow) }, ...args.map((value) => ({ value }))],
        awaitPromise: true,
        returnByValue: true,
        functionDeclaration,
      });
      if (exceptionDetails) {
        throw new Error(`In Dossier’s UI: ${exceptionDetails.exception?.description}`);
      }
      results.push(result.value as T);
    }
    return results;
  } finally {
    await cdp.detach();
  }
}

/**
 * Serious and critical violations in Dossier's in-page UI (`html > div[data-dossier-ui]` and its shadow
 * root, open or closed) and in any extension frame inside it.
 */
export async function axeInPageUi(page: Page): Promise<Violation[]> {
  await injectAxe(page);
  const results = await inEachUiRoot<AxeResults & { checked: number; contrast: string[] }>(
    page,
    `async function (root, options) {
      const own = Object.getOwnPropertyDescriptor(this, 'shadowRoot');
      Object.defineProperty(this, 'shadowRoot', { configurable: true, get: () => root });
      try {
        const r = await axe.run(this, { ...options, resultTypes: ['violations', 'passes'] });
        const checked = new Set(r.passes.concat(r.violations).flatMap((p) => p.nodes.map((n) => n.target.join(' ')))).size;
        return { violations: r.violations, checked, contrast: (${CONTRAST_CHECK})(root) };
      } finally {
        if (own) Object.defineProperty(this, 'shadowRoot', own);
        else delete this.shadowRoot;
      }
    }`,
    [RUN_OPTIONS],
  );
  const found = results.flatMap((r) => [...serious(r), ...r.contrast]);
  // A check that saw nothing would pass anything: the UI shown must have been examined.
  if (results.every((r) => r.checked === 0)) {
    throw new Error('axe examined no element of Dossier’s in-page UI');
  }
  // Panels that moved into an extension frame are checked where they are.
  for (const frame of page.frames()) {
    if (frame !== page.mainFrame() && frame.url().startsWith('chrome-extension://')) {
      found.push(...(await axeViolations(frame)).map((v) => `${frame.url()}: ${v}`));
    }
  }
  return found;
}
