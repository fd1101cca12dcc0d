/**
 * What the lexicons say about a word, as bits computed once per distinct word (tokenize()
 * memoises them and stores them on each token as `lex`). The detectors ask the same questions
 * ("is this a title word? a place? could it be part of a name?") of every word many times; a
 * dozen set lookups per question were most of the detector's time on long pages, and one
 * cached number answers them all.
 */
import {
  BARE_TITLE_HEADS,
  GIVEN_NAMES,
  HONORIFICS,
  NAME_PARTICLES,
  NATIONALITIES,
  NOT_NAME_WORDS,
  OFFICIAL_ROLES,
  ORG_WORDS,
  PLACES,
  PRESS_ROLES,
  SPEECH_VERBS,
  TITLE_CONNECTORS,
  TITLE_HEADS,
  TITLE_WORDS,
} from './lexicon';
/** The facts about a word that its lexicon bits depend on. */
export interface WordShape {
  word: string;
  low: string;
  cap: boolean;
  upper: boolean;
  initial: boolean;
}

/** In NOT_NAME_WORDS (months, days, function words, platforms). */
export const W_NOT_NAME = 1;
/** In ORG_WORDS. */
export const W_ORG = 1 << 1;
/** In PLACES. */
export const W_PLACE = 1 << 2;
/** In NATIONALITIES. */
export const W_NATIONALITY = 1 << 3;
/** In TITLE_WORDS. */
export const W_TITLE_WORD = 1 << 4;
/** In HONORIFICS. */
export const W_HONORIFIC = 1 << 5;
/** In OFFICIAL_ROLES. */
export const W_OFFICIAL_ROLE = 1 << 6;
/** In PRESS_ROLES. */
export const W_PRESS_ROLE = 1 << 7;
/** In SPEECH_VERBS. */
export const W_SPEECH_VERB = 1 << 8;
/** In TITLE_HEADS. */
export const W_TITLE_HEAD = 1 << 9;
/** In GIVEN_NAMES. */
export const W_GIVEN = 1 << 10;
/** In NAME_PARTICLES. */
export const W_PARTICLE = 1 << 11;
/** In TITLE_CONNECTORS. */
export const W_CONNECTOR = 1 << 12;
/** In BARE_TITLE_HEADS. */
export const W_BARE_HEAD = 1 << 13;
/** An Arabic article or patronymic joined by a hyphen ("al-Bashir", "bin-…"). */
export const W_ARABIC = 1 << 14;
/** All capitals with digits, "&" or periods after a capital ("NATO", "G7", "U.S"). */
export const W_ACRONYM = 1 << 15;
/** May be part of a personal name (see `isNameWord`). */
export const W_NAME = 1 << 16;
/** A title, honorific, nationality, place, organisation or role word, or an acronym. */
export const W_TITLEISH = 1 << 17;
/** Lowercase, with a hyphen (the only words that may be "post-Mugabe", "anti-Trump"). */
export const W_PREFIXED = 1 << 18;
/** "he", "his", "him", "himself". */
export const W_MASCULINE = 1 << 19;
/** "she", "her", "hers", "herself". */
export const W_FEMININE = 1 << 20;

const MASCULINE = new Set(['he', 'his', 'him', 'himself']);
const FEMININE = new Set(['she', 'her', 'hers', 'herself']);

const ARABIC_ARTICLE = /^(?:al|el|ad|ash|as|at|an|ar|az|ud|bin|ibn|abu|abd)-\p{Lu}/u;
const ACRONYM = /^\p{Lu}[\p{Lu}\d&.]+$/u;

/** The lexicon bits of a word; tokenize() stores them on each token as `lex`. */
export function lexiconBits(t: WordShape): number {
  const l = t.low;
  let b = 0;
  if (NOT_NAME_WORDS.has(l)) b |= W_NOT_NAME;
  if (ORG_WORDS.has(l)) b |= W_ORG;
  if (PLACES.has(l)) b |= W_PLACE;
  if (NATIONALITIES.has(l)) b |= W_NATIONALITY;
  if (TITLE_WORDS.has(l)) b |= W_TITLE_WORD;
  if (HONORIFICS.has(l)) b |= W_HONORIFIC;
  if (OFFICIAL_ROLES.has(l)) b |= W_OFFICIAL_ROLE;
  if (PRESS_ROLES.has(l)) b |= W_PRESS_ROLE;
  if (SPEECH_VERBS.has(l)) b |= W_SPEECH_VERB;
  if (TITLE_HEADS.has(l)) b |= W_TITLE_HEAD;
  if (GIVEN_NAMES.has(l)) b |= W_GIVEN;
  if (NAME_PARTICLES.has(l)) b |= W_PARTICLE;
  if (TITLE_CONNECTORS.has(l)) b |= W_CONNECTOR;
  if (BARE_TITLE_HEADS.has(l)) b |= W_BARE_HEAD;
  if (ARABIC_ARTICLE.test(t.word)) b |= W_ARABIC;
  if (ACRONYM.test(t.word)) b |= W_ACRONYM;
  if (isNameWord(t, b)) b |= W_NAME;
  if (!t.cap && t.word.includes('-')) b |= W_PREFIXED;
  if (MASCULINE.has(l)) b |= W_MASCULINE;
  else if (FEMININE.has(l)) b |= W_FEMININE;
  if (
    b &
      (W_TITLE_WORD |
        W_HONORIFIC |
        W_NATIONALITY |
        W_PLACE |
        W_ORG |
        W_OFFICIAL_ROLE |
        W_PRESS_ROLE) ||
    (t.upper && !t.initial) ||
    (t.initial && t.word.length > 2)
  ) {
    b |= W_TITLEISH;
  }
  return b;
}

/** Could this word be part of a personal name? */
function isNameWord(t: WordShape, b: number): boolean {
  if (t.initial) return t.word.length <= 4 && !(b & W_PLACE); // "M.", "H.W."
  if (b & W_ARABIC) return true; // "al-Bashir", "el-Sisi"
  if (!t.cap || t.upper) return false;
  if (b & W_PLACE && t.low.length > 2) return false;
  return !(
    b &
    (W_NOT_NAME |
      W_ORG |
      W_NATIONALITY |
      W_TITLE_WORD |
      W_HONORIFIC |
      W_OFFICIAL_ROLE |
      W_PRESS_ROLE |
      W_SPEECH_VERB |
      W_ACRONYM)
  );
}
