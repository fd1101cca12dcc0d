import { describe, expect, it, vi } from 'vitest';
import { cleanUrl, isWebUrl, normalizePageUrl, pageUrlOf, siteOf, webHref } from '../../lib/url';
import { setPageUrl } from '../helpers/dom';

describe('normalizePageUrl', () => {
  it.each([
    [
      'drops the fragment',
      'https://www.csis.org/analysis/x#section-2',
      'https://www.csis.org/analysis/x',
    ],
    [
      'drops utm_* and click ids but keeps real parameters',
      'https://www.rand.org/pubs/x.html?utm_source=nl&utm_medium=email&id=7&fbclid=abc&gclid=z',
      'https://www.rand.org/pubs/x.html?id=7',
    ],
    ['drops an empty query left behind', 'https://cfr.org/a?utm_campaign=x', 'https://cfr.org/a'],
    [
      'lowercases the host and drops the default port',
      'https://WWW.Brookings.EDU:443/a/B',
      'https://www.brookings.edu/a/B',
    ],
    [
      'keeps a path case and trailing slash as the site serves them',
      'https://ecfr.eu/Article/',
      'https://ecfr.eu/Article/',
    ],
    [
      'keeps parameters that name the document',
      'https://example.org/view?doc=12&page=3',
      'https://example.org/view?doc=12&page=3',
    ],
  ])('%s', (_why, input, expected) => {
    expect(normalizePageUrl(input)).toBe(expected);
  });

  it('uses a same-site canonical link, cleaned', () => {
    expect(
      normalizePageUrl(
        'https://www.caspianpolicy.org/research/x?utm_source=tw',
        'https://caspianpolicy.org/research/x?utm_medium=social#top',
      ),
    ).toBe('https://caspianpolicy.org/research/x');
  });

  it('resolves a relative canonical link against the page', () => {
    expect(normalizePageUrl('https://www.iiss.org/blogs/2024/a?ref_src=x', '/blogs/2024/a')).toBe(
      'https://www.iiss.org/blogs/2024/a',
    );
  });

  it('ignores a canonical link to another site (a syndicated or hostile page)', () => {
    expect(
      normalizePageUrl('https://www.stimson.org/2024/a/', 'https://aggregator.example.com/copy'),
    ).toBe('https://www.stimson.org/2024/a/');
  });

  it('ignores a canonical link that is not http(s) or not a URL', () => {
    expect(normalizePageUrl('https://rusi.org/a', 'javascript:alert(1)')).toBe(
      'https://rusi.org/a',
    );
    expect(normalizePageUrl('https://rusi.org/a', 'http://[bad')).toBe('https://rusi.org/a');
    expect(normalizePageUrl('https://rusi.org/a', '   ')).toBe('https://rusi.org/a');
  });

  it('treats country-code second-level domains as one site', () => {
    expect(siteOf('www.bbc.co.uk')).toBe('bbc.co.uk');
    expect(siteOf('news.bbc.co.uk')).toBe('bbc.co.uk');
    expect(siteOf('www.chathamhouse.org')).toBe('chathamhouse.org');
    expect(normalizePageUrl('https://www.bbc.co.uk/a', 'https://evil.co.uk/a')).toBe(
      'https://www.bbc.co.uk/a',
    );
  });

  it('keeps tracking-looking names that are not tracking parameters', () => {
    expect(cleanUrl('https://a.org/p?utmost=1&source=2')).toBe('https://a.org/p?utmost=1&source=2');
  });

  it('throws on something that is not a URL at all', () => {
    expect(() => normalizePageUrl('not a url')).toThrow();
  });
});

describe('pageUrlOf', () => {
  it('uses the canonical link of the window document when same-site', () => {
    setPageUrl('https://www.csis.org/analysis/real?utm_source=x#p');
    document.head.innerHTML = '<link rel="Canonical" href="/analysis/real">';
    expect(pageUrlOf(document)).toBe('https://www.csis.org/analysis/real');
  });

  it('falls back to the cleaned page URL without a canonical link', () => {
    setPageUrl('https://www.csis.org/analysis/real?utm_source=x#p');
    document.head.innerHTML = '';
    expect(pageUrlOf(document)).toBe('https://www.csis.org/analysis/real');
  });
});

describe('cleanUrl in a Firefox content script', () => {
  it('cleans a URL whose parameter iterators are not iterable (the page’s URL seen through an Xray)', () => {
    // In Firefox a content script's `URL` is the page's behind an Xray wrapper, and the
    // iterators its methods return have no Symbol.iterator there: spreading `keys()` threw,
    // and Dossier stopped on every page before painting anything.
    const keys = vi
      .spyOn(URLSearchParams.prototype, 'keys')
      .mockImplementation(() => ({ next: () => ({ done: true, value: undefined }) }) as never);
    try {
      expect(cleanUrl('https://www.csis.org/a?utm_source=x&id=7&fbclid=y#p')).toBe(
        'https://www.csis.org/a?id=7',
      );
    } finally {
      keys.mockRestore();
    }
  });
});

describe('isWebUrl and webHref', () => {
  it('accept http and https addresses only', () => {
    expect(isWebUrl('https://www.csis.org/a')).toBe(true);
    expect(isWebUrl('http://example.org/')).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(isWebUrl(bad)).toBe(false);
    }
  });

  it('give the same answer for an address asked again, among thousands of others', () => {
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 5000; i++) {
        expect(isWebUrl(`https://www.csis.org/page-${i % 3000}`)).toBe(true);
        if (i % 500 === 0) expect(isWebUrl(`javascript:alert(${i})`)).toBe(false);
      }
    }
  });

  it('turn only web addresses into link targets', () => {
    expect(webHref('https://www.csis.org/a?b=1')).toBe('https://www.csis.org/a?b=1');
    expect(webHref('javascript:alert(1)')).toBeNull();
    expect(webHref('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(webHref('not a url')).toBeNull();
  });
});
