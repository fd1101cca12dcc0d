/**
 * A long page analysed from a parsed copy of its HTML (as the offscreen document does), then
 * located back on the live page: the same article, detection and ranges as in the page.
 */
import { describe, expect, it } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { serializePage } from '../../../lib/analysis/page-text';
import { analyzeCopy } from '../../../lib/analysis/parsed-page';
import { detectInArticle } from '../../../lib/analysis/pipeline';
import { extractArticle } from '../../../lib/article/extract';
import { locateRemote } from '../../../lib/content/locate';

const PARAGRAPHS = [
  'Foreign Minister Ilsa Marrow arrived in Vell on Monday for talks on the disputed border, the first such visit in a decade, and met her counterpart for three hours.',
  '“We are ready to sign,” Marrow said after the meeting, adding that both delegations had agreed on a timetable for the demarcation of the remaining sections.',
  'Opposition leader Anya Koval called the deal “a betrayal of voters” and promised to block it in parliament, where her party holds enough seats to delay it.',
  'Analysts in the capital said the agreement could still collapse if either government faced a serious challenge at home before the end of the year.',
];

function loadPage() {
  document.head.innerHTML = '<title>Border talks resume</title>';
  document.body.innerHTML = `<nav><a href="/">Home</a></nav><noscript><img src="x.png"></noscript>
<article><h1>Border talks resume</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}</article>`;
  // Adjacent text nodes, as scripts make them: parsing the HTML again merges them.
  document.querySelector('article p')?.append(' Further', ' talks are planned.');
}

describe('analysing a page from its HTML', () => {
  it('finds the article and mentions the page itself would, and maps them to live ranges', async () => {
    loadPage();
    const remote = analyzeCopy(serializePage(document));
    const local = extractArticle(document);
    if (!remote.article.ok || !local.ok) throw new Error('not an article');
    expect(remote.article.article.text).toBe(local.article.text);
    expect(remote.detection).toEqual(detectInArticle(local));
    expect(remote.spans.length).toBeGreaterThan(0);

    const ctx = new ContentScriptContext('content');
    const { text } = remote.article.article;
    const locate = await locateRemote(ctx, document, text, remote.detection, remote.spans);
    const mentions = remote.detection.officials.flatMap((o) => o.mentions);
    expect(mentions.length).toBeGreaterThan(0);
    for (const m of [...mentions, ...remote.detection.quotes]) {
      const range = locate?.(m.start, m.end);
      expect(range?.toString()).toBe(text.slice(m.start, m.end));
      expect(document.querySelector('article')?.contains(range?.startContainer ?? null)).toBe(true);
    }
    ctx.abort();
  });

  it('says it cannot place a span whose text the page no longer has', async () => {
    loadPage();
    const remote = analyzeCopy(serializePage(document));
    if (!remote.article.ok) throw new Error('not an article');
    const { text } = remote.article.article;
    const first = document.querySelector('article p')?.firstChild as Text;
    first.data = first.data.replace('Ilsa Marrow', 'Ilse Marrow');
    const ctx = new ContentScriptContext('content');
    const locate = await locateRemote(ctx, document, text, remote.detection, remote.spans);
    const [mention] = remote.detection.officials.flatMap((o) => o.mentions);
    if (!mention) throw new Error('no mention');
    expect(text.slice(mention.start, mention.end)).toContain('Ilsa Marrow');
    expect(locate?.(mention.start, mention.end)).toBeUndefined();
    ctx.abort();
  });
});
