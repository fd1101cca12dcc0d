/**
 * One Dossier session per page: it analyses the article once the page has settled, paints the
 * officials and quotations, runs the reader's notes layer, answers the popup, and analyses
 * again, once, after a single-page-app navigation or when a large piece of content arrives.
 * Injected twice into a tab (listed site, then "Analyze this page"), the newer copy's WXT
 * context invalidates the older one, whose session then removes everything it registered.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageRef } from '../annotation';
import { type ArticleResult, extractArticle } from '../article/extract';
import type { Detection } from '../detect';
import { createPainter } from '../highlight/paint';
import { handleMessages, sendToBackground } from '../platform/messaging';
import { loadSettings, watchSettings } from '../platform/settings-store';
import type { PageInfo } from '../protocol';
import { highlightsOn, type Settings } from '../settings';
import { pageUrlOf } from '../url';
import { type EntitiesLayer, startEntitiesLayer } from './entities-layer';
import { type NotesLayer, startNotesLayer } from './notes-layer';
import { analyzePage, detectInArticle, type PageAnalysis } from './pipeline';

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
  return { url, title, wordCount, byline, isArticle: true };
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
 * Starts the page's session. Everything it registers is undone when `ctx` is invalidated, so a
 * reloaded, updated or re-injected extension leaves nothing behind.
 */
export function startPageSession(ctx: ContentScriptContext, doc: Document = document): void {
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
  const nextTask = () => new Promise<void>((resolve) => ctx.setTimeout(resolve, 0));
  const run = async () => {
    const mine = ++generation;
    const stale = () => ctx.isInvalid || mine !== generation;
    let article: ArticleResult;
    try {
      article = extractArticle(doc);
    } catch {
      article = { ok: false, reason: 'not-article', message: 'Dossier could not read this page.' };
    }
    await nextTask();
    if (stale()) return;
    let detection: Detection = { officials: [], quotes: [] };
    try {
      detection = detectInArticle(article);
    } catch {
      // Detection failing leaves the article and the notes working.
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
      try {
        entities = startEntitiesLayer({
          ctx,
          doc,
          painter,
          article: current.analysis.article.article,
          detection: current.analysis.detection,
          visible: visible(),
          saveQuote: (range, speaker) => layer.saveRange(range, { kind: 'quote', speaker }),
        });
      } catch {
        entities = null; // A page Dossier cannot map is left alone, never broken.
      }
    }
    void sendToBackground('badge/set', {
      officials: current.analysis.detection.officials.length,
      notes: layer.notes().length,
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
    timer = ctx.setTimeout(() => {
      timer = undefined;
      void run();
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
    'page/info': () => analyse().info,
    'page/analysis': () =>
      entities?.summary() ?? {
        officials: [],
        quotes: [],
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

  void run();
}
