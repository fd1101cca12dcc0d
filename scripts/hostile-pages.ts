/**
 * The hostile pages (issue 18), generated from small tables, for the hostile-page suite
 * (tests/e2e/hostile) and the `hostile` benchmark (scripts/bench/hostile.ts): poisoned globals,
 * Content-Security-Policy headers and meta tags, `<base>` tricks, huge and deep documents, a
 * 5 MB text node, mutation and `pushState` storms, pages that remove or move Dossier's host,
 * XSS payloads in text, titles and URLs, and documents that are not HTML or have no body.
 *
 * Every page says when its own scripted behaviour is over by setting `window.__hostileDone`,
 * and ends in the same state every time, so that the same page with and without Dossier can
 * be compared word for word.
 */

/** Seven paragraphs naming a foreign minister and quoting them (an article Dossier reads). */
export function ministerParagraphs(minister: string, surname: string, topic: string): string {
  return Array.from(
    { length: 7 },
    (_, i) =>
      `<p>Foreign Minister ${minister} arrived in the capital on day ${i + 1} of the talks on ${topic}. ` +
      `“We will not sign an agreement that leaves the hard questions open,” ${surname} said, ` +
      'adding that both delegations had brought new maps, new lawyers and new figures on transit fees.</p>',
  ).join('\n');
}

/** One hostile page. */
export interface Variant {
  /** Unique, URL-safe: the page's path. */
  name: string;
  /** What kind of trouble it is (for the report). */
  family: string;
  body: string;
  type?: string;
  headers?: Record<string, string>;
  /** A query string added to the page's URL (payloads in URLs). */
  query?: string;
  /** False where Dossier must stay idle (no body, not HTML): no ranges, no UI. */
  readable: boolean;
  /** Big pages: run a few at a time. */
  heavy?: boolean;
  /** After the page is done: point at the first official mention, as a reader would. */
  hover?: boolean;
}

const DONE = 'window.__hostileDone = true;';

/** HTML-escapes text (payloads must reach the page as text, never as markup). */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

interface PageParts {
  title?: string;
  head?: string;
  /** A script at the start of <head> (runs before anything else of the page). */
  early?: string;
  /** A script at the end of <body>; it must end with the DONE marker itself when `async`. */
  script?: string;
  /** True when `script` sets the DONE marker itself (later). */
  async?: boolean;
  article?: string;
  after?: string;
}

/** An article page naming a minister and quoting them, with the parts of a variant. */
export function articlePage(parts: PageParts = {}): string {
  const title = parts.title ?? 'Talks resume';
  const article =
    parts.article ??
    `<h1>Talks resume</h1>${ministerParagraphs('Amara Okafor', 'Okafor', 'water')}`;
  const done = parts.async ? '' : DONE;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${
    parts.early ? `<script>${parts.early}</script>` : ''
  }<title>${title}</title>${parts.head ?? ''}</head>
<body><main><article id="story">${article}</article></main>${parts.after ?? ''}
<script>${parts.script ?? ''}
${done}</script></body></html>`;
}

/** Built-ins a page may replace with something that throws. */
const POISONED = [
  'Array.prototype.map',
  'Array.prototype.filter',
  'Array.prototype.forEach',
  'Array.prototype.push',
  'Array.prototype.indexOf',
  'Array.prototype.includes',
  'Array.prototype.slice',
  'Array.prototype.sort',
  'Array.prototype.join',
  'Array.prototype.concat',
  'Array.prototype.reduce',
  'Array.from',
  'Object.keys',
  'Object.assign',
  'Object.defineProperty',
  'Object.entries',
  'Object.freeze',
  'JSON.parse',
  'JSON.stringify',
  'Promise.prototype.then',
  'Promise.resolve',
  'String.prototype.replace',
  'String.prototype.indexOf',
  'String.prototype.slice',
  'String.prototype.split',
  'String.prototype.trim',
  'String.prototype.toLowerCase',
  'RegExp.prototype.exec',
  'RegExp.prototype.test',
  'Function.prototype.call',
  'Function.prototype.apply',
  'Function.prototype.bind',
  'Math.random',
  'crypto.getRandomValues',
  'document.createElement',
  'document.createRange',
  'document.createTreeWalker',
  'document.querySelector',
  'document.querySelectorAll',
  'Node.prototype.appendChild',
  'Node.prototype.contains',
  'Node.prototype.cloneNode',
  'Element.prototype.attachShadow',
  'Element.prototype.getBoundingClientRect',
  'Element.prototype.closest',
  'EventTarget.prototype.addEventListener',
  'EventTarget.prototype.dispatchEvent',
  'Range.prototype.getBoundingClientRect',
  'Selection.prototype.getRangeAt',
  'customElements.define',
  'history.pushState',
  'window.postMessage',
  'console.error',
] as const;

/** Globals a page may remove (set to undefined). */
const REMOVED = [
  'MutationObserver',
  'IntersectionObserver',
  'Range',
  'CSS',
  'Highlight',
  'Map',
  'Set',
  'WeakMap',
  'Symbol',
  'Promise',
  'setTimeout',
  'requestAnimationFrame',
  'getSelection',
  'Intl',
  'TextEncoder',
  'structuredClone',
] as const;

function poisonVariants(): Variant[] {
  const poisoned = POISONED.filter((_, i) => i % 2 === 0 || i >= 34).map(
    (path, i): Variant => ({
      name: `poison-${i}-${path.replaceAll('.', '-').toLowerCase()}`,
      family: 'poisoned globals',
      readable: true,
      body: articlePage({
        early: `try { ${path} = function () { throw new Error('page poisoned ${path}'); }; } catch (e) {}`,
      }),
    }),
  );
  const removed = REMOVED.slice(0, 10).map(
    (name): Variant => ({
      name: `removed-${name.toLowerCase()}`,
      family: 'poisoned globals',
      readable: true,
      body: articlePage({
        early: `try { Object.defineProperty(window, '${name}', { value: undefined, writable: true, configurable: true }); } catch (e) {}`,
      }),
    }),
  );
  // Getters that throw on every read, and a Symbol.iterator that lies.
  const traps: Variant[] = [
    {
      name: 'trap-iterator',
      family: 'poisoned globals',
      readable: true,
      body: articlePage({
        early: `Array.prototype[Symbol.iterator] = function* () { throw new Error('page poisoned iteration'); };`,
      }),
    },
    {
      name: 'trap-document-body-getter',
      family: 'poisoned globals',
      readable: true,
      body: articlePage({
        early: `Object.defineProperty(Document.prototype, 'body', { get() { throw new Error('page trapped document.body'); } });`,
      }),
    },
    {
      name: 'trap-object-prototype-then',
      family: 'poisoned globals',
      readable: true,
      body: articlePage({
        early: `Object.prototype.then = function () { throw new Error('page made every object a thenable'); };`,
      }),
    },
  ];
  return [...poisoned, ...removed, ...traps];
}

const CSP = [
  "default-src 'none'",
  "default-src 'self'; style-src 'none'",
  "script-src 'none'",
  "style-src 'self'",
  "require-trusted-types-for 'script'; trusted-types 'none'",
  "default-src 'none'; sandbox allow-scripts",
];

function cspVariants(): Variant[] {
  const headers = CSP.map(
    (policy, i): Variant => ({
      name: `csp-header-${i}`,
      family: 'CSP',
      readable: true,
      headers: { 'content-security-policy': policy },
      // Under a policy that forbids inline scripts the page cannot say it is done: it is
      // done once parsed, which the marker in a <meta> stands for (see the runner).
      body: articlePage().replace('<head>', '<head><meta name="hostile-done" content="load">'),
    }),
  );
  const metas = CSP.slice(0, 5).map(
    (policy, i): Variant => ({
      name: `csp-meta-${i}`,
      family: 'CSP',
      readable: true,
      body: articlePage({
        head: `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
      }).replace('<head>', '<head><meta name="hostile-done" content="load">'),
    }),
  );
  return [...headers, ...metas];
}

function baseVariants(): Variant[] {
  const bases = [
    '<base href="javascript:window.__xss=1//">',
    '<base href="http://evil.example/">',
    '<base target="_top">',
    '<base href="/a/"><base href="/b/">',
    '<base href="data:text/html,<script>window.__xss=1</script>">',
  ];
  return bases.map((base, i) => ({
    name: `base-${i}`,
    family: '<base> tricks',
    readable: true,
    body: articlePage({ head: base }),
  }));
}

const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '"><script>window.__xss=1</script>',
  'javascript:window.__xss=1',
  '<svg onload=window.__xss=1>',
  '{{constructor.constructor("window.__xss=1")()}}',
  "';window.__xss=1;//",
  '</textarea><img src=x onerror=window.__xss=1>',
  '&lt;script&gt;window.__xss=1&lt;/script&gt;',
  '\u202e<b onclick=window.__xss=1>rtl</b>',
  '\u0024{window.__xss=1}', // a template-literal payload
];

function xssVariants(): Variant[] {
  const out: Variant[] = [];
  PAYLOADS.forEach((payload, i) => {
    const text = escapeHtml(payload);
    const quoted = `<p>Foreign Minister Amara Okafor spoke again. “${text} is not what we will sign,” Okafor said on the record.</p>`;
    out.push(
      {
        name: `xss-text-${i}`,
        family: 'XSS payloads',
        readable: true,
        // The payload in the page's address too.
        query: `q=${encodeURIComponent(payload)}&utm_source=${encodeURIComponent(payload)}`,
        body: articlePage({
          article: `<h1>Talks</h1>${ministerParagraphs('Amara Okafor', 'Okafor', 'water')}${quoted}`,
        }),
      },
      {
        name: `xss-title-${i}`,
        family: 'XSS payloads',
        readable: true,
        body: articlePage({ title: `${text} Talks resume` }),
      },

      {
        name: `xss-name-${i}`,
        family: 'XSS payloads',
        readable: true,
        hover: true,
        body: articlePage({
          article: `<h1>Talks</h1>${ministerParagraphs(`Amara ${text}Okafor`, 'Okafor', 'water')}`,
        }),
      },
    );
  });
  return out;
}

function hugeVariants(): Variant[] {
  const deepScript = (depth: number) =>
    `let at = document.getElementById('story');
for (let i = 0; i < ${depth}; i++) { const d = document.createElement('div'); at.appendChild(d); at = d; }
at.textContent = 'At the bottom, Foreign Minister Amara Okafor said nothing.';`;
  const names = Array.from({ length: 2_000 }, (_, i) => {
    const who = ['Amara Okafor', 'Tomas Lindgren', 'Ingrid Moreau', 'Kenji Sato', 'Lena Vogel'][
      i % 5
    ];
    return `<p>Foreign Minister ${who} met Secretary of State Antony Blinken, and Prime Minister Nikol Pashinyan joined President Ilham Aliyev and Minister ${who} on day ${i}.</p>`;
  }).join('');
  return [
    {
      name: 'deep-1000',
      family: 'huge and deep documents',
      readable: true,
      body: articlePage({ script: deepScript(1_000) }),
    },
    {
      // Deeper than Dossier reads (lib/dom/text-walk.ts), and as deep as Chromium alone renders
      // (it crashes the tab from about 3,000 levels): Readability used to hold the tab here for
      // over a minute.
      name: 'deep-2500',
      family: 'huge and deep documents',
      readable: true,
      heavy: true,
      body: articlePage({ script: deepScript(2_500) }),
    },
    {
      // Crashes the tab in Chromium with or without Dossier.
      name: 'deep-10000',
      family: 'huge and deep documents',
      readable: true,
      heavy: true,
      body: articlePage({ script: deepScript(10_000) }),
    },
    {
      name: 'deep-parser-10000',
      family: 'huge and deep documents',
      readable: true,
      heavy: true,
      body: articlePage({ after: `${'<div>'.repeat(10_000)}deep${'</div>'.repeat(10_000)}` }),
    },
    {
      name: 'wide-50000',
      family: 'huge and deep documents',
      readable: true,
      heavy: true,
      body: articlePage({
        script: `const f = document.createDocumentFragment();
for (let i = 0; i < 50000; i++) { const s = document.createElement('span'); s.textContent = i + ' '; f.appendChild(s); }
document.body.appendChild(f);`,
      }),
    },
    {
      name: 'text-5mb',
      family: 'huge and deep documents',
      readable: true,
      heavy: true,
      body: articlePage({
        script: `const p = document.createElement('p');
p.textContent = 'Foreign Minister Amara Okafor spoke. ' + 'word '.repeat(1000000);
document.getElementById('story').appendChild(p);`,
      }),
    },
    {
      name: 'names-10000',
      family: 'huge and deep documents',
      readable: true,
      heavy: true,
      hover: true,
      body: articlePage({ article: `<h1>The register</h1>${names}` }),
    },
    {
      name: 'title-1mb',
      family: 'huge and deep documents',
      readable: true,
      heavy: true,
      body: articlePage({ title: 'T'.repeat(1_000_000) }),
    },
    {
      name: 'frames-40',
      family: 'huge and deep documents',
      readable: true,
      heavy: true,
      body: articlePage({
        after: Array.from(
          { length: 40 },
          (_, i) => `<iframe srcdoc="<p>Frame ${i}: Minister Tomas Lindgren</p>"></iframe>`,
        ).join(''),
      }),
    },
  ];
}

/** A timer loop that runs `step(i)` `count` times, `every` ms apart, then marks the page done. */
const loop = (count: number, every: number, step: string, end = '') =>
  `let i = 0; const t = setInterval(() => { if (i >= ${count}) { clearInterval(t); ${end} ${DONE} return; } ${step}; i++; }, ${every});`;

function stormVariants(): Variant[] {
  const storm = (name: string, script: string): Variant => ({
    name,
    family: 'mutation and pushState storms',
    readable: true,
    body: articlePage({ script, async: true, after: '<aside id="ads"></aside>' }),
  });
  return [
    storm(
      'storm-ads',
      loop(
        300,
        5,
        `const ads = document.getElementById('ads'); ads.replaceChildren(); for (let k = 0; k < 20; k++) { const d = document.createElement('div'); d.textContent = 'Advert ' + i + '/' + k + ' '.repeat(30); ads.appendChild(d); }`,
        `document.getElementById('ads').replaceChildren();`,
      ),
    ),
    storm(
      'storm-characterdata',
      `const s = document.querySelector('#story p'); const orig = s.firstChild.data; ${loop(
        500,
        2,
        `s.firstChild.data = orig + ' ' + i`,
        `s.firstChild.data = orig;`,
      )}`,
    ),
    storm(
      'storm-attributes',
      loop(
        500,
        2,
        `for (const p of document.querySelectorAll('#story p')) p.setAttribute('data-n', String(i))`,
      ),
    ),
    storm(
      'storm-bulk-10000',
      `const f = document.createDocumentFragment(); for (let k = 0; k < 10000; k++) { const d = document.createElement('i'); d.textContent = 'x'; f.appendChild(d); } document.getElementById('ads').appendChild(f); setTimeout(() => { document.getElementById('ads').replaceChildren(); ${DONE} }, 500);`,
    ),
    storm(
      'storm-grow',
      loop(
        6,
        300,
        `const p = document.createElement('p'); p.textContent = 'Later, Foreign Minister Tomas Lindgren said the talks would continue into round ' + i + ' with new maps and new figures on transit fees for every delegation present.'; document.getElementById('story').appendChild(p)`,
      ),
    ),
    storm(
      'storm-pushstate-200',
      `for (let k = 0; k < 200; k++) history.pushState({}, '', '?p=' + k); history.pushState({}, '', location.pathname); ${DONE}`,
    ),
    storm(
      'storm-pushstate-swap',
      `const first = document.getElementById('story').innerHTML; ${loop(
        40,
        20,
        `history.pushState({}, '', '?n=' + i); document.getElementById('story').innerHTML = first.replaceAll('day ', 'round ' + i + ', day ')`,
        `history.pushState({}, '', location.pathname); document.getElementById('story').innerHTML = first;`,
      )}`,
    ),
    storm(
      'storm-replacestate',
      loop(
        300,
        2,
        `history.replaceState({}, '', '?r=' + i)`,
        `history.replaceState({}, '', location.pathname);`,
      ),
    ),
    storm(
      'storm-hash',
      loop(100, 5, `location.hash = 'h' + i`, `history.replaceState({}, '', location.pathname);`),
    ),
    storm(
      'storm-popstate',
      `for (let k = 0; k < 20; k++) history.pushState({}, '', '?b=' + k); ${loop(20, 20, 'history.back()', `history.replaceState({}, '', location.pathname);`)}`,
    ),
  ];
}

function hostVariants(): Variant[] {
  const attack = (name: string, script: string): Variant => ({
    name,
    family: "pages that remove or move Dossier's host",
    readable: true,
    body: articlePage({ script, async: true }),
  });
  const ended = (ms: number) => `setTimeout(() => { ${DONE} }, ${ms});`;
  return [
    attack(
      'host-removed-on-sight',
      `new MutationObserver((rs) => { for (const r of rs) for (const n of r.addedNodes) if (n.parentNode === document.documentElement && n !== document.head && n !== document.body) n.remove(); }).observe(document.documentElement, { childList: true }); ${ended(1500)}`,
    ),
    attack(
      'host-moved-into-body',
      `new MutationObserver((rs) => { for (const r of rs) for (const n of r.addedNodes) if (n.nodeType === 1 && n.parentNode === document.documentElement && n !== document.head && n !== document.body) document.body.prepend(n); }).observe(document.documentElement, { childList: true }); ${ended(1500)}`,
    ),
    attack(
      'host-removed-later',
      `setTimeout(() => { for (const n of [...document.documentElement.children]) if (n !== document.head && n !== document.body) n.remove(); ${DONE} }, 1500);`,
    ),
    attack(
      'host-into-template',
      `new MutationObserver((rs) => { for (const r of rs) for (const n of r.addedNodes) if (n.nodeType === 1 && n.parentNode === document.documentElement && n !== document.head && n !== document.body) document.querySelector('template')?.content.appendChild(n); }).observe(document.documentElement, { childList: true }); document.body.appendChild(document.createElement('template')); ${ended(1500)}`,
    ),
    attack(
      'host-hidden-by-css',
      `const s = document.createElement('style'); s.textContent = 'html > *:not(head):not(body) { display: none !important; } * { all: unset !important; }'; document.head.appendChild(s); ${ended(500)}`,
    ),
    attack(
      'custom-element-dossier-ui',
      `customElements.define('dossier-ui', class extends HTMLElement { constructor() { super(); throw new Error('the page forbids dossier-ui'); } }); ${ended(300)}`,
    ),
    attack(
      'custom-elements-everywhere',
      `const seen = new Set(); new MutationObserver(() => { for (const n of document.documentElement.children) { const t = n.localName; if (t.includes('-') && !seen.has(t) && !customElements.get(t)) { seen.add(t); try { customElements.define(t, class extends HTMLElement { constructor() { super(); throw new Error('upgraded ' + t); } }); } catch (e) {} } } }).observe(document.documentElement, { childList: true }); ${ended(1500)}`,
    ),
  ];
}

function documentVariants(): Variant[] {
  const svg = `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="400" height="100"><text x="5" y="30">Foreign Minister Amara Okafor said “no”.</text><script>${DONE}</script></svg>`;
  return [
    {
      name: 'no-body-at-domcontentloaded',
      family: 'not HTML or no body',
      readable: false,
      body: articlePage({
        early: `document.addEventListener('DOMContentLoaded', () => { document.body.remove(); ${DONE} });`,
        async: true,
      }),
    },
    {
      name: 'svg-document',
      family: 'not HTML or no body',
      readable: false,
      type: 'image/svg+xml',
      body: svg,
    },
    {
      name: 'xml-document',
      family: 'not HTML or no body',
      readable: false,
      type: 'application/xml',
      body: '<?xml version="1.0"?><report><p>Foreign Minister Amara Okafor said “no”.</p></report>',
    },
    {
      name: 'plain-text',
      family: 'not HTML or no body',
      readable: false,
      type: 'text/plain',
      body: 'Foreign Minister Amara Okafor said “no”. <script>window.__xss=1</script>',
    },
    {
      name: 'frameset',
      family: 'not HTML or no body',
      readable: false,
      body: `<!doctype html><html><head><title>Frames</title><script>${DONE}</script></head><frameset cols="50%,50%"><frame src="about:blank"><frame src="about:blank"></frameset></html>`,
    },
    {
      name: 'body-replaced-by-frameset',
      family: 'not HTML or no body',
      readable: false,
      body: articlePage({
        early: `document.addEventListener('DOMContentLoaded', () => { document.body.replaceWith(document.createElement('frameset')); ${DONE} });`,
        async: true,
      }),
    },
    {
      name: 'documentelement-replaced',
      family: 'not HTML or no body',
      readable: false,
      body: articlePage({
        early: `document.addEventListener('DOMContentLoaded', () => { document.documentElement.replaceWith(document.createElementNS('http://www.w3.org/2000/svg', 'svg')); ${DONE} });`,
        async: true,
      }),
    },
  ];
}

/** Every variant of the suite. */
export function hostileVariants(): Variant[] {
  const all = [
    ...poisonVariants(),
    ...cspVariants(),
    ...baseVariants(),
    ...xssVariants(),
    ...hugeVariants(),
    ...stormVariants(),
    ...hostVariants(),
    ...documentVariants(),
  ];
  const names = new Set(all.map((v) => v.name));
  if (names.size !== all.length) throw new Error('Two hostile variants share a name');
  return all;
}
