/**
 * Generates long policy-style pages (about 50,000 and 200,000 words) for the benchmark: varied
 * paragraphs with titled officials, surname mentions and quotations, around the usual chrome
 * (nav, aside, footer), so every stage of the pipeline has realistic work to do.
 */

const FIRST = ['Amara', 'Tomas', 'Leyla', 'Rafael', 'Ingrid', 'Kenji', 'Sofia', 'Dmitri', 'Nadia'];
const LAST = ['Okafor', 'Lindgren', 'Haddad', 'Moreau', 'Castillo', 'Varga', 'Sato', 'Novak'];
const TITLES = [
  'Foreign Minister',
  'Deputy Secretary of State',
  'Ambassador',
  'Prime Minister',
  'Energy Minister',
  'Senator',
];
const SENTENCES = [
  'The negotiations over the corridor resumed after a pause of several months.',
  'Officials from both capitals met again to discuss tariffs, transit fees and security.',
  'Analysts cautioned that the framework leaves the hardest questions unresolved.',
  'The proposal would link the offshore fields to the regional grid by the end of the decade.',
  'Observers noted that the financing terms have not yet been published.',
];

/** A deterministic generator, so every run benchmarks the same page. */
function* numbers(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield x;
  }
}

/** An HTML page whose article holds about `words` words. */
export function longPage(words: number): string {
  const rnd = numbers(words);
  const pick = <T>(list: readonly T[]): T => list[(rnd.next().value as number) % list.length] as T;
  const paragraphs: string[] = [];
  let count = 0;
  while (count < words) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const text =
      `${pick(TITLES)} ${first} ${last} spoke to reporters on Tuesday. ${pick(SENTENCES)} ` +
      `“We are closer than we have ever been, but nothing is agreed until everything is agreed,” ` +
      `${last} said. ${pick(SENTENCES)} ${pick(SENTENCES)}`;
    paragraphs.push(`<p>${text}</p>`);
    count += text.split(/\s+/).length;
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>A Long Policy Report (${words} words)</title></head><body>
<header><nav><a href="/">Home</a> <a href="/research">Research</a> <a href="/experts">Experts</a></nav></header>
<main><article><h1>A Long Policy Report</h1><p class="byline">By A. Writer</p>
${paragraphs.join('\n')}
</article><aside><h2>Related</h2><ul><li><a href="/a">Another report</a></li></ul></aside></main>
<footer>© Bench Institute</footer></body></html>`;
}
