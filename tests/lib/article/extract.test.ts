/**
 * Article extraction: Readability on a clone, collapsed text, block breaks, and a clear
 * "not an article" result. Pages are built here from invented text.
 */
import { describe, expect, it } from 'vitest';
import { detectInArticle, detectInArticleInSteps } from '../../../lib/analysis/pipeline';
import {
  collapseWhitespace,
  extractArticle,
  extractArticleInSteps,
  textAndBreaks,
} from '../../../lib/article/extract';
import { MAX_TEXT_DEPTH } from '../../../lib/dom/text-walk';

const PARAGRAPHS = [
  'Foreign Minister Ilsa Marrow arrived in Vell on Monday for talks on the disputed border, the first such visit in a decade, and met her counterpart for three hours behind closed doors.',
  '“We are ready to sign,” Marrow said after the meeting, adding that both delegations had agreed on a timetable for the demarcation of the remaining sections of the frontier.',
  'Opposition leader Anya Koval called the deal “a betrayal of voters” and promised to block it in parliament, where her party holds enough seats to delay ratification until the autumn.',
  'Analysts in the capital said the agreement could still collapse if either government faced a serious challenge at home before the end of the year, as has happened twice before.',
];

function page(body: string, head = '<title>Border talks resume</title>'): Document {
  return new DOMParser().parseFromString(
    `<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`,
    'text/html',
  );
}

function articlePage(): Document {
  return page(
    `<header><nav><a href="/">Home</a></nav></header><article><h1>Border talks resume</h1><p class="byline">By Priya Anand</p>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}</article><footer>© Example</footer>`,
  );
}

describe('extractArticle', () => {
  it('returns the article text with whitespace collapsed, and its metadata', () => {
    const result = extractArticle(articlePage());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { article } = result;
    expect(article.title).toBe('Border talks resume');
    expect(article.text).toContain(PARAGRAPHS[0]);
    expect(article.text).not.toMatch(/\s{2}|\n/);
    expect(article.wordCount).toBeGreaterThan(100);
    expect(article.lang).toBe('en');
  });

  it('marks where each paragraph starts', () => {
    const result = extractArticle(articlePage());
    if (!result.ok) throw new Error(result.message);
    const { text, breaks } = result.article;
    for (const p of PARAGRAPHS.slice(1)) expect(breaks).toContain(text.indexOf(p));
    expect([...breaks].sort((a, b) => a - b)).toEqual(breaks);
  });

  it('leaves the page it was given untouched', () => {
    const doc = articlePage();
    const before = doc.documentElement.outerHTML;
    extractArticle(doc);
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('says "not an article" for a page with no article, instead of throwing', () => {
    const result = extractArticle(page('<nav><a href="/a">A</a> <a href="/b">B</a></nav>'));
    expect(result).toMatchObject({ ok: false, reason: 'not-article' });
  });

  it('says "not an article" for an empty page even when forced', () => {
    const result = extractArticle(page(''), { force: true });
    expect(result).toMatchObject({ ok: false, reason: 'not-article' });
  });
});

describe('textAndBreaks', () => {
  function element(html: string): Element {
    const root = document.createElement('div');
    root.innerHTML = html;
    return root;
  }

  it('collapses the text as Readability users do and maps block starts through it', () => {
    const root = element(
      '<div><p>  One   two. </p>\n\n<p>Three\tfour.</p><ul><li>Five</li></ul></div>',
    );
    const { text, breaks } = textAndBreaks(root);
    // As textContent, except that blocks never glue ("four.Five").
    expect(text).toBe(
      collapseWhitespace(root.textContent ?? '').replace('four.Five', 'four. Five'),
    );
    expect(text).toBe('One two. Three four. Five');
    expect(breaks.map((b) => text.slice(b, b + 4))).toEqual(['Thre', 'Five']);
  });

  it('places a break that falls inside a run of spaces at the next word', () => {
    const { text, breaks } = textAndBreaks(element('<p>Alpha  </p>   <p>  Beta</p><br>Gamma'));
    // textContent would glue "BetaGamma" across the <br>; the reader sees two lines.
    expect(text).toBe('Alpha Beta Gamma');
    expect(breaks.map((b) => text.slice(b))).toEqual(['Beta Gamma', 'Gamma']);
  });

  it('keeps soft hyphens and gives no break at the very start or end', () => {
    const { text, breaks } = textAndBreaks(element('<p>Netan\u00adyahu said</p>'));
    expect(text).toBe('Netan\u00adyahu said');
    expect(breaks).toEqual([]);
  });
});

describe('extraction and detection in stages', () => {
  it('pause between the clone, Readability and reading the text, and give the same result', () => {
    const doc = articlePage();
    const steps = extractArticleInSteps(doc, { live: true });
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    expect(pauses).toBe(2);
    const staged = step.value;
    expect(staged).toEqual(extractArticle(doc, { live: true }));

    const detection = detectInArticleInSteps(staged);
    let detectPauses = 0;
    let found = detection.next();
    for (; !found.done; found = detection.next()) detectPauses++;
    expect(detectPauses).toBe(2);
    expect(found.value).toEqual(detectInArticle(staged));
    expect(found.value.officials.map((o) => o.name)).toContain('Ilsa Marrow');
  });
});

describe('what the reader does not see', () => {
  it.each([
    ['the hidden attribute', '<span hidden>Adam Smith</span>'],
    ['aria-hidden', '<span aria-hidden="true">Adam Smith</span>'],
    ['an inline display: none', '<span style="color:red; display: none">Adam Smith</span>'],
    ['an inline visibility: hidden', '<span style="visibility:hidden">Adam Smith</span>'],
    ['a screen-reader-only class', '<span class="sr-only">Adam Smith</span>'],
    ['a visually-hidden class', '<span class="u-visually-hidden">Adam Smith</span>'],
    ['a hover card', '<div class="author-hovercard">Adam Smith</div>'],
    ['a template', '<template>Adam Smith</template>'],
  ])('is dropped when hidden by %s, and the name beside it stays whole', (_, hidden) => {
    const result = extractArticle(
      page(
        `<article><h1>Border talks resume</h1>${PARAGRAPHS.map((p, i) => `<p>${i === 1 ? `Senator David Okoro${hidden} spoke. ` : ''}${p}</p>`).join('')}</article>`,
      ),
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.article.text).toContain('Senator David Okoro spoke.');
    expect(result.article.text).not.toContain('Adam Smith');
    const names = detectInArticle(result).officials.map((o) => o.name);
    expect(names).toContain('David Okoro');
  });

  it.each([
    ['clips its overflow', 'overflow-hidden'],
    ['hides on phones only', 'mobile-hidden'],
    ['hides on small screens only', 'card sm-hide'],
    ['hides when printed', 'print-hidden'],
  ])('keeps a quotation in an element whose class %s', (_, cls) => {
    const quote = '“We will not sign this deal,” Senator David Okoro said.';
    const result = extractArticle(
      page(
        `<article><h1>Border talks resume</h1>${PARAGRAPHS.map((p, i) => (i === 1 ? `<p>${p}</p><div class="${cls}">${quote}</div>` : `<p>${p}</p>`)).join('')}</article>`,
      ),
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.article.text).toContain(quote);
    expect(detectInArticle(result).quotes.map((q) => q.text)).toContain(
      'We will not sign this deal,',
    );
  });

  it('keeps a long stretch that only a class name calls hidden (a script may reveal it)', () => {
    const long = PARAGRAPHS.join(' ');
    const result = extractArticle(
      page(
        `<article><h1>Border talks resume</h1><div class="hidden"><p>${long}</p></div></article>`,
      ),
      { force: true },
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.article.text).toContain(PARAGRAPHS[2]);
  });
});

describe('a page nested deeper than Dossier reads', () => {
  /** The article page with a chain of `depth` divs in the article, text at its bottom. */
  function deepPage(depth: number): Document {
    const doc = articlePage();
    let at: Element = doc.querySelector('article') as Element;
    for (let i = 0; i < depth; i++) at = at.appendChild(doc.createElement('div'));
    at.textContent = 'Deep down, Minister Oren Vale said nothing at all.';
    return doc;
  }

  it('reads the article and leaves out the text below the depth bound, as the text index does', () => {
    const result = extractArticle(deepPage(MAX_TEXT_DEPTH), { live: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.article.text).toContain(PARAGRAPHS[3]);
    expect(result.article.text).not.toContain('Deep down');
  });

  it('keeps text above the bound', () => {
    const result = extractArticle(deepPage(20));
    expect(result.ok && result.article.text).toContain('Deep down, Minister Oren Vale');
  });

  it('leaves the deep page itself untouched', () => {
    const doc = deepPage(MAX_TEXT_DEPTH);
    const before = doc.body.textContent;
    extractArticle(doc);
    expect(doc.body.textContent).toBe(before);
    expect(doc.body.textContent).toContain('Deep down');
  });
});

describe('a line break inside a paragraph', () => {
  /** The article page with one more paragraph, given as HTML. */
  function withParagraph(html: string): Document {
    return page(
      `<article><h1>Border talks resume</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}<p>${html}</p></article>`,
    );
  }

  it('lists a single <br> as a line break, not a paragraph (textContent runs on across it)', () => {
    const result = extractArticle(
      withParagraph('Koval said: “Anyone who breaks it<br>will be prosecuted.”'),
    );
    if (!result.ok) throw new Error(result.message);
    const { text, breaks, lineBreaks } = result.article;
    const at = text.indexOf('will be prosecuted');
    expect(breaks).toContain(at);
    expect(lineBreaks).toEqual([at]);
  });

  it('does not list two <br> in a row or a paragraph start as line breaks', () => {
    const result = extractArticle(
      withParagraph('Koval said: “The first line.<br><br>The second line.”'),
    );
    if (!result.ok) throw new Error(result.message);
    const { text, breaks, lineBreaks } = result.article;
    expect(breaks).toContain(text.indexOf('The second line'));
    expect(lineBreaks).toEqual([]);
  });

  it('keeps a quotation across a <br> whole, and one across paragraphs split', () => {
    const one = extractArticle(
      withParagraph('Koval said: “Anyone who breaks it<br>will be prosecuted.”'),
    );
    expect(detectInArticle(one).quotes.map((q) => q.text)).toContain(
      'Anyone who breaks it will be prosecuted.',
    );
    const two = extractArticle(
      page(
        `<article><h1>Border talks resume</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}<p>Koval said: “Anyone who breaks it</p><p>will be prosecuted.”</p></article>`,
      ),
    );
    const texts = detectInArticle(two).quotes.map((q) => q.text);
    expect(texts).toContain('Anyone who breaks it');
    expect(texts).not.toContain('Anyone who breaks it will be prosecuted.');
  });
});
