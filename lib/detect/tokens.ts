/**
 * Tokenizer for the detectors: one linear pass over the article text that yields words with
 * offsets, plus sentence boundaries. Words keep soft hyphens (U+00AD) in their offsets but not
 * in their normalised form, so "Netan\u00adyahu" and "Netanyahu" compare equal. A trailing
 * possessive ’s/'s stays inside the word's span (label rules count it) and is flagged.
 */

/** A word of the article text. */
export interface Token {
  /** Offset of the first character in the text. */
  start: number;
  /** Offset after the last character (possessive included). */
  end: number;
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
  /** Index of the sentence holding the token. */
  sentence: number;
}

/** Abbreviations that take a period which does not end the sentence. */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'gen',
  'sen',
  'rep',
  'gov',
  'col',
  'lt',
  'capt',
  'maj',
  'sgt',
  'adm',
  'st',
  'jr',
  'sr',
  'rev',
  'hon',
  'amb',
  'pres',
  'sec',
  'inc',
  'corp',
  'co',
  'ltd',
  'vs',
  'cmdr',
  'gov',
  'supt',
  'messrs',
]);

// Words: letters (and soft hyphens) with internal apostrophes or hyphens; initials and
// dotted abbreviations ("H.W.", "U.S.") are matched first. Linear: no nested quantifiers
// over the same characters.
const WORD_RE =
  /(?:\p{Lu}\.){1,5}(?!\p{L})|[\p{L}\p{M}\u00AD][\p{L}\p{M}\u00AD\d]*(?:['’\-‐][\p{L}\p{M}\u00AD\d]+)*/gu;

const SOFT_HYPHEN_RE = /\u00AD/g;

/** Removes soft hyphens: the form used for every comparison. */
export function stripSoftHyphens(s: string): string {
  return s.indexOf('\u00AD') >= 0 ? s.replace(SOFT_HYPHEN_RE, '') : s;
}

/** Lowercases and straightens apostrophes, for lexicon lookups. */
export function norm(s: string): string {
  return stripSoftHyphens(s).toLowerCase().replace(/’/g, "'");
}

/**
 * Splits `text` into word tokens and returns them with the sorted start offsets of sentences
 * (`sentenceStarts[i]` is where sentence i begins). `breaks` are paragraph boundaries, which
 * always end a sentence.
 */
export function tokenize(
  text: string,
  breaks: readonly number[] = [],
): { tokens: Token[]; sentenceStarts: number[] } {
  const tokens: Token[] = [];
  const sentenceStarts: number[] = [0];
  let breakIndex = 0;
  let last: Token | undefined;
  for (const m of text.matchAll(WORD_RE)) {
    const start = m.index;
    let raw = m[0];
    let end = start + raw.length;
    let initial = raw.length >= 2 && raw.endsWith('.');
    const bare = stripSoftHyphens(raw);
    if (!initial && text[end] === '.' && ABBREVIATIONS.has(bare.toLowerCase())) {
      raw += '.';
      end += 1;
      initial = false;
    }
    let word = stripSoftHyphens(raw);
    let poss = false;
    const tail = word.charCodeAt(word.length - 2);
    if (
      word.length > 2 &&
      (tail === 39 || tail === 0x2019) &&
      (word.endsWith('s') || word.endsWith('S'))
    ) {
      poss = true;
      word = word.slice(0, -2);
    }
    const first = word[0] ?? '';
    const cap = first !== first.toLowerCase();
    const upper = cap && word.length >= 2 && word === word.toUpperCase() && !initial;
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
      word,
      low: word.includes('’') ? norm(word) : word.toLowerCase(),
      cap,
      upper,
      poss,
      initial,
      sentence,
    };
    tokens.push(token);
    last = token;
  }
  return { tokens, sentenceStarts };
}

/** Whether the gap between `prev` and a capitalised (or not) next word ends a sentence. */
function endsSentence(text: string, prev: Token, next: number, nextCap: boolean): boolean {
  if (!nextCap) return false;
  const gap = text.slice(prev.end, next);
  if (/[.!?]/.test(gap)) return true;
  // A dotted abbreviation ending a sentence ("… in the U.S. The talks …"): only when a
  // sentence-opening word follows, since "U.S. Secretary" is common.
  return (
    prev.initial &&
    prev.word.length > 2 &&
    /^\s+$/.test(gap) &&
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
