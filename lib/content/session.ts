/**
 * One Dossier session per page: it analyses the article once the page has settled, paints the
 * officials and quotations, runs the reader's notes layer, answers the popup, and analyses
 * again, once, after a single-page-app navigation or when a large piece of content arrives.
 * Injected twice into a tab (listed site, then "Analyze this page"), the newer copy's WXT
 * context invalidates the older one, whose session then removes everything it registered.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { serializePage } from '../analysis/page-text';
import { analyzePage, detectInArticleInSteps, type PageAnalysis } from '../analysis/pipeline';
import type { PageRef } from '../annotation';
import { type ArticleResult, extractArticleInSteps } from '../article/extract';
import type { SourceMapper } from '../article/live-ranges';
import type { Detection } from '../detect';
import { walkText } from '../dom/text-walk';
import { createPainter } from '../highlight/paint';
import { analysisRecordOf } from '../library/record';
import { handleMessages, sendToBackground } from '../platform/messaging';
import { loadSettings, watchSettings } from '../platform/settings-store';
import type { PageInfo } from '../protocol';
import { highlightsOn, type Settings } from '../settings';
import { pageUrlOf } from '../url';
import { type EntitiesLayer, startEntitiesLayer } from './entities-layer';
import { locateRemote } from './locate';
import { type NotesLayer, startNotesLayer } from './notes-layer';
import { runStaged, nextTask as waitTask } from './slices';

/** Page text (characters) from which the page is analysed away from it, where it can be. */
const LONG_PAGE_CHARS = 200_000;

/** True when the page's text reaches `LONG_PAGE_CHARS` (counted only that far). */
function isLongPage(doc: Document): boolean {
  if (!doc.body) return false;
  const walk = walkText(doc.body);
  let chars = 0;
  for (let n = walk.next(); n && chars < LONG_PAGE_CHARS; n = walk.next()) chars += n.data.length;
  return chars >= LONG_PAGE_CHARS;
}

/** How long the page must be quiet before a re-analysis, and the longest wait. */
const SETTLE_MS = 400;
const MAX_WAIT_MS = 3_000;
/** Added text that counts as "new content arrived" (a comment or an ad does not). */
const NEW_CONTENT_CHARS = 400;

/** What the popup is told about a page, from an analysis. */
export function pageInfoOf(doc: Document, analysis: PageAnalysis): PageInfo {
  const url = pageUrlOf(doc);
  const result = analysis.article;
  if (!result.ok) {
    return {
      url,
      title: doc.title,
      wordCount: 0,
      byline: null,
      isArticle: false,
      message: result.message,
    };
  }
  const { title, wordCount, byline } = result.article;
  const info: PageInfo = { url, title, wordCount, byline, isArticle: true };
  const { site, published } = pageRefOf(doc, info, analysis);
  return { ...info, site, published: published ?? null };
}

/** The page a new note belongs to, from what the session knows about it. */
export function pageRefOf(doc: Document, info: PageInfo, analysis?: PageAnalysis): PageRef {
  const siteName = doc
    .querySelector<HTMLMetaElement>('meta[property="og:site_name"]')
    ?.content?.trim();
  const article = analysis?.article.ok ? analysis.article.article : null;
  return {
    url: info.url,
    title: info.title || doc.title || info.url,
    site: article?.siteName || siteName || doc.location.hostname,
    author: info.byline,
    published: article?.published ?? null,
  };
}

/**
 * True when `doc` is a page Dossier reads: an HTML document with a `<body>`. An SVG or XML
 * document, a frameset, or a page whose script removed its body has no article to read and no
 * place for Dossier's notes, so Dossier stays idle there (issue 18).
 */
export function isReadablePage(doc: Document): boolean {
  try {
    const view = doc.defaultView;
    if (!view) return false;
    // A plain-text or XML file is shown inside a made-up HTML page; it is not an article.
    const type = doc.contentType;
    if (type && type !== 'text/html' && type !== 'application/xhtml+xml') return false;
    return (
      doc.documentElement instanceof view.HTMLHtmlElement &&
      doc.body instanceof view.HTMLBodyElement
    );
  } catch {
    return false;
  }
}

/** What the popup is told on a page Dossier does not read. */
export function idlePageInfo(doc: Document): PageInfo {
  let url = '';
  try {
    url = pageUrlOf(doc);
  } catch {
    url = doc.location?.href ?? '';
  }
  return {
    url,
    title: typeof doc.title === 'string' ? doc.title : '',
    wordCount: 0,
    byline: null,
    isArticle: false,
    message: 'Dossier reads HTML pages with a body; this page has none, so Dossier left it alone.',
  };
}

/**
 * Starts the page's session. Everything it registers is undone when `ctx` is invalidated, so a
 * reloaded, updated or re-injected extension leaves nothing behind. On a page that is not HTML
 * or has no body it only answers the popup, and touches nothing.
 */
export function startPageSession(ctx: ContentScriptContext, doc: Document = document): void {
  if (!isReadablePage(doc)) {
    const stop = handleMessages({
      'page/info': () => idlePageInfo(doc),
      'page/analysis': () => ({ officials: [], quotes: [] }),
      'page/reveal': () => ({ found: false }),
    });
    ctx.onInvalidated(stop);
    return;
  }
  const painter = createPainter(doc);
  ctx.onInvalidated(() => painter.destroy());

  let analysis: PageAnalysis | null = null;
  let info: PageInfo | null = null;
  let analysedHref = '';
  let entities: EntitiesLayer | null = null;
  let notes: NotesLayer | null = null;
  let notesUrl = '';
  let settings: Settings | null = null;
  const visible = () => (settings ? highlightsOn(settings, doc.location.hostname) : true);

  const analyse = (): { analysis: PageAnalysis; info: PageInfo } => {
    if (!analysis || !info || analysedHref !== doc.location.href) {
      try {
        analysis = analyzePage(doc);
      } catch {
        const message = 'Dossier could not read this page.';
        analysis = {
          article: { ok: false, reason: 'not-article', message },
          detection: { officials: [], quotes: [] },
        };
      }
      info = pageInfoOf(doc, analysis);
      analysedHref = doc.location.href;
    }
    return { analysis, info };
  };

  // Each stage runs in its own task, so the page stays responsive between them; a newer run
  // (another navigation) makes an older one stop at its next stage.
  let generation = 0;
  const nextTask = () => waitTask(ctx);
  const run = async () => {
    const mine = ++generation;
    const stale = () => ctx.isInvalid || mine !== generation;
    let article: ArticleResult | null = null;
    let detection: Detection = { officials: [], quotes: [] };
    let locate: SourceMapper | null = null;
    let failure: string | null = null;
    // A long page is read away from it when the browser allows (Chrome's offscreen document):
    // there Readability and detection take as long as they take without holding the page.
    if (isLongPage(doc)) {
      const html = serializePage(doc);
      // Serialising the page and handing it to the browser are each tens of milliseconds on
      // a long page: one task each.
      await nextTask();
      if (stale()) return;
      const reply = await sendToBackground('article/analyze', { html });
      if (stale()) return;
      if (reply.ok) {
        ({ article, detection } = reply.value);
        if (article.ok) {
          const text = article.article.text;
          locate = await locateRemote(ctx, doc, text, detection, reply.value.spans, stale);
          if (stale()) return;
        }
      }
    }
    if (!article) {
      // In stages, one task each (the check and the clone, Readability, reading the text; then
      // words, people, quotations): on first run the code is not yet optimised and the whole
      // would hold the page for about a hundred milliseconds.
      try {
        article = await runStaged(ctx, extractArticleInSteps(doc, { live: true }), stale);
      } catch {
        failure = 'Dossier could not read this page.';
        article = {
          ok: false,
          reason: 'not-article',
          message: 'Dossier could not read this page.',
        };
      }
      if (!article || stale()) return;
      await nextTask();
      if (stale()) return;
      try {
        const found = await runStaged(ctx, detectInArticleInSteps(article), stale);
        if (!found) return;
        detection = found;
      } catch {
        // Detection failing leaves the article and the notes working.
        failure = 'Dossier could not find the officials and quotations on this page.';
      }
    }
    analysis = { article, detection };
    info = pageInfoOf(doc, analysis);
    analysedHref = doc.location.href;
    const current = { analysis, info };
    await nextTask();
    if (stale()) return;
    entities?.destroy();
    entities = null;
    if (!notes || notesUrl !== current.info.url) {
      notes?.destroy();
      notesUrl = current.info.url;
      notes = startNotesLayer({
        ctx,
        doc,
        page: pageRefOf(doc, current.info, current.analysis),
        painter,
      });
      await nextTask();
      if (stale()) return;
    }
    const layer = notes;
    if (current.analysis.article.ok) {
      if (visible()) {
        painter.prepare();
        await nextTask();
        if (stale()) return;
      }
      try {
        entities = startEntitiesLayer({
          ctx,
          doc,
          painter,
          article: current.analysis.article.article,
          detection: current.analysis.detection,
          visible: visible(),
          locate,
          saveQuote: (range, speaker) => layer.saveRange(range, { kind: 'quote', speaker }),
        });
      } catch {
        entities = null; // A page Dossier cannot map is left alone, never broken.
      }
    }
    // The library remembers the article (or that its analysis failed); a page that is not an
    // article is not "read". Building the record is a pass over the quotations only.
    const page = pageRefOf(doc, current.info, current.analysis);
    if (current.analysis.article.ok || failure) {
      const record =
        current.analysis.article.ok && !failure
          ? analysisRecordOf(
              current.analysis.article.article.text,
              current.analysis.detection,
              current.analysis.article.article.breaks,
            )
          : null;
      void sendToBackground('library/record', {
        page,
        analysis: record,
        ...(record ? {} : { failure: failure ?? 'Dossier could not read this page.' }),
      });
    }
    void sendToBackground('badge/set', {
      officials: current.analysis.detection.officials.length,
      notes: layer.notes().length,
    });
  };

  let running: Promise<void> | null = null;
  const start = () => {
    // In a task of its own: the content script's first task (its code starting up) is long
    // enough already. A failed analysis leaves the page as it was.
    const mine = nextTask()
      .then(() => (ctx.isInvalid ? undefined : run()))
      .catch(() => undefined);
    running = mine;
    void mine.then(() => {
      if (running === mine) running = null;
    });
  };

  // One analysis after the page settles, however many changes or navigations led to it.
  let timer: number | undefined;
  let firstRequest = 0;
  const schedule = () => {
    const now = Date.now();
    if (!timer) firstRequest = now;
    clearTimeout(timer);
    const wait = Math.max(0, Math.min(SETTLE_MS, firstRequest + MAX_WAIT_MS - now));
    // A plain timer (cleared when `ctx` ends, below): `ctx.setTimeout` would add an abort
    // listener per call, and a busy page schedules many.
    timer = window.setTimeout(() => {
      timer = undefined;
      if (!ctx.isInvalid) start();
    }, wait);
  };
  ctx.addEventListener(doc.defaultView ?? window, 'wxt:locationchange', schedule);
  const observer = new MutationObserver((records) => {
    let added = 0;
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeName === 'DOSSIER-MARK') continue;
        added += node.textContent?.length ?? 0;
      }
    }
    if (added >= NEW_CONTENT_CHARS) schedule();
  });
  observer.observe(doc.body, { childList: true, subtree: true });
  ctx.onInvalidated(() => {
    observer.disconnect();
    clearTimeout(timer);
  });

  const stopMessages = handleMessages({
    // An analysis under way (a long page's can take seconds away from the page) is waited
    // for, rather than started again on the page's main thread.
    'page/info': async () => {
      await running;
      return analyse().info;
    },
    // Likewise the lists: asked while the page is being read, they would come back empty.
    'page/analysis': async () => {
      await running;
      return entities?.summary() ?? { officials: [], quotes: [] };
    },
    'page/reveal': ({ kind, index, mention }) => ({
      found: entities?.reveal(kind, index, mention) ?? false,
    }),
  });
  ctx.onInvalidated(stopMessages);

  const stopWatching = watchSettings((next) => {
    settings = next;
    entities?.setVisible(visible());
  });
  ctx.onInvalidated(stopWatching);
  void loadSettings().then((loaded) => {
    settings = loaded;
    entities?.setVisible(visible());
  });

  start();
}
