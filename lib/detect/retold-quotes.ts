/**
 * Quotations retold inside a quotation: a speaker recounting a conversation quotes its lines
 * with the other kind of mark (“… And I said, ‘We need more.’ They said, ‘No.’”). Each inner
 * span that a speech verb inside the outer quotation introduces, with the verb's punctuation
 * (I said, ‘…’ / he told me: ‘…’ / ‘…,’ she asked), is a quotation of its own, beside the outer
 * one: the labels count both. An inner span with no such cue (a scare quote, a title the
 * speaker names: “We call it the ‘red line’ policy”) is part of the outer quotation only.
 * Who says the inner words: "I"/"we" is the outer quotation's speaker, a person named there is
 * that person, anyone else (he, they, my boss) is nobody the text names.
 */
import {
  type AttributionContext,
  firstTokenAtOrAfter,
  NOBODY,
  type Speaker,
  speakerFromMention,
} from './attribution-context';
import { FIRST_PERSON_SUBJECTS, SAYING_SUBJECTS, SPEECH_OBJECTS, VERB_FILLERS } from './lexicon';
import { closesAt, isPluralPossessive, opensAt, type QuoteSpan } from './quote-spans';
import { isVerb } from './speech-cues';
import type { Token } from './tokens';

/** A quotation retold inside another, with its speaker ('self': the outer one's). */
export interface RetoldQuote {
  start: number;
  end: number;
  speaker: Speaker | 'self';
}

/** The marks of a quotation nested in a double one, and in a single one (British style). */
const INNER_OPEN = { double: /[‘']/, single: /[“"]/ } as const;
const INNER_CLOSE = { double: /[’']/, single: /[”"]/ } as const;

/**
 * Longest retold line looked for, in characters: it keeps the scan linear however many marks
 * a long quotation holds (single marks double as apostrophes).
 */
const MAX_RETOLD = 400;

/** Only a comma or a colon (and spaces) between the verb and the mark it introduces. */
const INTRODUCING = /^\s*[,:]\s*$/;

/**
 * The quotations retold inside the quotation `outer`. Linear in the outer quotation's length
 * (each mark looks at most MAX_RETOLD characters ahead).
 */
export function retoldQuotes(ctx: AttributionContext, outer: QuoteSpan): RetoldQuote[] {
  const { text } = ctx;
  const kind = outer.single ? 'single' : 'double';
  const found: RetoldQuote[] = [];
  for (let i = outer.start; i < outer.end; i++) {
    if (!INNER_OPEN[kind].test(text[i] ?? '') || !opensAt(text, i)) continue;
    if (!/[\p{L}\p{N}¿¡…]/u.test(text[i + 1] ?? '')) continue;
    const close = innerClose(text, i, outer.end, kind);
    if (close < 0) continue;
    const start = i + 1;
    const end = close;
    const who = cueBefore(ctx, outer, i) ?? cueAfter(ctx, outer, start, end);
    if (who === undefined) continue;
    found.push({ start, end, speaker: who });
    i = close;
  }
  return found;
}

/** Where the inner quotation opened at `open` closes, before `limit`, or -1. */
function innerClose(text: string, open: number, limit: number, kind: 'single' | 'double'): number {
  for (let j = open + 1; j < limit && j <= open + MAX_RETOLD; j++) {
    const ch = text[j] ?? '';
    if (INNER_OPEN[kind].test(ch) && opensAt(text, j) && !INNER_CLOSE[kind].test(ch)) return -1;
    if (!INNER_CLOSE[kind].test(ch) || !closesAt(text, j)) continue;
    if (kind === 'double' && isPluralPossessive(text, j)) continue;
    return j;
  }
  return -1;
}

/**
 * Who a subject token names: 'self' for I/we (the outer quotation's speaker), a named person,
 * or nobody for anyone else.
 */
function subjectSpeaker(ctx: AttributionContext, k: number, outer: QuoteSpan): Speaker | 'self' {
  const t = ctx.tokens[k];
  if (!t || t.start < outer.start) return NOBODY;
  if (FIRST_PERSON_SUBJECTS.has(t.low)) return 'self';
  const m = ctx.mentionAt[k];
  return (m && speakerFromMention(ctx, m)) ?? NOBODY;
}

/**
 * "I said, ‘…’", "they told me: ‘…’", "he said to us, ‘…’": a speech verb (inside the outer
 * quotation) right before the mark, then a comma or colon. Undefined when there is none.
 */
function cueBefore(
  ctx: AttributionContext,
  outer: QuoteSpan,
  open: number,
): Speaker | 'self' | undefined {
  const { tokens, text } = ctx;
  let k = firstTokenAtOrAfter(tokens, open) - 1;
  const last = tokens[k];
  if (!last || last.start < outer.start || !INTRODUCING.test(text.slice(last.end, open)))
    return undefined;
  if (SPEECH_OBJECTS.has(last.low)) {
    k--;
    if (tokens[k]?.low === 'to') k--;
  }
  const verb = tokens[k];
  if (!verb || verb.start < outer.start || !isVerb(verb)) return undefined;
  let s = k - 1;
  while (VERB_FILLERS.has(tokens[s]?.low ?? '')) s--;
  return subjectSpeaker(ctx, s, outer);
}

/**
 * "‘…,’ I said", "‘…?’ he asked": the inner quotation ends in a comma, question or exclamation
 * mark and a subject and speech verb follow inside the outer quotation (or the verb, then
 * the subject: "said he"). Undefined when they do not.
 */
function cueAfter(
  ctx: AttributionContext,
  outer: QuoteSpan,
  start: number,
  end: number,
): Speaker | 'self' | undefined {
  const { tokens, text } = ctx;
  if (!/[,?!]$/.test(text.slice(start, end).trimEnd())) return undefined;
  const k = firstTokenAtOrAfter(tokens, end + 1);
  const a = tokens[k] as Token | undefined;
  const b = tokens[k + 1] as Token | undefined;
  if (!a || !b || b.end > outer.end || !/^\s*$/.test(text.slice(end + 1, a.start)))
    return undefined;
  const names = (t: number) =>
    ctx.mentionAt[t] !== undefined || SAYING_SUBJECTS.has(tokens[t]?.low ?? '');
  if (isVerb(b)) return names(k) ? subjectSpeaker(ctx, k, outer) : undefined;
  // A name of two words: "‘…,’ Ivo Dragan said".
  const c = tokens[k + 2];
  if (ctx.mentionAt[k] && ctx.mentionAt[k + 1] === ctx.mentionAt[k] && c && isVerb(c))
    return c.end <= outer.end ? subjectSpeaker(ctx, k, outer) : undefined;
  // "‘…,’ said Ivo Dragan".
  if (isVerb(a) && names(k + 1)) return subjectSpeaker(ctx, k + 1, outer);
  return undefined;
}
