/**
 * Tokenizer for the detectors: one linear pass over the article text that yields words with
 * offsets, plus sentence boundaries. Words keep soft hyphens (U+00AD) in their offsets but not
 * in their normalised form, so "Netan\u00adyahu" and "Netanyahu" compare equal. A trailing
 * possessive ’s/'s stays inside the word's span (label rules count it) and is flagged.
 */

import { ABBREVIATIONS } from './lexicon';
import { lexiconBits } from './word-class';

/** What a word's characters say about it: the same for every occurrence of the word. */
export interface WordFacts {
  /** The word without soft hyphens or possessive, case kept ("Netanyahu"). */
  word: string;
  /** `word` lowercased, curly apostrophes straightened. */
  low: string;
  /** First letter is uppercase. */
  cap: boolean;
  /** Two or more letters, all uppercase ("CPC", "NATO"). */
  upper: boolean;
  /** Ends with a possessive ’s / 's. */
  poss: boolean;
  /** One letter and a period, or several ("M.", "H.W.", "U.S."). */
  initial: boolean;
  /** Lexicon bits of the word (see word-class.ts). */
  lex: number;
}

/** A word of the article text: its facts, where it is, and its sentence. */
export interface Token extends WordFacts {
  /** Offset of the first character in the text. */
  start: number;
  /** Offset after the last character (possessive included). */
  end: number;
  /** Index of the sentence holding the token. */
  sentence: number;
}

// Words: letters (and soft hyphens) with internal apostrophes or hyphens; initials and
// dotted abbreviations ("H.W.", "U.S.") are read first. The scanner below reads exactly what
//   /(?:\p{Lu}\.){1,5}(?!\p{L})|[\p{L}\p{M}\u00AD][\p{L}\p{M}\u00AD\d]*(?:['’\-‐][\p{L}\p{M}\u00AD\d]+)*/u
// matches, one character code at a time: a regex match per word, with its match array and
// the strings cut around it, was most of the tokenizer's time and garbage on long pages.

const SOFT_HYPHEN_RE = /\u00AD/g;

/** Removes soft hyphens: the form used for every comparison. */
export function stripSoftHyphens(s: string): string {
  return s.indexOf('\u00AD') >= 0 ? s.replace(SOFT_HYPHEN_RE, '') : s;
}

/** Lowercases and straightens apostrophes, for lexicon lookups. */
export function norm(s: string): string {
  return stripSoftHyphens(s).toLowerCase().replace(/’/g, "'");
}

// Character classes of the BMP, computed once per code on first sight: bit 1 known, 2 a
// letter (\p{L}), 4 a mark (\p{M}), 8 an uppercase letter (\p{Lu}), 16 has a lowercase form.
const KNOWN = 1;
const LETTER = 2;
const MARK = 4;
const UPPER = 8;
const CASED = 16;
const classes = new Uint8Array(0x10000);
const LETTER_RE = /^\p{L}$/u;
const MARK_RE = /^\p{M}$/u;
const UPPER_RE = /^\p{Lu}$/u;

function classify(ch: string): number {
  let c = KNOWN;
  if (LETTER_RE.test(ch)) c |= LETTER;
  if (MARK_RE.test(ch)) c |= MARK;
  if (UPPER_RE.test(ch)) c |= UPPER;
  if (ch !== ch.toLowerCase()) c |= CASED;
  return c;
}

/** The class bits of the character at `i` and its length in code units (2 for astral). */
let width = 1;
function classAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  width = 1;
  if (code < 128) {
    if (code >= 97 && code <= 122) return KNOWN | LETTER;
    if (code >= 65 && code <= 90) return KNOWN | LETTER | UPPER | CASED;
    return KNOWN;
  }
  if (code >= 0xd800 && code <= 0xdbff) {
    const cp = text.codePointAt(i) ?? code;
    if (cp > 0xffff) {
      width = 2;
      return classify(String.fromCodePoint(cp));
    }
  }
  let c = classes[code] as number;
  if (c === 0) {
    c = classify(String.fromCharCode(code));
    classes[code] = c;
  }
  return c;
}

/** A character that may start or continue a word: a letter, a mark or a soft hyphen. */
function isWordChar(text: string, i: number): boolean {
  return (classAt(text, i) & (LETTER | MARK)) !== 0 || text.charCodeAt(i) === 0xad;
}

/** A word character or an ASCII digit (digits continue a word but never start one). */
function continuesWord(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code >= 48 && code <= 57) {
    width = 1;
    return true;
  }
  return isWordChar(text, i);
}

/** Apostrophes and hyphens that may join the parts of a word ("O’Brien", "Jae-myung"). */
function isJoiner(code: number): boolean {
  return code === 39 || code === 0x2019 || code === 45 || code === 0x2010;
}

/**
 * End of the dotted initials starting at `i` ("H.W.", "U.S.", "M."), or -1: up to five
 * uppercase letters each followed by a period, and no letter after them.
 */
function initialsEnd(text: string, i: number): number {
  let j = i;
  let reps = 0;
  while (reps < 5 && j + 1 < text.length) {
    if ((classAt(text, j) & UPPER) === 0 || text.charCodeAt(j + width) !== 46) break;
    j += width + 1;
    reps++;
  }
  if (reps === 0) return -1;
  if (j < text.length && (classAt(text, j) & LETTER) !== 0) return -1;
  return j;
}

/** End of the word starting at `i` (which holds a word character). */
function wordEnd(text: string, i: number): number {
  classAt(text, i);
  let j = i + width;
  const n = text.length;
  for (;;) {
    for (;;) {
      // ASCII letters and digits first: most of any English text.
      const c = j < n ? text.charCodeAt(j) : 0;
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) j++;
      else if (c >= 128 && continuesWord(text, j)) j += width;
      else break;
    }
    // A joiner continues the word only when a word character or digit follows it.
    if (j + 1 < n && isJoiner(text.charCodeAt(j)) && continuesWord(text, j + 1)) {
      j += 1;
      continue;
    }
    return j;
  }
}

/** A word's facts, computed once per distinct word. */
interface WordInfo extends WordFacts {
  /** The word with the period that follows it, when it is an abbreviation ("Mr" → "Mr."). */
  dotted: WordInfo | null;
}

const infos = new Map<string, WordInfo>();
/** Distinct words kept between calls; past this the memo starts again. */
const INFO_LIMIT = 100_000;

/**
 * The facts about a word as it appears in the text (soft hyphens and possessive included).
 * Memoised: long articles repeat a few thousand words, and sharing one string per word also
 * spares the garbage collector two strings per token.
 */
function wordInfo(raw: string): WordInfo {
  let info = infos.get(raw);
  if (info === undefined) {
    const initial = raw.length >= 2 && raw.charCodeAt(raw.length - 1) === 46;
    const word = stripSoftHyphens(raw);
    info = describe(word, initial);
    if (!initial && ABBREVIATIONS.has(word.toLowerCase()))
      info.dotted = describe(`${word}.`, false);
    if (infos.size >= INFO_LIMIT) infos.clear();
    infos.set(raw, info);
  }
  return info;
}

function describe(full: string, initial: boolean): WordInfo {
  let word = full;
  let poss = false;
  const tail = word.charCodeAt(word.length - 2);
  const sChar = word.charCodeAt(word.length - 1);
  if (word.length > 2 && (tail === 39 || tail === 0x2019) && (sChar === 115 || sChar === 83)) {
    poss = true;
    word = word.slice(0, -2);
  }
  const cap = word.length > 0 && (classAt(word, 0) & CASED) !== 0;
  const upper = cap && word.length >= 2 && !initial && word === word.toUpperCase();
  const lower = word.toLowerCase();
  const low = lower.indexOf('’') >= 0 ? lower.replace(/’/g, "'") : lower;
  const info: WordInfo = { word, low, cap, upper, poss, initial, lex: 0, dotted: null };
  info.lex = lexiconBits(info);
  return info;
}

/**
 * Splits `text` into word tokens and returns them with the sorted start offsets of sentences
 * (`sentenceStarts[i]` is where sentence i begins). `breaks` are paragraph boundaries, which
 * always end a sentence. Linear in the length of `text`.
 */
export function tokenize(
  text: string,
  breaks: readonly number[] = [],
): { tokens: Token[]; sentenceStarts: number[] } {
  const tokens: Token[] = [];
  const sentenceStarts: number[] = [0];
  let breakIndex = 0;
  let last: Token | undefined;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 65 || (c > 90 && c < 97) || (c > 122 && c < 128)) {
      i++; // ASCII space, digit or punctuation
      continue;
    }
    if (c >= 128 && !isWordChar(text, i)) {
      i += width;
      continue;
    }
    const start = i;
    let end = initialsEnd(text, i);
    if (end < 0) end = wordEnd(text, i);
    i = end;
    let info = wordInfo(text.slice(start, end));
    if (info.dotted && text.charCodeAt(end) === 46) {
      info = info.dotted;
      end += 1;
      i = end;
    }
    const cap = info.cap;
    // Sentence boundary between the previous token and this one?
    let sentence = last ? last.sentence : 0;
    if (last) {
      let isBreak = false;
      while (breakIndex < breaks.length && (breaks[breakIndex] ?? 0) <= start) {
        if ((breaks[breakIndex] ?? 0) >= last.end) isBreak = true;
        breakIndex++;
      }
      if (isBreak || endsSentence(text, last, start, cap)) {
        sentence += 1;
        sentenceStarts.push(sentenceStartIn(text, last.end, start));
      }
    }
    const token: Token = {
      start,
      end,
      word: info.word,
      low: info.low,
      cap,
      upper: info.upper,
      poss: info.poss,
      initial: info.initial,
      sentence,
      lex: info.lex,
    };
    tokens.push(token);
    last = token;
  }
  return { tokens, sentenceStarts };
}

/** Whether the gap between `prev` and a capitalised (or not) next word ends a sentence. */
function endsSentence(text: string, prev: Token, next: number, nextCap: boolean): boolean {
  if (!nextCap) return false;
  let spaces = true;
  for (let k = prev.end; k < next; k++) {
    const c = text.charCodeAt(k);
    if (c === 46 || c === 33 || c === 63) return true;
    if (c !== 32 && !/\s/.test(text[k] as string)) spaces = false;
  }
  // A dotted abbreviation ending a sentence ("… in the U.S. The talks …"): only when a
  // sentence-opening word follows, since "U.S. Secretary" is common.
  return (
    prev.initial &&
    prev.word.length > 2 &&
    spaces &&
    next > prev.end &&
    SENTENCE_OPENERS.test(text.slice(next, next + 8))
  );
}

const SENTENCE_OPENERS = /^(?:The|This|That|These|Those|It|He|She|They|We|In|On|But|And|A|An)\b/;

/** Where the sentence that follows `from` begins (first character that is not a closer/space). */
function sentenceStartIn(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit && /[\s.!?”’")\]]/.test(text[i] ?? '')) i++;
  return i;
}
