/**
 * One page's formatted reference (APA), for "Copy citation". Apart from `citation.ts` because
 * formatting needs citeproc-js with its styles and locales (plugin-csl, about 640 KB minified):
 * only a click on "Copy citation" loads it.
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { type PageMetadata, toCslItem } from './citation';

/**
 * One page's reference in APA style, as plain text for the clipboard ("Copy citation"). The
 * site is named once, as the website, not again as its publisher.
 */
export function formatReference(page: PageMetadata, { now }: { now: Date }): string {
  const { publisher: _publisher, ...item } = toCslItem(page, { now });
  const text = new Cite([item]).format('bibliography', {
    format: 'text',
    template: 'apa',
    lang: 'en-US',
  }) as string;
  return text.trim();
}
