/**
 * What the stages of quotation detection share: the kinds of speaker the words around a
 * quotation can name (a typed union, so a pronoun or a bare role is never a name), and the
 * one context object every stage reads about a document (its text, tokens, who each token
 * names, which tokens are quoted, each sentence's subjects). `findQuotes` builds the context
 * once per document; the filter, attribution and pronoun stages take it instead of threading
 * the same arguments through each function.
 */
import type { Person, PersonMention } from './people';
import type { Token } from './tokens';

/** The person mention covering each token, by token index (undefined: none). */
export type MentionIndex = (PersonMention | undefined)[];

/**
 * Who the words around a quotation name as its speaker. `pronoun` ("he said") and `role` ("the
 * president said") are resolved to a person or to nobody before the quotation is reported;
 * only the first four kinds reach `Quote.speakerType`.
 */
export type Speaker =
  | { type: 'person'; name: string; person?: number; start?: number; end?: number }
  | { type: 'organisation' | 'document'; name: string; start?: number; end?: number }
  | { type: 'unnamed'; name: null; start?: number; end?: number }
  | { type: 'pronoun'; name: null; word: string; start: number; end: number }
  | { type: 'role'; name: null; start: number; end: number };

/** The speaker of a quotation nobody in the text is named for. */
export const NOBODY = { type: 'unnamed', name: null } as const satisfies Speaker;

/**
 * What every stage of attribution reads about one document, built once per document by
 * `findQuotes`: the text and its tokens, who each token names, and which tokens are inside a
 * quotation. One object instead of the same five arguments threaded through every function.
 */
export interface AttributionContext {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly sentenceStarts: readonly number[];
  /** The person mention covering each token. */
  readonly mentionAt: MentionIndex;
  readonly personById: ReadonlyMap<number, Person>;
  /** 1 for each token inside a quotation (such tokens never name the speaker). */
  readonly quoted: Uint8Array;
  /** People each sentence is about, in order: those a pronoun may stand for. */
  readonly subjectsOf: ReadonlyMap<number, readonly PersonMention[]>;
  /** Each person's grammatical gender where the text gives it, read on first use. */
  readonly genderOf: () => ReadonlyMap<number, 'm' | 'f'>;
}

/** The index of the first token starting at or after offset `pos` (binary search). */
export function firstTokenAtOrAfter(tokens: readonly Token[], pos: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The person a mention names, as a speaker with the mention's offsets. */
export function speakerFromMention(ctx: AttributionContext, m: PersonMention): Speaker | null {
  const { personById } = ctx;
  const p = personById.get(m.person);
  if (!p) return null;
  return { name: p.name, type: 'person', person: p.id, start: m.start, end: m.end };
}
