/**
 * Page identity. Annotations belong to a normalised URL, so that two tabs on the same article
 * (one reached from a newsletter with `utm_*` tags, one with a `#section` fragment) share them.
 * The rule (DESIGN.md): the page's `<link rel=canonical>` when it is on the same site, otherwise
 * the page's own URL without fragment and without tracking parameters.
 */

/** Query parameters that identify a campaign or a click, never the document. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  '__hssc',
  '__hstc',
  '__hsfp',
  'hsctatracking',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'vero_conv',
  'ref_src',
  'ref_url',
  'cmpid',
  's_cid',
  'sr_share',
  'spm',
]);

/** Prefixes of tracking parameter families (`utm_source`, `pk_campaign`, …). */
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hmb_', 'ga_', 'stm_'];

function isTrackingParam(name: string): boolean {
  const key = name.toLowerCase();
  return TRACKING_PARAMS.has(key) || TRACKING_PREFIXES.some((p) => key.startsWith(p));
}

/** Second-level labels under which a country code domain registers names (`bbc.co.uk`). */
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'or', 'ne', 'go']);

/**
 * The registrable part of a hostname ("www.brookings.edu" → "brookings.edu"). A small heuristic
 * rather than the whole Public Suffix List: it only decides whether a canonical link may be
 * trusted, and erring towards "not same site" just keeps the page's own URL.
 */
export function siteOf(hostname: string): string {
  const labels = hostname.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length <= 2 || /^\d+$/.test(labels.at(-1) ?? '')) return labels.join('.');
  const tld = labels.at(-1) ?? '';
  const second = labels.at(-2) ?? '';
  const keep = tld.length === 2 && SECOND_LEVEL.has(second) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** The URL without fragment, tracking parameters, default port or an empty query. */
export function cleanUrl(href: string): string {
  const url = new URL(href);
  url.hash = '';
  // Names are gathered with forEach, not by spreading `keys()`: in a Firefox content script
  // `URL` is the page's, seen through an Xray wrapper, and the iterators its methods return
  // are not iterable there ("url.searchParams.keys() is not iterable").
  const names: string[] = [];
  url.searchParams.forEach((_value, name) => {
    names.push(name);
  });
  for (const name of names) {
    if (isTrackingParam(name)) url.searchParams.delete(name);
  }
  let out = url.toString();
  if (out.endsWith('?')) out = out.slice(0, -1);
  return out;
}

/**
 * The identity of a page: its same-site canonical URL if it declares one, else its own URL,
 * cleaned either way. Throws only if `pageHref` itself is not a URL.
 */
export function normalizePageUrl(pageHref: string, canonicalHref?: string | null): string {
  const page = new URL(pageHref);
  if (canonicalHref?.trim()) {
    try {
      const canonical = new URL(canonicalHref.trim(), page);
      if (
        isWebUrl(canonical.href) &&
        isWebUrl(page.href) &&
        siteOf(canonical.hostname) === siteOf(page.hostname)
      ) {
        return cleanUrl(canonical.href);
      }
    } catch {
      // A malformed canonical link is the page's problem, not a reason to lose its identity.
    }
  }
  return cleanUrl(page.href);
}

/** The identity of the page a `Document` shows (reads its canonical link, if any). */
export function pageUrlOf(doc: Document): string {
  const link = doc.querySelector<HTMLLinkElement>('link[rel~="canonical" i][href]');
  return normalizePageUrl(doc.location?.href ?? doc.URL, link?.getAttribute('href'));
}

/**
 * True for an absolute http: or https: address. The one check
 * behind every place that turns a stored or imported address into a link or a page identity:
 * an address from a file or a message could be `javascript:`, `data:` or `file:`.
 */
export function isWebUrl(value: string): boolean {
  const known = webUrlAnswers.get(value);
  if (known !== undefined) return known;
  let answer = false;
  try {
    const u = new URL(value);
    answer = u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    // Not an address at all.
  }
  if (webUrlAnswers.size >= WEB_URL_ANSWERS) webUrlAnswers.clear();
  webUrlAnswers.set(value, answer);
  return answer;
}

/** How many addresses `isWebUrl` remembers before it starts again. */
const WEB_URL_ANSWERS = 2048;

/**
 * Recent answers of `isWebUrl`. Why: an imported file of 10,000 notes names a few hundred
 * pages, each note checked on its own, and parsing the same address again for every note was
 * about a sixth of the time the background spent checking the file (its CPU profile).
 */
const webUrlAnswers = new Map<string, boolean>();

/** The address as a link target, or null when it is not http(s) and must never be clickable. */
export function webHref(url: string): string | null {
  return isWebUrl(url) ? new URL(url).href : null;
}
