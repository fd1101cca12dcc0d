/**
 * Article offsets to live Ranges through the article's own nodes, and the fall back to the
 * alignment where those nodes cannot answer. Pages are built here from invented text.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../lib/article/extract';
import { createLiveMapper, createSourceMapper } from '../../../lib/article/live-ranges';

const BODY = `<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<article><h1>Border talks resume</h1>
<p>Foreign Minister <b>Ilsa Marrow</b> arrived in Vell on Monday for talks on the disputed border, the first such visit in a decade, and met her counterpart for three hours.</p>
<p>“We are ready to sign,” Marrow said after the meeting, adding that both delegations had agreed on a timetable for the demarcation of the remaining sections of the frontier.</p>
<p>Opposition leader Anya Koval called the deal “a betrayal of voters” and promised to block it in parliament, where her party holds enough seats to delay ratification.</p>
<p>Analysts in the capital said the agreement could still collapse if either government faced a serious challenge at home before the end of the year.</p>
</article><aside>Most read: Foreign Minister Ilsa Marrow profile</aside>`;

function livePage(): Document {
  document.body.innerHTML = BODY;
  return document;
}

function articleOf(doc: Document) {
  const result = extractArticle(doc, { force: true, live: true });
  if (!result.ok) throw new Error(result.message);
  return result.article;
}

const spanOf = (text: string, phrase: string) => {
  const start = text.indexOf(phrase);
  if (start < 0) throw new Error(`"${phrase}" is not in the article`);
  return [start, start + phrase.length] as const;
};

describe('createSourceMapper', () => {
  it('maps article offsets onto the live nodes the article was cloned from', () => {
    const doc = livePage();
    const article = articleOf(doc);
    const map = createSourceMapper(article);
    if (!map) throw new Error('no source');
    const articleElement = doc.querySelector('article');
    for (const phrase of [
      'Foreign Minister Ilsa Marrow',
      '“We are ready to sign,” Marrow said',
      'Opposition leader Anya Koval',
    ]) {
      const range = map(...spanOf(article.text, phrase));
      expect(range?.toString()).toBe(phrase);
      expect(articleElement?.contains(range?.commonAncestorContainer ?? null)).toBe(true);
    }
  });

  it('says it cannot place text in a node the page has changed since', () => {
    const doc = livePage();
    const article = articleOf(doc);
    const map = createSourceMapper(article);
    const bold = doc.querySelector('article b')?.firstChild as Text;
    bold.data = 'Ilsa Marrow-Vance';
    expect(map?.(...spanOf(article.text, 'Ilsa Marrow'))).toBeUndefined();
    expect(map?.(...spanOf(article.text, 'Opposition leader'))?.toString()).toBe(
      'Opposition leader',
    );
  });

  it('gives nothing for an article extracted without its live nodes', () => {
    const result = extractArticle(livePage(), { force: true });
    if (!result.ok) throw new Error(result.message);
    expect(result.article.source).toBeUndefined();
    expect(createSourceMapper(result.article)).toBeNull();
  });
});

describe('createLiveMapper', () => {
  it('falls back to aligning the article text where the live nodes cannot answer', () => {
    const doc = livePage();
    const article = articleOf(doc);
    // Replace the paragraph by an equal copy: the article's nodes are gone, the words are not.
    const paragraph = doc.querySelectorAll('article p')[2] as HTMLElement;
    paragraph.replaceWith(paragraph.cloneNode(true));
    const map = createLiveMapper(doc, article);
    const range = map(...spanOf(article.text, 'Opposition leader Anya Koval'));
    expect(range?.toString()).toBe('Opposition leader Anya Koval');
    expect(range?.startContainer.isConnected).toBe(true);
  });
});

describe('hidden text and glued blocks', () => {
  // A hover card and a screen-reader-only span inside the article, and two blocks with no
  // whitespace between them: the reader sees "Ilsa Marrow" and a new paragraph.
  const HIDDEN = `<article><h1>Border talks resume</h1>
<p>Foreign Minister <a href="/p/marrow">Ilsa Marrow<span class="hover-card">Ilsa Marrow Minister since 2019 Follow</span></a> arrived in Vell on Monday for talks on the disputed border, the first such visit in a decade.<span class="sr-only">Advertisement</span></p>
<p>The talks lasted three hours, officials said, and both delegations agreed on a timetable for the demarcation of the remaining sections.</p><p>Opposition leader Anya Koval called the deal a betrayal and promised to block it in parliament, where her party holds enough seats to delay ratification.</p>
<p hidden>Koval Marrow Koval</p><template><p>Template text</p></template>
<p>Analysts in the capital said the agreement could still collapse if either government faced a serious challenge at home before the end of the year.</p>
</article>`;

  it('leaves hidden text out of the article and keeps blocks apart', () => {
    document.body.innerHTML = HIDDEN;
    const article = articleOf(document);
    expect(article.text).toContain('Foreign Minister Ilsa Marrow arrived in Vell');
    expect(article.text).not.toMatch(/Minister since|Advertisement|Koval Marrow|Template text/);
    expect(article.text).toContain('sections. Opposition leader Anya Koval');
  });

  it('still maps every article offset onto exactly the live text', () => {
    document.body.innerHTML = HIDDEN;
    const article = articleOf(document);
    const map = createSourceMapper(article);
    if (!map) throw new Error('no source');
    for (const phrase of ['Ilsa Marrow', 'arrived in Vell', 'sections.', 'Opposition leader']) {
      expect(map(...spanOf(article.text, phrase))?.toString()).toBe(phrase);
    }
    // A span across the added space covers the live text of both blocks.
    expect(map(...spanOf(article.text, 'sections. Opposition'))?.toString()).toBe(
      'sections.Opposition',
    );
  });
});
