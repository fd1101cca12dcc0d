/**
 * The hostile-page suite (issue 18): every generated variant (tests/e2e/hostile/variants.ts) is
 * opened twice in one Chromium, in parallel tabs, once where Dossier runs (a listed policy
 * centre) and once where it does not, and checked for:
 * - no uncaught error (nor console error) in Dossier's isolated world, read through the
 *   DevTools protocol;
 * - no page error with Dossier that the same page lacks without it;
 * - the page's text and its window's own properties the same with and without Dossier, and no
 *   payload run;
 * - Dossier's registered ranges equal to what its analysis found (none, and no UI, where the
 *   page is not HTML or has no body);
 * - no task in which Dossier's code ran for over 100 ms (from a trace of the round);
 * - the tab crashing with Dossier only if it crashes without it too.
 * A second test reloads three pages 20 times and checks that nothing Dossier keeps grows.
 * The counts, and the longest Dossier task seen, are printed at the end.
 */
import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { longestDossierTask, type TraceEvent } from '../../../scripts/bench/tasks';
import { hostileVariants, type Variant } from '../../../scripts/hostile-pages';
import { type Route, useDossier } from '../harness';
import { cdpOf, watchErrors } from '../page-helpers';

// HOSTILE_ONLY=word runs only the variants whose name contains it (while working on one).
const VARIANTS = hostileVariants().filter((v) => v.name.includes(process.env.HOSTILE_ONLY ?? ''));
/** Listed sites of different registrable domains: one renderer process (and trace thread) each. */
const SITES = ['www.csis.org', 'www.brookings.edu', 'www.rand.org', 'www.carnegieendowment.org'];
const PLAIN = 'hostile-plain.example.org';
/** The longest Dossier may hold the page's main thread in one task. */
const TASK_LIMIT_MS = 100;

/**
 * Variants that still fail, each with its issue note, run and reported every time but not
 * failing the suite. None today: `deep-10000` crashes the tab with or without Dossier (Chromium
 * alone crashes from about 3,000 levels), which the suite counts as held, and
 * `custom-elements-everywhere` holds since Dossier's host became a plain `div`.
 */
const KNOWN_OPEN = new Set<string>([]);

const routeOf =
  (v: Variant): Route =>
  () => ({ body: v.body, type: v.type, headers: v.headers });
const routes: Record<string, Route> = {};
for (const v of VARIANTS) {
  for (const host of [...SITES, PLAIN]) routes[`${host}/hostile/${v.name}`] = routeOf(v);
}
const env = useDossier(routes);

const urlOf = (host: string, v: Variant) =>
  `http://${host}/hostile/${v.name}${v.query ? `?${v.query}` : ''}`;

/** What a tab shows, read without the page's (possibly poisoned) built-ins. */
interface Snapshot {
  text: string;
  globals: string;
  xss: string;
  highlights: Record<string, number>;
  hosts: number;
}

async function evaluateIn(
  cdp: CDPSession,
  expression: string,
  contextId?: number,
): Promise<unknown> {
  const r = await cdp.send('Runtime.evaluate', {
    expression,
    returnByValue: true,
    ...(contextId ? { contextId } : {}),
  });
  if (r.exceptionDetails) {
    return `threw: ${(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text).split('\n')[0]}`;
  }
  return r.result.value;
}

/** A world of our own in the tab: the page's DOM, with clean built-ins. */
async function probeWorld(cdp: CDPSession): Promise<number> {
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const { executionContextId } = await cdp.send('Page.createIsolatedWorld', {
    frameId: frameTree.frame.id,
    worldName: 'hostile-probe',
  });
  return executionContextId;
}

const TEXT_HASH = `(() => {
  const root = document.body ?? document.documentElement;
  const t = root ? root.textContent : '';
  let h = 2166136261;
  for (let i = 0; i < t.length; i++) { h ^= t.charCodeAt(i); h = Math.imul(h, 16777619); }
  return t.length + ':' + (h >>> 0);
})()`;
const HIGHLIGHTS = `(() => {
  const out = {};
  const registry = globalThis.CSS && CSS.highlights;
  if (registry) for (const [k, v] of registry) out[k] = v.size;
  return out;
})()`;
const HOSTS = `document.documentElement ? document.querySelectorAll(':root > [data-dossier-ui]').length : 0`;
const GLOBALS = `(() => { try { return Object.getOwnPropertyNames(window).sort().join(' '); } catch (e) { return 'unreadable'; } })()`;
// A page that is not HTML (an XML or plain-text file) runs no script of its own: loaded is done.
const DONE = `window.__hostileDone === true || !!document.querySelector('meta[name="hostile-done"]') || document.contentType !== 'text/html'`;

const worlds = new WeakMap<CDPSession, Promise<number>>();

async function snapshot(cdp: CDPSession): Promise<Snapshot> {
  let made = worlds.get(cdp);
  if (!made) {
    made = probeWorld(cdp);
    worlds.set(cdp, made);
  }
  const world = await made;
  return {
    text: String(await evaluateIn(cdp, TEXT_HASH, world)),
    globals: String(await evaluateIn(cdp, GLOBALS)),
    xss: String(await evaluateIn(cdp, 'typeof window.__xss')),
    highlights: ((await evaluateIn(cdp, HIGHLIGHTS, world)) ?? {}) as Record<string, number>,
    hosts: Number(await evaluateIn(cdp, HOSTS, world)),
  };
}

async function waitUntil(check: () => Promise<boolean>, timeout: number): Promise<boolean> {
  const until = Date.now() + timeout;
  for (;;) {
    // A DevTools call to a tab that crashed meanwhile never answers: each check gets 5 s.
    const late = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000));
    if (await Promise.race([check().catch(() => false), late])) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Opened {
  page: Page;
  cdp: CDPSession;
  dossierErrors: string[];
  pageErrors: string[];
  crashed: () => boolean;
  done: boolean;
}

async function open(url: string): Promise<Opened> {
  const page = await env.dossier.context.newPage();
  let crashed = false;
  page.on('crash', () => {
    crashed = true;
  });
  const { dossierErrors, pageErrors } = await watchErrors(page);
  const cdp = await cdpOf(page);
  await page.goto(url, { waitUntil: 'load', timeout: 30_000 }).catch(() => undefined);
  const done = await waitUntil(
    async () => crashed || (await evaluateIn(cdp, DONE)) === true,
    20_000,
  );
  return { page, cdp, dossierErrors, pageErrors, crashed: () => crashed, done };
}

/** Asks the tab's content script a question, as the popup does. */
async function ask(page: Page, type: 'page/analysis' | 'page/info'): Promise<unknown> {
  const id = await env.dossier.tabIdOf(page);
  // An analysis that never ends is a failure of its own, not a hung suite.
  const late = new Promise((resolve) =>
    setTimeout(() => resolve({ ok: false, error: 'no answer within 60 s' }), 60_000),
  );
  return Promise.race([late, asked(id, type)]);
}

function asked(id: number, type: 'page/analysis' | 'page/info'): Promise<unknown> {
  return env.dossier.worker.evaluate(
    async ([tab, kind]) =>
      chrome.tabs
        .sendMessage(tab as number, { type: kind, payload: {} }, { frameId: 0 })
        .catch((e: Error) => ({ ok: false, error: e.message })),
    [id, type] as const,
  );
}

type Summary = {
  officials: { mentions: number }[];
  quotes: unknown[];
};

const firstLines = (errors: string[]) => new Set(errors.map((e) => e.split('\n')[0]));

/** Runs one variant; returns what went wrong (empty when it held). */
async function runVariant(v: Variant, site: string): Promise<string[]> {
  const problems: string[] = [];
  const url = urlOf(site, v);
  const [withDossier, without] = await Promise.all([open(url), open(urlOf(PLAIN, v))]);
  try {
    if (withDossier.crashed() || without.crashed()) {
      if (withDossier.crashed() && !without.crashed())
        problems.push('the tab crashed only with Dossier');
      return problems;
    }
    if (!withDossier.done || !without.done) problems.push('the page never finished its script');
    let expected: { officials: number; quotes: number } | null = null;
    if (v.readable) {
      // The analysis (waited for), then every range it found registered.
      const reply = (await ask(withDossier.page, 'page/analysis')) as {
        ok: boolean;
        value?: Summary;
        error?: string;
      };
      if (!reply.ok || !reply.value) problems.push(`no analysis: ${reply.error}`);
      else {
        expected = {
          officials: reply.value.officials.reduce((n, o) => n + o.mentions, 0),
          quotes: reply.value.quotes.length,
        };
        const want = expected;
        const windowed = (n: number) => n > 1_500;
        const matches = (h: Record<string, number>) => {
          const o = h['dossier-official'] ?? 0;
          const q = h['dossier-quote'] ?? 0;
          const okO = windowed(want.officials)
            ? o > 0 && o <= want.officials
            : o === want.officials;
          const okQ = windowed(want.quotes) ? q > 0 && q <= want.quotes : q === want.quotes;
          return okO && okQ;
        };
        const settled = await waitUntil(
          async () => matches((await snapshot(withDossier.cdp)).highlights),
          15_000,
        );
        if (!settled) {
          const h = (await snapshot(withDossier.cdp)).highlights;
          problems.push(
            `ranges ${JSON.stringify(h)} differ from the analysis (${want.officials} mentions, ${want.quotes} quotations)`,
          );
        }
        if (want.officials === 0 && !v.name.startsWith('csp-header-5')) {
          problems.push('the analysis found no official on a page that names one');
        }
      }
    } else {
      const info = (await ask(withDossier.page, 'page/info')) as {
        ok: boolean;
        value?: { isArticle: boolean };
      };
      if (info.ok && info.value?.isArticle)
        problems.push('Dossier read a page it should leave alone');
    }
    // A moment for anything late (a re-analysis, a card), then the comparison.
    await withDossier.page.waitForTimeout(300);
    const a = await snapshot(withDossier.cdp);
    const b = await snapshot(without.cdp);
    if (!v.readable) {
      const painted = Object.values(a.highlights).reduce((n, x) => n + x, 0);
      if (painted > 0 || a.hosts > 0)
        problems.push('Dossier painted or added UI on a page it should leave alone');
    }
    if (a.text !== b.text) problems.push(`page text differs (${a.text} vs ${b.text})`);
    if (a.globals !== b.globals) problems.push('the page’s window properties differ');
    if (a.xss !== 'undefined' || b.xss !== 'undefined') problems.push('a payload ran');
    if (withDossier.dossierErrors.length > 0) {
      problems.push(
        `errors in Dossier's world: ${withDossier.dossierErrors.join(' | ').slice(0, 400)}`,
      );
    }
    const alone = firstLines(without.pageErrors);
    const extra = [...firstLines(withDossier.pageErrors)].filter((e) => !alone.has(e));
    if (extra.length > 0)
      problems.push(`page errors only with Dossier: ${extra.join(' | ').slice(0, 400)}`);
    return problems;
  } finally {
    await withDossier.page.close().catch(() => undefined);
    await without.page.close().catch(() => undefined);
  }
}

describe('hostile pages', () => {
  it(`hold on ${VARIANTS.length} generated variants`, async () => {
    const failures: string[] = [];
    const open: string[] = [];
    let passed = 0;
    let longest = { ms: 0, variant: '' };
    const slow: string[] = [];
    const browser = env.dossier.context.browser();
    if (!browser) throw new Error('No browser behind the context');
    const tracer = await browser.newBrowserCDPSession();
    // Light variants four at a time, in parallel tabs; a heavy one alone, so that a page that
    // holds the whole browser (a 10,000-level document) cannot starve the others of time.
    const rounds: (typeof VARIANTS)[] = VARIANTS.filter((v) => v.heavy).map((v) => [v]);
    const light = VARIANTS.filter((v) => !v.heavy);
    for (let i = 0; i < light.length; i += SITES.length)
      rounds.push(light.slice(i, i + SITES.length));
    for (const [r, round] of rounds.entries()) {
      const events: TraceEvent[] = [];
      const onData = (e: { value: unknown[] }) => {
        events.push(...(e.value as TraceEvent[]));
      };
      tracer.on('Tracing.dataCollected', onData);
      await tracer.send('Tracing.start', {
        transferMode: 'ReportEvents',
        traceConfig: {
          includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
        },
      });
      const results = await Promise.all(
        round.map((v, i) =>
          Promise.race([
            runVariant(v, SITES[i] as string).catch((e: Error) => [`run failed: ${e.message}`]),
            // A variant that hangs the browser fails alone instead of stopping the suite.
            new Promise<string[]>((resolve) =>
              setTimeout(() => resolve(['did not finish within 180 s']), 180_000),
            ),
          ]),
        ),
      );
      const complete = new Promise<void>((resolve) =>
        tracer.once('Tracing.tracingComplete', () => resolve()),
      );
      await tracer.send('Tracing.end');
      await complete;
      tracer.off('Tracing.dataCollected', onData);
      if (process.env.HOSTILE_VERBOSE) {
        console.error(
          `round ${r}: ${round.map((v) => v.name).join(', ')} ${results.map((x) => x.join('; ')).join(' / ')}`,
        );
      }
      round.forEach((v, i) => {
        const problems = results[i] as string[];
        const task = longestDossierTask(events, urlOf(SITES[i] as string, v));
        if (task.longest > longest.ms) longest = { ms: task.longest, variant: v.name };
        // Reported, not asserted: on a shared CI machine a task's length measures the
        // machine's load as much as Dossier (see the project's rule on timed assertions).
        if (task.longest > TASK_LIMIT_MS) slow.push(`${v.name}: ${Math.round(task.longest)} ms`);
        if (problems.length === 0) passed++;
        else if (KNOWN_OPEN.has(v.name)) open.push(`${v.name}: ${problems.join('; ')}`);
        else failures.push(`${v.name} (${v.family}): ${problems.join('; ')}`);
      });
    }
    await tracer.detach();
    if (open.length > 0)
      console.log(`hostile pages, known and open (issue 18): ${open.join(' | ')}`);
    console.log(
      `hostile pages: ${VARIANTS.length} tried, ${passed} passed, ${open.length} known open; longest Dossier task ${longest.ms.toFixed(1)} ms (${longest.variant}); over ${TASK_LIMIT_MS} ms: ${slow.join(', ') || 'none'}`,
    );
    expect(failures).toEqual([]);
  }, 1_500_000);

  it('keep nothing of Dossier’s alive over 20 reloads', async () => {
    const v = VARIANTS.find((x) => x.name.startsWith('storm-pushstate-swap')) ?? VARIANTS[0];
    if (!v) throw new Error('No variant to reload');
    const page = await env.dossier.context.newPage();
    const cdp = await cdpOf(page);
    await page.goto(urlOf(SITES[0] as string, v));
    const measure = async () => {
      await waitUntil(async () => (await evaluateIn(cdp, DONE)) === true, 20_000);
      await page.waitForTimeout(800);
      await cdp.send('HeapProfiler.collectGarbage');
      const counters = await cdp.send('Memory.getDOMCounters');
      const heap = await cdp.send('Runtime.getHeapUsage');
      return { ...counters, heap: heap.usedSize };
    };
    const samples: { documents: number; nodes: number; jsEventListeners: number; heap: number }[] =
      [];
    for (let i = 1; i <= 20; i++) {
      await page.reload();
      if (i === 5 || i === 20) samples.push(await measure());
    }
    const [at5, at20] = samples as [(typeof samples)[0], (typeof samples)[0]];
    // An old document kept alive (a listener, a timer, a range) shows as documents and nodes
    // that pile up with every reload; the heap may wander a little, not by a page per reload.
    expect(at20.documents).toBeLessThanOrEqual(at5.documents + 1);
    expect(at20.nodes).toBeLessThan(at5.nodes + 500);
    expect(at20.jsEventListeners).toBeLessThan(at5.jsEventListeners + 20);
    expect(at20.heap).toBeLessThan(at5.heap + 4 * 1024 * 1024);
    await page.close();
  }, 300_000);
});
