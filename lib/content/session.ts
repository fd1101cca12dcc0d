/**
 * One Dossier session per page: the content script's state (the extracted article) and its
 * answers to the popup. Injected twice into a tab (listed site, then "Analyze this page"), the
 * newer copy's WXT context invalidates the older one (WXT announces each new context on the
 * document), whose session then removes everything it registered: a page never has two.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { type ArticleResult, extractArticle } from '../article/extract';
import { handleMessages } from '../platform/messaging';
import type { PageInfo } from '../protocol';
import { pageUrlOf } from '../url';

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
 * Starts the page's session. Everything it registers is undone when `ctx` is invalidated, so a
 * reloaded, updated or re-injected extension leaves nothing behind.
 */
export function startPageSession(ctx: ContentScriptContext, doc: Document = document): void {
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
  ctx.onInvalidated(stop);
}
