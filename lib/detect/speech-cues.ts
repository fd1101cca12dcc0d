/**
 * The words that say a span is someone's words: speech verbs, "according to X", "put it",
 * utterance nouns. Lexical tests on one token, cheap enough to run on every word; the quote
 * filter, attribution and `findQuotes` all ask them.
 */
import type { MentionIndex } from './attribution-context';
import { BACK_VERBS, SPEECH_VERBS, UTTERANCE_NOUNS } from './lexicon';
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
  // "Roe shot back", "fired back": the verb reports words only with "back".
  if (t.low === 'back' && BACK_VERBS.has(tokens[i - 1]?.low ?? '')) return true;
  return t.low === 'quoted' || t.low === 'quoting';
}
