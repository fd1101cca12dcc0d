/**
 * Specification of the article map: offsets into Readability's article text must land on the
 * same words on the live page, around navigation, asides and other text Readability dropped,
 * and must give null rather than the wrong words for text the page does not have.
 */
import { describe, expect, it } from 'vitest';
import { alignText, createArticleMapper } from '../../../lib/anchoring/article-map';
import { buildTextIndex } from '../../../lib/anchoring/text-index';
import { collapseWhitespace, extractArticle } from '../../../lib/article/extract';

const HEADLINE = 'Baku hosts talks on the Middle Corridor';

const PARAGRAPHS = [
  'Secretary of State Antony Blinken arrived in Baku on Monday for talks with President ' +
    'Aliyev on the Middle Corridor, the trade route that links Central Asia to Europe across ' +
    'the Caspian Sea.',
  '“We are at a crossroads,” Blinken told reporters after the meeting. “The choices made this ' +
    'year will shape the region for a generation.”',
  'Prime Minister Pashinyan, speaking in Yerevan, said that the peace agreement was close and ' +
    'that the remaining questions concerned the border commission.',
  'CPC Chief Executive Officer Efgan Nifti said the consortium would need new financing to ' +
    'expand capacity, and that talks with lenders had begun.',
];

/** A page with the article wrapped in navigation, a teaser repeating the headline, and asides. */
const PAGE = `
  <header>
    <nav><a href="/">Home</a> <a href="/energy">Energy</a> <a href="/about">About us</a></nav>
    <div class="teaser">Read next: <a href="#">${HEADLINE}</a></div>
  </header>
  <main>
    <article>
      <h1>${HEADLINE}</h1>
      <p>${PARAGRAPHS[0]}</p>
      <aside class="related">Related: President Aliyev visits Ankara</aside>
      <p>${PARAGRAPHS[1]}</p>
      <figure><img src="map.png" alt=""><figcaption>The route across the Caspian.</figcaption></figure>
      <p>${PARAGRAPHS[2]}</p>
      <p>${PARAGRAPHS[3]}</p>
    </article>
    <aside><h2>Most read</h2><ul><li>Prime Minister Pashinyan in Brussels</li></ul></aside>
  </main>
  <footer>© Caspian Policy Center. All rights reserved.</footer>`;

function rangeText(range: Range | null): string | null {
  return range ? collapseWhitespace(range.toString()) : null;
}

function mapPhrase(mapper: (s: number, e: number) => Range | null, text: string, phrase: string) {
  const start = text.indexOf(phrase);
  if (start < 0) throw new Error(`article text lacks ${phrase}`);
  return mapper(start, start + phrase.length);
}

describe('alignText', () => {
  it('maps article offsets onto the page text around dropped junk', () => {
    const page = 'Menu Home About. Intro paragraph here. Ad: buy now! Second paragraph here.';
    const article = 'Intro paragraph here. Second paragraph here.';
    const alignment = alignText(article, page);
    const start = article.indexOf('here. Second');
    const span = alignment.map(start, start + 'here. Second'.length);
    expect(span && page.slice(span.start, span.end)).toBe('here. Ad: buy now! Second');
    expect(alignment.coverage).toBe(1);
  });

  it('ignores whitespace differences between article and page', () => {
    const page = 'Title.First para ends.Second\u00a0para begins.';
    const article = 'Title. First para ends. Second para begins.';
    const alignment = alignText(article, page);
    const start = article.indexOf('Second para');
    const span = alignment.map(start, start + 'Second para'.length);
    expect(span && page.slice(span.start, span.end)).toBe('Second\u00a0para');
  });

  it('returns null for article text the page does not have, and maps the rest', () => {
    const page = 'Alpha beta gamma delta. Epsilon zeta eta theta iota kappa lambda mu nu.';
    const article =
      'Alpha beta gamma delta. [text only in the extracted copy, nowhere on the page] ' +
      'Epsilon zeta eta theta iota kappa lambda mu nu.';
    const alignment = alignText(article, page);
    const missing = article.indexOf('[text only');
    expect(alignment.map(missing, missing + 10)).toBeNull();
    const kept = article.indexOf('Epsilon');
    const span = alignment.map(kept, kept + 'Epsilon zeta'.length);
    expect(span && page.slice(span.start, span.end)).toBe('Epsilon zeta');
    expect(alignment.coverage).toBeLessThan(1);
  });

  it('keeps a paragraph start on the article side when junk begins with the same word', () => {
    const page = 'The policy matters. The newsletter: sign up today! The minister said yes.';
    const article = 'The policy matters. The minister said yes.';
    const alignment = alignText(article, page);
    const start = article.indexOf('The minister');
    const span = alignment.map(start, start + 'The minister said yes.'.length);
    expect(span && page.slice(span.start, span.end)).toBe('The minister said yes.');
  });

  it('does not move a full stop onto junk that ends like the previous paragraph', () => {
    const page = 'Prices rose sharply. Photo: AP. Next year they fell.';
    const article = 'Prices rose sharply. Next year they fell.';
    const alignment = alignText(article, page);
    const span = alignment.map(0, 'Prices rose sharply.'.length);
    expect(span && page.slice(span.start, span.end)).toBe('Prices rose sharply.');
  });

  it('maps every paragraph exactly on pages with junk from the same vocabulary in between', () => {
    // Seeded pseudo-random pages: junk between paragraphs often starts or ends with the same
    // words as the paragraphs around it, the hard case for telling where a block begins.
    const vocabulary = (
      'the of and to in a is that for on with as by at from policy energy minister said ' +
      'president agreement region security corridor pipeline Caspian Baku talks border peace'
    ).split(' ');
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const words = (n: number) =>
      Array.from({ length: n }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(
        ' ',
      );
    for (let trial = 0; trial < 100; trial++) {
      const paragraphs = Array.from(
        { length: 12 },
        () => `${words(5 + Math.floor(random() * 30))}.`,
      );
      const parts: string[] = [`Menu ${words(10)}`];
      const pageStarts: number[] = [];
      let length = parts[0]?.length ?? 0;
      for (const paragraph of paragraphs) {
        if (random() < 0.5) {
          const junk = `${words(1 + Math.floor(random() * 6))}${random() < 0.5 ? '.' : ''}`;
          parts.push(junk);
          length += 1 + junk.length;
        }
        pageStarts.push(length + 1);
        parts.push(paragraph);
        length += 1 + paragraph.length;
      }
      parts.push(words(20));
      const page = parts.join(' ');
      const article = paragraphs.join(' ');
      const alignment = alignText(article, page);
      let offset = 0;
      paragraphs.forEach((paragraph, i) => {
        const start = pageStarts[i] as number;
        expect(alignment.map(offset, offset + paragraph.length)).toEqual({
          start,
          end: start + paragraph.length,
        });
        offset += paragraph.length + 1;
      });
    }
  });

  it('does not let a headline repeated in the page chrome capture the article', () => {
    const body = 'The article body follows the headline and goes on for a good while longer.';
    const page = `Read next: ${HEADLINE}. Home. ${HEADLINE} ${body}`;
    const article = `${HEADLINE} ${body}`;
    const span = alignText(article, page).map(0, HEADLINE.length);
    expect(span?.start).toBe(page.lastIndexOf(HEADLINE));
  });

  it('keeps soft hyphens as ordinary characters on both sides', () => {
    const page = 'menu. The Cas\u00adpian Sea route. footer';
    const article = 'The Cas\u00adpian Sea route.';
    const span = alignText(article, page).map(4, 16);
    expect(span && page.slice(span.start, span.end)).toBe('Cas\u00adpian Sea');
  });

  it('returns null for spans of whitespace or outside the article', () => {
    const alignment = alignText('one two', 'one two');
    expect(alignment.map(3, 4)).toBeNull();
    expect(alignment.map(10, 12)).toBeNull();
  });
});

describe('createArticleMapper', () => {
  it('maps Readability text of a page with nav and asides onto live ranges in the article', () => {
    document.body.innerHTML = PAGE;
    const result = extractArticle(document, { force: true });
    if (!result.ok) throw new Error(result.message);
    const text = result.article.text;
    expect(text).not.toContain('Most read');
    const mapper = createArticleMapper(text, buildTextIndex(document.body));
    const article = document.querySelector('article') as HTMLElement;

    for (const phrase of [
      'Secretary of State Antony Blinken',
      'President Aliyev',
      'Prime Minister Pashinyan',
      'CPC Chief Executive Officer Efgan Nifti',
      '“We are at a crossroads,” Blinken told reporters',
    ]) {
      const range = mapPhrase(mapper, text, phrase);
      expect(rangeText(range)).toBe(phrase);
      expect(article.contains(range?.commonAncestorContainer ?? null)).toBe(true);
    }
  });

  it('maps every sentence of the article to exactly its words on the page', () => {
    document.body.innerHTML = PAGE;
    const result = extractArticle(document, { force: true });
    if (!result.ok) throw new Error(result.message);
    const text = result.article.text;
    const mapper = createArticleMapper(text, buildTextIndex(document.body));
    const sentences = PARAGRAPHS.flatMap((p) => p.split(/(?<=\.) /));
    for (const sentence of sentences) {
      expect(rangeText(mapPhrase(mapper, text, sentence))).toBe(sentence);
    }
  });

  it('returns null when the page no longer has the text', () => {
    document.body.innerHTML = PAGE;
    const result = extractArticle(document, { force: true });
    if (!result.ok) throw new Error(result.message);
    const text = result.article.text;
    const paragraph = [...document.querySelectorAll('article p')].find((p) =>
      p.textContent?.includes('Efgan Nifti'),
    );
    paragraph?.remove();
    const mapper = createArticleMapper(text, buildTextIndex(document.body));
    expect(mapPhrase(mapper, text, 'Efgan Nifti')).toBeNull();
    expect(rangeText(mapPhrase(mapper, text, 'Prime Minister Pashinyan'))).toBe(
      'Prime Minister Pashinyan',
    );
  });
});
