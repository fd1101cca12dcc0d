/**
 * Quotations and their speakers: the orchestration. Every quoted span (see quote-spans.ts) is
 * read with the sentence around it, in stages that each live in their own module:
 * quote-filter.ts decides whether the span is reported speech, a term or unsure;
 * attribution.ts finds who the sentence names as its speaker ("…,” said X / X said /
 * according to X / X noted: “…”, a role, a body, a passive's agent); pronouns.ts resolves "he
 * said" and "it said". All of them read one AttributionContext, built here once per document.
 * This module keeps what needs the whole document: when a sentence names nobody, the quote
 * continues the previous speaker's words (a name right before a partial quote with no speech
 * verb is its subject, not its speaker) or belongs to the person the sentence before is about
 * when that person speaks there; a quotation that runs on into the next paragraph is one
 * quotation, both parts taking the speaker named at either; a heading or pull quote repeating
 * an attributed quotation's words takes its speaker; and a short unsure phrase that echoes a
 * quotation found elsewhere ("“Not a chance”" over "“There is not a chance,” he said") is kept
 * with that quotation's speaker.
 */

import {
  attributeAfter,
  attributeBefore,
  attributeClosingSource,
  attributeLater,
  attributeNext,
  clauseSubject,
  introducedByColon,
  isObject,
  signature,
  speechTag,
  stanceSubjectOf,
  subjectBefore,
} from './attribution';
import {
  type AttributionContext,
  firstTokenAtOrAfter,
  type MentionIndex,
  NOBODY,
  type Speaker,
  speakerFromMention,
} from './attribution-context';
import { COORDINATORS, SUBORDINATORS } from './lexicon';
import type { Person, PersonMention } from './people';
import { personGenders, resolveIt, resolvePronoun } from './pronouns';
import { speechVerdict, stanceVerb } from './quote-filter';
import type { QuoteSpan } from './quote-spans';
import { retoldQuotes } from './retold-quotes';
import { isSpeechCue, isVerb } from './speech-cues';
import type { Token } from './tokens';

/** A quotation with its speaker. */
export interface Quote {
  /** The exact text between the marks. */
  text: string;
  start: number;
  end: number;
  /** Canonical name of the person, organisation or document; null when unnamed or unknown. */
  speaker: string | null;
  speakerType?: 'person' | 'organisation' | 'document' | 'unnamed';
  /** Offsets of the words that name the speaker, when the sentence names them. */
  speakerStart?: number;
  speakerEnd?: number;
}

/**
 * A role between a line's opening name and the colon before its quotation (", the mayor of
 * Vell: "): short, with no sentence punctuation and no quotation mark.
 */
const HEADED_ROLE = /^,[^.;:!?“”"«»]{1,80}:\s*$/;

/** How many words before and after a quotation are read for its attribution. */
const CONTEXT = 80;

/** Options for quote detection. */
export interface QuoteContext {
  text: string;
  tokens: readonly Token[];
  sentenceStarts: readonly number[];
  spans: readonly QuoteSpan[];
  people: readonly Person[];
  /** Sorted offsets where blocks start: a block made only of a quotation is a pull quote. */
  breaks?: readonly number[];
}

function sentenceAt(starts: readonly number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The context every attribution stage reads, built once per document: who each token names,
 * which tokens are quoted, and the people each sentence is about.
 */
function buildAttributionContext(input: QuoteContext): AttributionContext {
  const { text, tokens, sentenceStarts, spans, people } = input;
  const personById = new Map<number, Person>();
  const mentionAt: MentionIndex = new Array(tokens.length); // token index → mention covering it
  const allMentions: PersonMention[] = [];
  for (const p of people) {
    personById.set(p.id, p);
    // One at a time: spreading a huge array into push overflows the call stack (a 5 MB
    // paragraph naming one person 500,000 times).
    for (const m of p.mentions) allMentions.push(m);
  }
  allMentions.sort((a, b) => a.start - b.start);
  {
    let k = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      while (k < allMentions.length && (allMentions[k] as PersonMention).end <= t.start) k++;
      const m = allMentions[k];
      if (m && m.start < t.end && t.start < m.end) mentionAt[i] = m;
    }
  }
  // Which tokens are inside a quotation (they never name the speaker).
  const quoted = new Uint8Array(tokens.length);
  for (const s of spans) {
    for (
      let i = firstTokenAtOrAfter(tokens, s.start);
      i < tokens.length && (tokens[i] as Token).start < s.end;
      i++
    ) {
      quoted[i] = 1;
    }
  }
  const subjectsOf = new Map<number, PersonMention[]>();
  // Genders are read only when a pronoun needs resolving.
  let genders: Map<number, 'm' | 'f'> | undefined;
  const ctx: AttributionContext = {
    text,
    tokens,
    sentenceStarts,
    mentionAt,
    personById,
    quoted,
    subjectsOf,
    genderOf: () => {
      genders ??= personGenders(ctx);
      return genders;
    },
  };
  // People each sentence is about (outside quotes), in order: those a pronoun may stand for.
  // Press people and names after a preposition ("in an interview with Jane Roe, …") are not
  // the sentence's subject.
  const credit = (m: PersonMention) =>
    personById.get(m.person)?.titles.some((t) => t === 'photo credit' || t === 'credit') ?? false;
  for (let i = 0; i < tokens.length; i++) {
    const m = mentionAt[i];
    if (!m || quoted[i] || credit(m) || m.start !== (tokens[i] as Token).start) continue;
    if (personById.get(m.person)?.press) continue;
    if (isObject(ctx, i)) continue;
    const s = (tokens[i] as Token).sentence;
    const list = subjectsOf.get(s);
    if (!list) subjectsOf.set(s, [m]);
    else if (list.every((x) => x.person !== m.person)) list.push(m);
  }
  return ctx;
}

/** Finds the quotations of reported speech and attributes each to its speaker. */
export function findQuotes(input: QuoteContext): Quote[] {
  const { text, tokens, sentenceStarts, spans } = input;
  const ctx = buildAttributionContext(input);
  const { mentionAt, quoted, subjectsOf } = ctx;
  const subjectOf = new Map<number, PersonMention>();
  for (const [s, list] of subjectsOf) subjectOf.set(s, list[0] as PersonMention);
  // Sentences with a speech verb outside quotes: their subject is someone speaking.
  const speechSentences = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    if (!quoted[i] && isSpeechCue(tokens, i)) speechSentences.add((tokens[i] as Token).sentence);
  }

  const quotes: Quote[] = [];
  const quoteSpans: QuoteSpan[] = [];
  const attributed: boolean[] = []; // the sentence itself names the speaker (or an unnamed one)
  const unsure: Unsure[] = [];
  const blocks: number[] = []; // quotations that are a whole block on their own
  let previous: { speaker: Speaker; sentence: number } | null = null;
  for (const span of spans) {
    const raw = text.slice(span.start, span.end);
    if (!/[\p{L}\p{N}]/u.test(raw)) continue;
    // The sentence the quotation opens: a sentence that opens with the mark starts after it.
    const sIdx = sentenceAt(sentenceStarts, span.start);
    const sStart = sentenceStarts[sIdx] ?? 0;
    const eIdx = sentenceAt(sentenceStarts, Math.max(span.open, span.close - 1));
    const sEnd = sentenceStarts[eIdx + 1] ?? text.length;
    const closeSentence = tokens[firstTokenAtOrAfter(tokens, span.close)]?.sentence ?? eIdx + 1;
    // Context tokens outside any quote.
    const pre: number[] = [];
    // Context is bounded (CONTEXT tokens each side) so a run-on "sentence" stays linear.
    const openAt = firstTokenAtOrAfter(tokens, span.open);
    for (
      let i = Math.max(firstTokenAtOrAfter(tokens, sStart), openAt - CONTEXT);
      i < tokens.length && (tokens[i] as Token).end <= span.open;
      i++
    ) {
      if (!quoted[i]) pre.push(i);
    }
    const post: number[] = [];
    const postEnd = span.unclosed ? span.close : sEnd;
    const closeAt = firstTokenAtOrAfter(tokens, span.close);
    for (
      let i = closeAt;
      i < tokens.length && i < closeAt + CONTEXT && (tokens[i] as Token).start < postEnd;
      i++
    ) {
      if (!quoted[i]) post.push(i);
    }
    // "?” Jane Roe asked." (or ".” Jane Roe said.", British style) ends the sentence inside
    // the quote; let attribution look past it.
    if (post.length === 0 && /[?!.]$/.test(raw.trim())) {
      for (
        let i = firstTokenAtOrAfter(tokens, span.close);
        i < tokens.length && post.length < 5;
        i++
      ) {
        if (quoted[i] || (tokens[i] as Token).sentence !== closeSentence) break;
        post.push(i);
      }
      // After a full stop, only a sentence that is nothing but the attribution counts, or a
      // signature after a dash ("“…” — Jane Roe, minister").
      const nextTok = tokens[(post[post.length - 1] ?? -1) + 1];
      const whole = !nextTok || nextTok.sentence !== closeSentence;
      const signed = /^\s*[—–]\s*$/.test(text.slice(span.close, tokens[post[0] ?? -1]?.start));
      if (
        /\.$/.test(raw.trim()) &&
        !signed &&
        !(whole && post.some((i) => isVerb(tokens[i] as Token)))
      )
        post.length = 0;
    }

    const words = raw
      .trim()
      .split(/\s+/)
      .filter((w) => /[\p{L}\p{N}]/u.test(w));
    const shortTerm = words.length <= 3 && !/[.!?]["'”’]?\s*$/.test(raw.trim());
    // "Roe: Allegations are “not credible”": a heading or line that opens with a name (and its
    // role: "Jane Roe, the mayor: “…”") and a colon gives that person's words.
    const lead = mentionAt[pre[0] ?? -1];
    const headed =
      lead !== undefined &&
      lead.start === (tokens[pre[0] as number] as Token).start &&
      (/^\s*:/.test(text.slice(lead.end, lead.end + 3)) ||
        HEADED_ROLE.test(text.slice(lead.end, span.open)))
        ? lead
        : undefined;
    // After a short term, a verb joined by "and" is the sentence going on, not an attribution
    // ("the luxury of being “patient” and insisting on terms").
    const attributesAfter = (i: number) =>
      !(shortTerm && COORDINATORS.has(tokens[i - 1]?.low ?? '')) && isSpeechCue(tokens, i);
    // "“No deal,” Roe laughed.": a speech tag, whatever its verb; "“No deal” — Jane Roe": a
    // signature.
    const tag = speechTag(ctx, span, pre, post);
    const hasSpeechCue =
      headed !== undefined ||
      tag !== null ||
      signature(ctx, post, span.close) !== null ||
      pre.some((i) => isSpeechCue(tokens, i, mentionAt)) ||
      post.some(attributesAfter);

    let verdict = speechVerdict(ctx, {
      span,
      raw,
      words,
      pre,
      post,
      shortTerm,
      hasSpeechCue,
      headed: headed !== undefined,
    });
    // "Roe is “confident” the bill will pass", "She wants “a fair deal”": a short quote with
    // no speech verb whose clause has a named person (or he/she) as its subject is that
    // person's words.
    const subject = !hasSpeechCue && words.length <= 8 ? clauseSubject(ctx, pre) : null;
    if (verdict === 'unsure' && subject) verdict = 'speech';
    // "“Foreign-backed rebel units”" as a heading or pull quote between paragraphs: a block
    // that is only a quotation of two words or more is one, whoever said it (see
    // shareWithBlocks); one word, or a list of such blocks (titles of works), is not.
    if (verdict === 'unsure' && words.length >= 2 && aloneInBlock(text, span, input.breaks)) {
      quotes.push({
        text: raw,
        start: span.start,
        end: span.end,
        speaker: null,
        speakerType: 'unnamed',
      });
      quoteSpans.push(span);
      attributed.push(false);
      blocks.push(quotes.length - 1);
      continue;
    }
    if (verdict !== 'speech') {
      if (
        (verdict === 'unsure' || verdict === 'title') &&
        words.length >= 2 &&
        words.length <= ECHO_WORDS
      )
        unsure.push({ span, words: keyWords(raw) });
      continue;
    }

    // "X said that “…” as prices fell, a newspaper reported": a clause after the quote that
    // opens with a conjunction reports it second-hand; the verb before it names the speaker.
    const subordinate = SUBORDINATORS.has(tokens[post[0] ?? -1]?.low ?? '');
    let speaker = subordinate
      ? (attributeBefore(ctx, pre) ??
        attributeAfter(ctx, post, span.close) ??
        attributeLater(ctx, post))
      : (attributeAfter(ctx, post, span.close) ??
        tag ??
        attributeBefore(ctx, pre) ??
        attributeClosingSource(ctx, post) ??
        attributeLater(ctx, post));
    if (speaker?.type === 'pronoun') {
      speaker =
        speaker.word === 'it'
          ? resolveIt(ctx, sIdx, previous)
          : resolvePronoun(ctx, sIdx, speaker, previous);
    }
    if (!speaker && pre.length > 0 && introducedByColon(ctx, pre, span)) {
      // "Jane Roe summed up the trip: “…”": a colon hands the sentence's subject the words.
      const m = subjectsOf.get(sIdx)?.find((x) => x.end <= span.open);
      if (m && m === subjectsOf.get(sIdx)?.[0]) speaker = speakerFromMention(ctx, m);
    }
    if (!speaker && headed) speaker = speakerFromMention(ctx, headed);
    if (!speaker) {
      // "Kessel cheered the “historic” move": the stance verb's subject.
      const k = stanceVerb(ctx, pre, words);
      if (k >= 0) speaker = subjectBefore(ctx, pre, k, false);
    }
    if (!speaker && subject) {
      speaker = subject.type === 'pronoun' ? resolvePronoun(ctx, sIdx, subject, previous) : subject;
    }
    const explicit = speaker !== null;
    if (!speaker) {
      // No speech verb in the sentence: the quote continues the previous speaker's words
      // (a quote standing alone, or a name as the subject of a partial quote); failing that,
      // a quote standing alone belongs to the person the previous sentence is about.
      // A sentence with no speech verb of its own ("“…”" alone, or "China is “…”") right
      // after one where a person speaks, with no quotation between: that person's words.
      const said = subjectOf.get(sIdx - 1);
      const prevIsQuote: boolean = previous !== null && previous.sentence >= sIdx - 1;
      // A quotation standing alone as its sentence: the next sentence may name its speaker.
      const alone = pre.length === 0 && closeSentence !== sIdx;
      const nextSaid = alone ? attributeNext(ctx, closeAt, true) : null;
      // "China has denounced the ruling. It was seen as “seriously weakening” …": a sentence
      // before, where someone takes a stand, says whose words these are.
      const stance: Speaker | null =
        !prevIsQuote && !hasSpeechCue ? stanceSubjectOf(ctx, sIdx - 1) : null;
      if (nextSaid) speaker = nextSaid;
      else if (said && !prevIsQuote && !hasSpeechCue && speechSentences.has(sIdx - 1))
        speaker = speakerFromMention(ctx, said);
      else if (stance) speaker = stance;
      else if (previous && sIdx - previous.sentence <= 3) speaker = previous.speaker;
      else if (pre.length === 0) {
        const m = subjectOf.get(sIdx - 1);
        if (m) speaker = speakerFromMention(ctx, m);
        else if (alone) speaker = attributeNext(ctx, closeAt, false);
      }
    }
    if (!speaker || speaker.type === 'pronoun' || speaker.type === 'role') speaker = NOBODY;
    const q: Quote = {
      text: raw,
      start: span.start,
      end: span.end,
      speaker: speaker.name,
      speakerType: speaker.type,
    };
    if (speaker.start !== undefined && speaker.end !== undefined) {
      q.speakerStart = speaker.start;
      q.speakerEnd = speaker.end;
    }
    quotes.push(q);
    quoteSpans.push(span);
    attributed.push(explicit);
    previous = { speaker, sentence: Math.max(eIdx, closeSentence - (post.length > 0 ? 0 : 1)) };
  }
  shareAcrossParagraphs(text, quotes, quoteSpans, attributed);
  shareRepeatedWords(quotes, attributed);
  shareWithBlocks(quotes, attributed, blocks);
  return echoQuotes(text, withRetold(ctx, quotes, quoteSpans), unsure);
}

/** Marks that may open a quotation nested in another. */
const NESTED_MARK = /[‘'“"]/;

/**
 * The quotations with those retold inside them (“… I said, ‘…’”, see retold-quotes.ts) added
 * after their outer quotation: the inner words are the outer speaker's when they say "I" or
 * "we", the named person's, or nobody's.
 */
function withRetold(
  ctx: AttributionContext,
  quotes: readonly Quote[],
  spans: readonly QuoteSpan[],
): Quote[] {
  const out: Quote[] = [];
  quotes.forEach((q, k) => {
    out.push(q);
    if (!NESTED_MARK.test(q.text)) return;
    for (const inner of retoldQuotes(ctx, spans[k] as QuoteSpan)) {
      const r: Quote = {
        text: ctx.text.slice(inner.start, inner.end),
        start: inner.start,
        end: inner.end,
        speaker: null,
      };
      if (inner.speaker === 'self') {
        takeSpeaker(r, q);
      } else {
        const who: Speaker =
          inner.speaker.type === 'pronoun' || inner.speaker.type === 'role'
            ? NOBODY
            : inner.speaker;
        r.speaker = who.name;
        r.speakerType = who.type;
        if (who.type !== 'unnamed' && who.start !== undefined && who.end !== undefined) {
          r.speakerStart = who.start;
          r.speakerEnd = who.end;
        }
      }
      out.push(r);
    }
  });
  return out;
}

/** Longest unsure phrase, in words, that an echo of a quotation may be. */
const ECHO_WORDS = 6;

/** A short quoted phrase with no cue of its own, and its words for lookup. */
interface Unsure {
  span: QuoteSpan;
  words: string[];
}

/** Lowercase words of a quotation, without punctuation or soft hyphens. */
function keyWords(s: string): string[] {
  return s
    .replace(/\u00AD/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/**
 * A short phrase quoted with no cue of its own ("6. “The Gordon problem”", a heading, or "on
 * “the Gordon problem”") that repeats words of a quotation found elsewhere in the text is that
 * quotation's words again: it is kept, with the same speaker. Terms marked as such ("so-called
 * “x”", a nickname, a title) never are. Linear: each quotation's word runs of the lengths
 * sought are looked up once.
 */
function echoQuotes(text: string, quotes: Quote[], unsure: readonly Unsure[]): Quote[] {
  if (unsure.length === 0 || quotes.length === 0) return quotes;
  // Each distinct phrase is looked up once, whoever repeats it.
  const sourceOf = new Map<string, Quote | null>();
  const lengths = new Set<number>();
  for (const u of unsure) {
    sourceOf.set(u.words.join(' '), null);
    lengths.add(u.words.length);
  }
  for (const q of quotes) {
    const w = keyWords(q.text);
    for (let i = 0; i < w.length; i++) {
      for (const n of lengths) {
        if (i + n > w.length) continue;
        const key = w.slice(i, i + n).join(' ');
        if (!sourceOf.has(key)) continue;
        const known = sourceOf.get(key);
        if (!known || known.speaker === null) sourceOf.set(key, q);
      }
    }
  }
  const echoes: Quote[] = [];
  for (const u of unsure) {
    const q = sourceOf.get(u.words.join(' '));
    if (!q) continue;
    const echo: Quote = {
      text: text.slice(u.span.start, u.span.end),
      start: u.span.start,
      end: u.span.end,
      speaker: q.speaker,
    };
    if (q.speakerType) echo.speakerType = q.speakerType;
    echoes.push(echo);
  }
  return echoes.length === 0 ? quotes : [...quotes, ...echoes].sort((a, b) => a.start - b.start);
}

/**
 * A quotation that runs on into the next paragraph: by English convention its first part has
 * no closing mark and the next paragraph opens with a quotation mark. Both parts are one
 * quotation, so the speaker that the text attributes to either part (rather than one guessed
 * from the sentences around it) is the speaker of both.
 */
function shareAcrossParagraphs(
  text: string,
  quotes: Quote[],
  spans: readonly QuoteSpan[],
  attributed: boolean[],
): void {
  const continues = (k: number): boolean => {
    const a = spans[k];
    const b = spans[k + 1];
    if (!a?.unclosed || !b) return false;
    for (let i = a.close; i < b.open; i++) if (!/\s/.test(text[i] ?? '')) return false;
    return true;
  };
  const copy = (from: number, to: number) => {
    takeSpeaker(quotes[to] as Quote, quotes[from] as Quote);
    attributed[to] = attributed[from] as boolean;
  };
  // Backwards first, so a speaker named after the last part reaches every earlier part.
  for (let k = quotes.length - 2; k >= 0; k--) {
    if (continues(k) && attributed[k + 1] && !attributed[k]) copy(k + 1, k);
  }
  for (let k = 0; k + 1 < quotes.length; k++) {
    if (!continues(k) || attributed[k + 1]) continue;
    if (attributed[k] || (quotes[k + 1] as Quote).speaker === null) copy(k, k + 1);
  }
}

/** The block (between `breaks`) holding offset `at`: its start and end. */
function blockAround(text: string, breaks: readonly number[], at: number): [number, number] {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((breaks[mid] as number) <= at) lo = mid + 1;
    else hi = mid;
  }
  return [breaks[lo - 1] ?? 0, breaks[lo] ?? text.length];
}

/** Nothing but spaces and punctuation: what may surround a quotation alone in its block. */
const BARE = /^[\s\p{P}]*$/u;

/**
 * Whether the quotation `span` is all its block holds (a heading, a pull quote), and neither
 * block beside it is also only a quotation (a list of titles, as in a list of publications).
 */
function aloneInBlock(
  text: string,
  span: QuoteSpan,
  breaks: readonly number[] | undefined,
): boolean {
  if (!breaks || breaks.length === 0) return false;
  const only = (s: number, e: number, open: number, close: number) =>
    BARE.test(text.slice(s, open)) && BARE.test(text.slice(close, e));
  const [s, e] = blockAround(text, breaks, span.open);
  if (span.close > e || !only(s, e, span.open, span.close)) return false;
  const quoteOnly = ([bs, be]: [number, number]) => {
    const block = text.slice(bs, be).trim();
    return block.length > 0 && /^[“"‘'«„]/.test(block) && /[”"’'»“]\p{P}*$/u.test(block);
  };
  return (
    !(s > 0 && quoteOnly(blockAround(text, breaks, s - 1))) &&
    !(e < text.length && quoteOnly(blockAround(text, breaks, e)))
  );
}

/**
 * A heading or pull quote (a block that is only a quotation) takes the speaker of a nearby
 * attributed quotation whose words it holds: the body may quote only part of it ("“rebel
 * units”", given to a body, under the heading "“Foreign-backed rebel units”"). Otherwise
 * nobody the text names said it. shareRepeatedWords covers the other way round.
 */
function shareWithBlocks(
  quotes: Quote[],
  attributed: readonly boolean[],
  blocks: readonly number[],
): void {
  for (const i of blocks) {
    const t = quotes[i] as Quote;
    if (t.speaker !== null) continue;
    const k = wordsKey(t);
    const from = Math.max(0, i - REPEAT_WINDOW);
    const to = Math.min(quotes.length, i + REPEAT_WINDOW);
    for (let j = from; j < to; j++) {
      const f = quotes[j] as Quote;
      const kj = wordsKey(f);
      if (j === i || !attributed[j] || f.speaker === null || kj.trim().split(' ').length < 2)
        continue;
      if (!k.includes(kj)) continue;
      t.speaker = f.speaker;
      if (f.speakerType) t.speakerType = f.speakerType;
      break;
    }
  }
}

/** A quotation's words, lowercased and space-padded, so that `includes` matches whole words. */
function wordsKey(q: Quote): string {
  return ` ${q.text
    .replace(/\u00AD/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/** How far apart (in quotations) a repeated quotation is looked for. */
const REPEAT_WINDOW = 100;

/**
 * A heading or pull quote repeats words the article quotes with their speaker elsewhere
 * ("“My fears have been realized”" above "Roe told the committee, “… My fears have been
 * realized.”"): a quotation of three words or more that nothing attributes takes the speaker of
 * a nearby attributed quotation containing the same words.
 */
function shareRepeatedWords(quotes: Quote[], attributed: boolean[]): void {
  const keys = quotes.map(wordsKey);
  for (let i = 0; i < quotes.length; i++) {
    const k = keys[i] as string;
    if (attributed[i] || k.trim().split(' ').length < 3) continue;
    const from = Math.max(0, i - REPEAT_WINDOW);
    const to = Math.min(quotes.length, i + REPEAT_WINDOW);
    for (let j = from; j < to; j++) {
      if (j === i || !attributed[j] || !(keys[j] as string).includes(k)) continue;
      const f = quotes[j] as Quote;
      const t = quotes[i] as Quote;
      t.speaker = f.speaker;
      if (f.speakerType) t.speakerType = f.speakerType;
      delete t.speakerStart;
      delete t.speakerEnd;
      break;
    }
  }
}

/** Gives `to` the speaker of `from`: the name, its kind, and where the name stands (or nowhere). */
function takeSpeaker(to: Quote, from: Quote): void {
  to.speaker = from.speaker;
  if (from.speakerType) to.speakerType = from.speakerType;
  if (from.speakerStart !== undefined && from.speakerEnd !== undefined) {
    to.speakerStart = from.speakerStart;
    to.speakerEnd = from.speakerEnd;
  } else {
    delete to.speakerStart;
    delete to.speakerEnd;
  }
}
