/**
 * One Dossier session per page: the content script's state (the extracted article) and its
 * answers to the popup. Injected twice into a tab (listed site, then "Analyze this page"), the
 * second copy finds the first and does nothing, so a page never gets two sessions.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { type ArticleResult, extractArticle } from '../article/extract';
import { handleMessages } from '../platform/messaging';
import type { PageInfo } from '../protocol';
import { pageUrlOf } from '../url';

/** Marks a live session in the extension's isolated world; the page cannot see it. */
const SESSION_KEY = Symbol.for('dossier.session');

type Holder = { [SESSION_KEY]?: ContentScriptContext };

/** What the popup is told about a page, from an extraction result. */
export function pageInfoOf(doc: Document, result: ArticleResult): PageInfo {
  const url = pageUrlOf(doc);
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

/**
 * Starts the page's session unless one is running. Everything it registers goes through `ctx`,
 * so an invalidated (reloaded or updated) extension leaves nothing behind.
 */
export function startPageSession(ctx: ContentScriptContext, doc: Document = document): boolean {
  const holder = globalThis as Holder;
  const running = holder[SESSION_KEY];
  if (running?.isValid) return false;
  holder[SESSION_KEY] = ctx;

  let cached: { href: string; info: PageInfo } | undefined;
  const info = (): PageInfo => {
    const href = doc.location.href;
    if (cached?.href !== href) {
      let result: ArticleResult;
      try {
        result = extractArticle(doc);
      } catch {
        result = { ok: false, reason: 'not-article', message: 'Dossier could not read this page.' };
      }
      cached = { href, info: pageInfoOf(doc, result) };
    }
    return cached.info;
  };

  const stop = handleMessages({ 'page/info': () => info() });
  ctx.onInvalidated(() => {
    stop();
    if (holder[SESSION_KEY] === ctx) delete holder[SESSION_KEY];
  });
  return true;
}
