/**
 * Long main-thread tasks while a page loads, read from a Chromium trace. The `longtask`
 * observer counts every task the page runs; a trace also says when Dossier's content script
 * started, so the benchmark can report the longest task from that moment on, and the same page
 * without Dossier over the same stretch, which is what the page does by itself.
 */
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** The parts of a trace event read here. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { beginData?: { url?: string }; data?: { url?: string } };
}

/** One page load, as the trace saw it (times in ms from the start of parsing the page). */
export interface LoadTasks {
  /** When Dossier's content script started, or null when it never ran. */
  dossierStart: number | null;
  /** Every main-thread task of the page over 5 ms: start and duration. */
  tasks: { start: number; duration: number }[];
}

/**
 * Loads `url` in a new tab of `context` under a trace, waits for `settled`, and gives the
 * trace's events, or null when the tab crashed (a hostile page may crash it, with or without
 * Dossier). With `blockScripts`, the page's own script files are not loaded; with `lenient`, a
 * load or a wait that fails is traced as far as it went (hostile pages may never finish).
 */
export async function tracedEvents(
  context: BrowserContext,
  url: string,
  settled: (tab: Page) => Promise<void>,
  {
    blockScripts = false,
    lenient = false,
    timeout = 30_000,
  }: { blockScripts?: boolean; lenient?: boolean; timeout?: number } = {},
): Promise<TraceEvent[] | null> {
  const tab = await context.newPage();
  let crashed = false;
  tab.on('crash', () => {
    crashed = true;
  });
  if (blockScripts) await tab.route('**/*.js', (route) => route.abort());
  const cdp = await context.newCDPSession(tab);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => {
    events.push(...(e.value as unknown as TraceEvent[]));
  });
  const complete = new Promise<void>((resolve) => {
    cdp.once('Tracing.tracingComplete', () => resolve());
  });
  await cdp.send('Tracing.start', {
    traceConfig: {
      includedCategories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline', // where Chromium reports RunTask
        'v8.execute',
      ],
    },
  });
  const failed = (error: unknown) => {
    if (!crashed && !lenient) throw error;
  };
  await tab.goto(url, { waitUntil: 'load', timeout }).catch(failed);
  if (!crashed) await settled(tab).catch(failed);
  if (crashed) {
    await tab.close().catch(() => undefined);
    return null;
  }
  await cdp.send('Tracing.end');
  await complete;
  await tab.close();
  return events;
}

/** Loads `url` under a trace without the page's own scripts, so only Dossier's code runs. */
export async function traceLoad(
  context: BrowserContext,
  url: string,
  settled: (tab: Page) => Promise<void>,
): Promise<LoadTasks> {
  const events = await tracedEvents(context, url, settled, { blockScripts: true });
  if (!events) throw new Error(`The tab crashed while loading ${url}.`);
  return summarise(events, url);
}

/** A Chromium without Dossier that reaches the bench server: the baseline of task rows. */
export async function plainChromium(executablePath: string, port: number): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [`--host-resolver-rules=MAP * 127.0.0.1:${port}`, '--no-sandbox', '--disable-gpu'],
  });
}

/** The page's main thread is the one that parsed `url`; times count from that parse. */
export function summarise(events: readonly TraceEvent[], url: string): LoadTasks {
  const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url === url);
  if (!parse) throw new Error(`The trace has no parse of ${url}.`);
  const onMain = (e: TraceEvent) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X';
  const ms = (ts: number) => (ts - parse.ts) / 1000;
  const start = events.find(
    (e) =>
      onMain(e) &&
      e.name === 'EvaluateScript' &&
      (e.args?.data?.url ?? '').startsWith('chrome-extension://'),
  );
  const tasks = events
    .filter((e) => onMain(e) && e.name === 'RunTask' && (e.dur ?? 0) > 5_000)
    .map((e) => ({ start: ms(e.ts), duration: (e.dur ?? 0) / 1000 }));
  return { dossierStart: start ? ms(start.ts) : null, tasks };
}

/** The longest task that ends after `from` (ms), or 0 when there is none. */
export function longestFrom(load: LoadTasks, from: number): number {
  return Math.max(
    0,
    ...load.tasks.filter((t) => t.start + t.duration > from).map((t) => t.duration),
  );
}

/**
 * Dossier's share of a page's main-thread tasks: each task (`RunTask`) on the thread that parsed
 * the page is charged with the time spent in functions of Dossier's content script
 * (`FunctionCall` / `EvaluateScript` events whose script is a `chrome-extension://` URL),
 * counting nested calls once. The page's own work in the same task is not Dossier's. Used by the
 * hostile-page suite (tests/e2e/hostile) and the `hostile` benchmark. Returns the longest share
 * (ms) on the thread that parsed `url`, from then on, and whether that parse was found.
 */
export function longestDossierTask(
  events: readonly TraceEvent[],
  url: string,
): { found: boolean; longest: number } {
  const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url === url);
  if (!parse) return { found: false, longest: 0 };
  const onThread = events.filter(
    (e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X' && e.ts >= parse.ts,
  );
  const tasks = onThread.filter((e) => e.name === 'RunTask');
  const dossier = onThread
    .filter(
      (e) =>
        (e.name === 'FunctionCall' || e.name === 'EvaluateScript') &&
        (e.args?.data?.url ?? '').startsWith('chrome-extension://'),
    )
    .sort((a, b) => a.ts - b.ts);
  let longest = 0;
  let d = 0;
  for (const task of tasks.sort((a, b) => a.ts - b.ts)) {
    const end = task.ts + (task.dur ?? 0);
    while (d < dossier.length && (dossier[d] as TraceEvent).ts < task.ts) d++;
    let spent = 0;
    let covered = task.ts;
    for (let k = d; k < dossier.length && (dossier[k] as TraceEvent).ts < end; k++) {
      const call = dossier[k] as TraceEvent;
      const callEnd = Math.min(end, call.ts + (call.dur ?? 0));
      if (callEnd <= covered) continue; // nested in a call already counted
      spent += callEnd - Math.max(call.ts, covered);
      covered = callEnd;
    }
    longest = Math.max(longest, spent / 1000);
  }
  return { found: true, longest };
}
