/**
 * Stage one of finding people: name runs. Maximal runs of capitalised words within a sentence,
 * each split into leading junk ("The", "But"), a title prefix ("Israeli Prime Minister") and the
 * name itself; runs that are institutions or places give no name. Evidence (evidence.ts) and
 * coreference (people.ts) work on these runs.
 */
import {
  EAST_ASIAN_SURNAMES,
  GIVEN_NAMES,
  NAME_PARTICLES,
  OFFICIAL_ROLES,
  ORG_WORDS,
  PERSON_PRONOUNS,
  PRESS_ROLES,
  TITLE_CONNECTORS,
  TITLE_HEADS,
  TITLE_WORDS,
} from './lexicon';
import type { Token } from './tokens';
import {
  W_ARABIC,
  W_CONNECTOR,
  W_NAME,
  W_NOT_NAME,
  W_ORG,
  W_PARTICLE,
  W_TITLEISH,
} from './word-class';

/** A run of capitalised words: token indexes `[from, to)`. */
export interface Run {
  /** Index of the first token in `tokens`. */
  from: number;
  /** Index after the last token. */
  to: number;
}

/** A run split into its parts (see `splitRun`): token indexes. */
export interface RunParts {
  junkFrom: number;
  prefixFrom: number;
  nameFrom: number;
  nameTo: number;
}

/** An acronym ("NATO", "U.N."): an organisation, not a name. */
export const ACRONYM = /^\p{Lu}[\p{Lu}\d&.]+$/u;

/** Could this token be part of a title? (See word-class.ts.) */
export function isTitleish(t: Token): boolean {
  return (t.lex & W_TITLEISH) !== 0;
}

/** Could this token be part of a personal name? (See word-class.ts.) */
export function isNameToken(t: Token): boolean {
  return (t.lex & W_NAME) !== 0;
}

/** Maximal runs of capitalised words separated by single spaces, within one sentence. */
export function capitalisedRuns(text: string, tokens: readonly Token[]): Run[] {
  const runs: Run[] = [];
  let from = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const prev = tokens[i - 1];
    const inRun =
      t.cap ||
      t.initial ||
      (from >= 0 && (t.lex & W_ARABIC) !== 0) ||
      (from >= 0 &&
        (t.lex & W_PARTICLE) !== 0 &&
        (!!tokens[i + 1]?.cap ||
          (NAME_PARTICLES.has(tokens[i + 1]?.low ?? '') && !!tokens[i + 2]?.cap)));
    const joins =
      from >= 0 &&
      prev !== undefined &&
      !prev.poss &&
      prev.sentence === t.sentence &&
      text.slice(prev.end, t.start) === ' ';
    if (inRun && joins) continue;
    if (from >= 0) runs.push({ from, to: i });
    from = inRun ? i : -1;
  }
  if (from >= 0) runs.push({ from, to: tokens.length });
  return runs;
}

/**
 * Splits a run into leading junk ("The", "But"), a title prefix ("Israeli Prime Minister") and
 * the name. Returns null when the run holds no name (an organisation, a place, a month).
 */
export function splitRun(tokens: readonly Token[], run: Run): RunParts | null {
  let i = run.from;
  while (
    i < run.to &&
    ((tokens[i] as Token).lex & W_NOT_NAME) !== 0 &&
    !(tokens[i] as Token).initial
  )
    i++;
  // Press words opening a run ("Credit Jane Roe") count as junk, but are kept for the caller.
  while (i < run.to && PRESS_ROLES.has((tokens[i] as Token).low) && i + 1 < run.to) i++;
  const prefixFrom = i;
  while (
    i < run.to &&
    ((isTitleish(tokens[i] as Token) && !isLikelyName(tokens, i, run.to)) ||
      nationalityBeforeTitle(tokens, i, run.to))
  ) {
    i++;
  }
  // "Snapchat CEO Jane Roe", "Fennix Chief Executive Jane Roe": an unknown organisation name
  // before a title; the name starts after the last title head in the run.
  for (let k = run.to - 2; k >= i; k--) {
    const t = tokens[k] as Token;
    if (
      (TITLE_HEADS.has(t.low) || OFFICIAL_ROLES.has(t.low)) &&
      !t.poss &&
      isNameToken(tokens[k + 1] as Token)
    ) {
      if (k >= i) i = k + 1;
      break;
    }
  }
  // "Chair of the Harbour Trust Council Nadia Ferro": a title's complement that names a body
  // ends at its last organisation word; a two-word (or longer) name may follow it.
  const opener = tokens[run.from - 1];
  if (opener && (opener.lex & W_CONNECTOR) !== 0) {
    for (let k = run.to - 3; k >= i; k--) {
      const t = tokens[k] as Token;
      if ((t.lex & W_ORG) === 0 || t.poss) continue;
      let all = true;
      for (let m = k + 1; m < run.to; m++) if (!isNameToken(tokens[m] as Token)) all = false;
      if (all) i = k + 1;
      break;
    }
  }
  let nameFrom = i;
  let nameTo = i;
  while (nameTo < run.to) {
    const t = tokens[nameTo] as Token;
    const particle = NAME_PARTICLES.has(t.low) && nameTo > nameFrom && nameTo + 1 < run.to;
    // "Liu He": inside a run, a capitalised "He" after an East Asian surname is a given name.
    const given =
      nameTo > nameFrom &&
      PERSON_PRONOUNS.has(t.low) &&
      EAST_ASIAN_SURNAMES.has((tokens[nameTo - 1] as Token).low);
    if (!isNameToken(t) && !particle && !given) break;
    nameTo++;
    if (t.poss) break;
  }
  if (nameTo === nameFrom) return null;
  // The name must end the run, or be followed only by a month/day ("Smith Tuesday" is rare):
  // a run that goes on with organisation words is an institution ("Obama Foundation").
  const next = tokens[nameTo];
  if (nameTo < run.to && next && (ORG_WORDS.has(next.low) || ACRONYM.test(next.word))) return null;
  if (orgLaterInRun(tokens, nameTo, run.to)) return null;
  // Drop trailing initials ("… Bush H.").
  while (nameTo - nameFrom > 1 && (tokens[nameTo - 1] as Token).initial) nameTo--;
  // Long runs after a connector ("Mayor of Springfield John Smith"): start at a given name,
  // else keep the last two words.
  const before = tokens[run.from - 1];
  if (
    nameTo - nameFrom >= 3 &&
    before &&
    TITLE_CONNECTORS.has(before.low) &&
    !GIVEN_NAMES.has((tokens[nameFrom] as Token).low)
  ) {
    let given = false;
    for (let k = nameFrom + 1; k < nameTo - 1; k++) {
      if (GIVEN_NAMES.has((tokens[k] as Token).low)) {
        nameFrom = k;
        given = true;
        break;
      }
    }
    // "Special Representative for the Caspian Basin Aurelio Bassani": the complement names a
    // place or body and ends before the person, whose name is most often two words.
    if (!given) nameFrom = nameTo - 2;
  }
  if (nameTo - nameFrom > 4) nameFrom = nameTo - 2;
  if ((tokens[nameFrom] as Token).initial && nameTo - nameFrom === 1) return null;
  return { junkFrom: run.from, prefixFrom, nameFrom, nameTo };
}

/**
 * "Urban-Brookings Tax Policy Center": an organisation word later in the same run makes the
 * whole run an institution's name, whatever stands between.
 */
export function orgLaterInRun(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (ORG_WORDS.has((tokens[k] as Token).low)) return true;
  return false;
}

/** An adjective of nationality the lexicon lacks, before a title ("Ruritanian Prime Minister"). */
function nationalityBeforeTitle(tokens: readonly Token[], i: number, to: number): boolean {
  const t = tokens[i] as Token;
  const n = tokens[i + 1];
  return i + 1 < to && !!n && /(?:ian|ean|ese|ish|ic|an|i)$/.test(t.low) && TITLE_WORDS.has(n.low);
}

/** A given name that is also a title-ish word ("Major", "Grace") starts the name when a name follows. */
export function isLikelyName(tokens: readonly Token[], i: number, to: number): boolean {
  const t = tokens[i] as Token;
  if (i + 1 >= to) return false;
  return GIVEN_NAMES.has(t.low) && !TITLE_HEADS.has(t.low) && isNameToken(tokens[i + 1] as Token);
}

/** The characters between token `i` and the token before it. */
export function gapBefore(text: string, tokens: readonly Token[], i: number): string {
  const t = tokens[i];
  const p = tokens[i - 1];
  if (!t) return '';
  return text.slice(p ? p.end : 0, t.start);
}
