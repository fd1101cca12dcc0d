/**
 * The words that say a span is someone's words: speech verbs, "according to X", "put it",
 * utterance nouns. Lexical tests on one token, cheap enough to run on every word; the quote
 * filter, attribution and `findQuotes` all ask them.
 */
import type { MentionIndex } from './attribution-context';
import {
  BACK_VERBS,
  CLAUSE_OPENERS,
  CLAUSE_SPEECH_VERBS,
  SPEECH_VERBS,
  UTTERANCE_NOUNS,
} from './lexicon';
import type { Token } from './tokens';

/** A speech verb, in lowercase: "States" in "the United States" is not "states". */
export function isVerb(t: Token): boolean {
  return SPEECH_VERBS.has(t.low) && (!t.cap || t.low === 'said' || t.low === 'says');
}

/**
 * Where the source named by an introduction at token `i` starts ("according to X", "in the
 * words of X", "per X"), or -1.
 */
export function sourceAt(tokens: readonly Token[], i: number, mentionAt?: MentionIndex): number {
  // Called for every word: plain comparisons, no closures.
  const low = (tokens[i] as Token).low;
  if (low === 'according') return tokens[i + 1]?.low === 'to' ? i + 2 : -1;
  if (low === 'in') {
    const words =
      tokens[i + 1]?.low === 'the' && tokens[i + 2]?.low === 'words' && tokens[i + 3]?.low === 'of';
    return words ? i + 4 : -1;
  }
  // "per" is also a given name ("Per Holm said"): only when it names no one itself.
  if (low === 'per' && tokens[i + 1]?.cap && !mentionAt?.[i]) return i + 1;
  // "To quote Jane Roe, …".
  if (low === 'quote' && tokens[i - 1]?.low === 'to') return i + 1;
  // "For Jane Roe, the plan is “dead”": a sentence opening with the person whose view it is
  // (only where the people named are known).
  if (
    low === 'for' &&
    tokens[i - 1]?.sentence !== (tokens[i] as Token).sentence &&
    mentionAt !== undefined &&
    viewpointAt(tokens, i + 1, mentionAt)
  )
    return i + 1;
  return -1;
}

/** Whether a person's name starts within a title's length of token `i` (capitalised words). */
function viewpointAt(tokens: readonly Token[], i: number, mentionAt: MentionIndex): boolean {
  for (let k = i; k < i + 4 && tokens[k]?.cap; k++) if (mentionAt[k]) return true;
  return false;
}

/**
 * "Prosecutors alleged that …", "alleged the two guards …": a verb that reports words only
 * before the clause it opens (CLAUSE_SPEECH_VERBS), not as an adjective ("the alleged plot").
 */
export function reportsClause(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i] as Token;
  const next = tokens[i + 1];
  return (
    CLAUSE_SPEECH_VERBS.has(t.low) &&
    !t.cap &&
    next !== undefined &&
    next.sentence === t.sentence &&
    CLAUSE_OPENERS.has(next.low)
  );
}

/**
 * The token where the source of a clause closing the sentence after a quotation starts ("“…”
 * attesting they had done their rounds, according to court records."), or -1: "according to"
 * or "in the words of" after a comma among the tokens `post`, so the source vouches for the
 * whole sentence, not only for words right before it.
 */
export function closingSource(
  text: string,
  tokens: readonly Token[],
  post: readonly number[],
): number {
  for (let k = 1; k < post.length; k++) {
    const i = post[k] as number;
    const t = tokens[i] as Token;
    if (t.low !== 'according' && t.low !== 'in') continue;
    const source = sourceAt(tokens, i);
    const prev = tokens[i - 1];
    if (source >= 0 && prev && /,\s*$/.test(text.slice(prev.end, t.start))) return source;
  }
  return -1;
}

/** "as Jane Roe put it": "put it" reports words. */
export function putIt(tokens: readonly Token[], i: number): boolean {
  return tokens[i]?.low === 'put' && tokens[i + 1]?.low === 'it';
}

/**
 * Whether the token at `i` says that words are someone's: a speech verb, "according to", an
 * utterance noun, "quoted"; "For Jane Roe, …" too when `mentionAt` says who is named.
 */
export function isSpeechCue(
  tokens: readonly Token[],
  i: number,
  mentionAt?: MentionIndex,
): boolean {
  const t = tokens[i] as Token;
  if (isVerb(t) || t.low === 'speak' || t.low === 'spoke' || t.low === 'speaking') return true;
  if (sourceAt(tokens, i, mentionAt) >= 0 || putIt(tokens, i)) return true;
  if (UTTERANCE_NOUNS.has(t.low)) return true;
  if (reportsClause(tokens, i)) return true;
  // "Roe shot back", "fired back": the verb reports words only with "back".
  if (t.low === 'back' && BACK_VERBS.has(tokens[i - 1]?.low ?? '')) return true;
  return t.low === 'quoted' || t.low === 'quoting';
}
