/**
 * Is this quoted span a quotation? The first stage of quotation detection: reported speech
 * is kept; a scare quote marked as such, a modifier ("a “post-truth” society"), a nickname, a
 * policy's name or a title of a work is a term; a short phrase with no cue either way is
 * unsure (kept only when it repeats words someone is quoted saying elsewhere). Kept apart
 * from attribution so a new rule about what counts as speech is one place and one test row.
 */

import type { AttributionContext } from './attribution-context';
import {
  COORDINATORS,
  COPULAS,
  DETERMINERS,
  FUNCTION_WORDS,
  INTENSIFIERS,
  MODALS,
  MODIFIER_DETERMINERS,
  OBJECT_MARKERS,
  SAYING_NAMERS,
  SAYING_SUBJECTS,
  SPEECH_VERBS,
  STANCE_PREPOSITIONS,
  STANCE_VERBS,
  TERM_MARKERS,
  VERB_FILLERS,
  VERB_PARTICLES,
  WORK_NOUNS,
} from './lexicon';
import type { QuoteSpan } from './quote-spans';
import { closingSource, isVerb } from './speech-cues';
import type { Token } from './tokens';

/**
 * True when the word right after a quotation, one space on, could be the noun it modifies ("a
 * “post-truth” society"): lower case, not a function word, a speech verb, an adverb in -ly or a
 * verb in -ed.
 */
function nounFollows(text: string, span: QuoteSpan, after: Token | undefined): boolean {
  return (
    after !== undefined &&
    // "“illegal,” according to X": a quote that ends in punctuation modifies nothing.
    !/[,.;:!?]$/.test(text.slice(span.start, span.end)) &&
    text.slice(span.close, after.start) === ' ' &&
    !after.cap &&
    !FUNCTION_WORDS.has(after.low) &&
    !SPEECH_VERBS.has(after.low) &&
    !/ly$/.test(after.low) &&
    // "insistence on “full autonomy” angered Vell": a verb in the past, not a noun.
    !/^\p{Ll}{3,}ed$/u.test(after.low)
  );
}

/**
 * What a quoted span is: reported `speech`; a `term` (scare quote marked as such, modifier,
 * nickname, policy, title of a work); or `unsure`, a short phrase with no cue either way, kept
 * only when it repeats words someone is quoted saying elsewhere (see `echoQuotes`); or a
 * `title`, three words or more in title case with no cue: a term, unless it repeats a
 * quotation's words (a heading or pull quote: "“We Will Not Back Down”").
 */
export type Verdict = 'speech' | 'term' | 'unsure' | 'title';

/** What `speechVerdict` reads about one quoted span. */
export interface VerdictInput {
  span: QuoteSpan;
  /** The text between the marks. */
  raw: string;
  /** Its words (those holding a letter or digit). */
  words: readonly string[];
  /** Token indexes before and after the span in its sentence, outside quotes. */
  pre: readonly number[];
  post: readonly number[];
  /** Three words or fewer, with no sentence punctuation at the end. */
  shortTerm: boolean;
  /** A speech verb, source or "Name:" lead in the sentence. */
  hasSpeechCue: boolean;
  /** The line opens with a person's name and a colon ("Roe: “…”"). */
  headed: boolean;
}

export function speechVerdict(ctx: AttributionContext, v: VerdictInput): Verdict {
  const { text, tokens } = ctx;
  const { span, raw, words, pre, post, shortTerm, hasSpeechCue, headed } = v;
  const lastPre = pre[pre.length - 1];
  const before = lastPre !== undefined ? (tokens[lastPre] as Token) : undefined;
  const beforeGapOk = before && /^\s*$/.test(text.slice(before.end, span.open));
  // "so-called “x”", "dubbed “x”", "the term “x”"; but "what she called “x”" is her words.
  const herWords = before !== undefined && SAYING_NAMERS.has(before.low) && saidBySubject(ctx, pre);
  if (before && beforeGapOk && TERM_MARKERS.has(before.low) && words.length <= 5 && !herWords)
    return 'term';
  // "a policy of “x”", "the notion of “x”".
  const ofNoun = pre[pre.length - 2];
  if (
    before?.low === 'of' &&
    ofNoun !== undefined &&
    TERM_MARKERS.has((tokens[ofNoun] as Token).low) &&
    words.length <= 5
  ) {
    return 'term';
  }
  // "known as “x”", "known as the “x”".
  const [p1, p2, p3] = [pre.length - 1, pre.length - 2, pre.length - 3].map(
    (k) => tokens[pre[k] ?? -1]?.low,
  );
  if (
    (p1 === 'as' && p2 === 'known') ||
    (DETERMINERS.has(p1 ?? '') && p2 === 'as' && p3 === 'known')
  )
    return 'term';
  // "Kessel hailed the “historic” deal": an evaluative word before the object of a stance verb
  // is the subject's own (lower case, a few words).
  if (stanceObject(ctx, pre, words) && beforeGapOk && !/^\p{Lu}/u.test(raw.trim())) {
    return 'speech';
  }
  // "The “unacceptable” delay, he said, …", "It was a “very productive” meeting, Roe said":
  // a modifier whose noun phrase the attribution follows at once is the speaker's word; so is
  // a phrase opening the sentence ("“Serious concerns” remain, Roe said"), its capital the
  // sentence's.
  const opensSentence = pre.length === 0 && /^\p{Lu}\P{Lu}*$/u.test(raw.trim());
  if (
    words.length <= 2 &&
    (!/^\p{Lu}/u.test(raw.trim()) || opensSentence) &&
    attributedAfterNoun(ctx, post)
  )
    return 'speech';
  // "the “one country, two systems” formula": a phrase between a determiner and its noun names
  // a policy or a term; nobody is quoted.
  const firstAfter = tokens[post[0] ?? -1];
  if (
    before &&
    beforeGapOk &&
    MODIFIER_DETERMINERS.has(before.low) &&
    nounFollows(text, span, firstAfter) &&
    words.length <= 5 &&
    !opensReportedClause(ctx, pre, span) &&
    !/[.!?,;:]["'”’]?\s*$/.test(raw.trim())
  ) {
    return 'term';
  }
  if (!shortTerm && words.length > 8) return 'speech';
  // Title case with no sentence punctuation: a name, nickname or title of a work.
  const letters = words.filter((w) => /^\p{L}/u.test(w));
  const significant = letters.filter(
    (w) => !/^(of|the|a|an|and|in|on|for|to|at|by|with|or)$/.test(w),
  );
  const titleCase =
    significant.length > 0 &&
    significant.every((w) => /^[\p{Lu}#@\d]/u.test(w) || /^\p{L}+[\p{Lu}]/u.test(w)) &&
    !/[.!?]["'”’]?\s*$/.test(raw.trim());
  const workBefore = before !== undefined && beforeGapOk && WORK_NOUNS.has(before.low);
  const punctuatedSpeech = hasSpeechCue && /[,.!?]$/.test(raw.trim());
  if (titleCase && words.length <= 6) {
    // A title of a work ("his book “The Long Road,”"), a name or a nickname; but a
    // one-word exclamation or a short sentence that someone said stays a quote.
    if (workBefore) return 'term';
    // "Roe: “We Will Win”", a headline in title case: the named person's words.
    const headline = headed && words.length >= 3;
    // "said the ruling was “Kafkaesque”", "“OK”": one capitalised word as a predicate, said.
    // "Roe’s answer: “No”": one word after a colon where someone speaks.
    const predicate =
      hasSpeechCue &&
      words.length === 1 &&
      before !== undefined &&
      ((beforeGapOk && COPULAS.has(before.low)) ||
        /^\s*:\s*$/.test(text.slice(before.end, span.open)));
    if (!headline && !predicate && !(punctuatedSpeech && (words.length === 1 || words.length >= 3)))
      return words.length >= 3 && !hasSpeechCue ? 'title' : 'term';
  }
  if (!shortTerm) return 'speech';
  // A quoted modifier: "a “post-truth” society"; but a quoted verb taking its object after a
  // preposition or noun ("accuses them of “misappropriating” secrets", "talks “proved futile”
  // due to") is someone's words when a speech cue says whose.
  // A phrase of two words in a sentence a source closes ("signed “bogus logbooks”
  // attesting …, according to court records") is that source's words, whatever follows it.
  if (
    nounFollows(text, span, firstAfter) &&
    words.length <= 2 &&
    !quotedVerb(words, before) &&
    !herWords &&
    !opensReportedClause(ctx, pre, span) &&
    !(words.length === 2 && closingSource(text, tokens, post) >= 0)
  ) {
    return 'term';
  }
  // "seen as “seriously weakening” the power": an adverb and a verb in -ing, quoted with no
  // noun after them, are a verb phrase someone used, not a term.
  if (
    words.length === 2 &&
    /^\p{Ll}+ly$/u.test(words[0] ?? '') &&
    /^\p{Ll}+ing$/u.test(words[1] ?? '') &&
    !nounFollows(text, span, firstAfter)
  )
    return 'speech';
  // "what it termed “foreign interference”": named by the sentence's subject, so its words.
  if (herWords) return 'speech';
  return hasSpeechCue ? 'speech' : 'unsure';
}

/**
 * True when a quote opens the clause a speech verb reports ("Roe said “serious concerns”
 * remained", "… said that “…” remained"): the word after it is that clause's verb, not a
 * noun the quote modifies.
 */
function opensReportedClause(
  ctx: AttributionContext,
  pre: readonly number[],
  span: QuoteSpan,
): boolean {
  const { text, tokens } = ctx;
  const last = tokens[pre[pre.length - 1] ?? -1];
  if (!last || !/^\s*$/.test(text.slice(last.end, span.open))) return false;
  const verb = last.low === 'that' ? tokens[pre[pre.length - 2] ?? -1] : last;
  return verb !== undefined && isVerb(verb) && !/ing$/.test(verb.low);
}

/**
 * True when the naming verb right before a quote has a person for its subject: a personal
 * pronoun or a capitalised name, past an auxiliary ("what he has called", "which Calder termed").
 */
function saidBySubject(ctx: AttributionContext, pre: readonly number[]): boolean {
  const { tokens } = ctx;
  let k = pre.length - 2;
  while (k >= 0 && VERB_FILLERS.has((tokens[pre[k] as number] as Token).low)) k--;
  const subject = tokens[pre[k] ?? -1];
  if (!subject || subject.sentence !== tokens[pre[pre.length - 1] as number]?.sentence)
    return false;
  if (SAYING_SUBJECTS.has(subject.low)) return true;
  // A capitalised subject, not the sentence's first word ("Vell launched a program called").
  const prev = tokens[pre[k - 1] ?? -1];
  return subject.cap && prev !== undefined && prev.sentence === subject.sentence;
}

/**
 * True for a one- or two-word quote that reads as a verb ("misappropriating", "proved
 * futile"): it opens with an unhyphenated lowercase word in -ed or -ing after no determiner.
 * Hyphenated compounds ("fact-checking") and words after a determiner ("the “alleged” plot")
 * stay modifiers.
 */
function quotedVerb(words: readonly string[], before: Token | undefined): boolean {
  const first = words[0] ?? '';
  // "the company “knowingly misled” investors": an adverb and the verb it qualifies.
  const adverbVerb =
    words.length === 2 && /^\p{Ll}+ly$/u.test(first) && /^\p{Ll}/u.test(words[1] ?? '');
  // "it would “never allow” secession": after a modal or "to", a verb phrase.
  if (before !== undefined && MODALS.has(before.low) && /^\p{Ll}/u.test(first)) return true;
  return (
    (/^\p{Ll}+(?:ed|ing)$/u.test(first) || adverbVerb) &&
    (before === undefined || !MODIFIER_DETERMINERS.has(before.low))
  );
}

/**
 * True when the tokens after a quoted modifier are its noun (one to three lowercase words) and
 * then, after a comma, an attribution: "… delay, he said", "… meeting, said Roe", "… move,
 * Roe told reporters".
 */
function attributedAfterNoun(ctx: AttributionContext, post: readonly number[]): boolean {
  const { text, tokens } = ctx;
  for (let j = 0; j < 3 && j < post.length; j++) {
    const t = tokens[post[j] as number] as Token;
    if (t.cap || FUNCTION_WORDS.has(t.low) || isVerb(t)) return false;
    if (j > 0 && post[j] !== (post[j - 1] as number) + 1) return false;
    const next = tokens[post[j + 1] ?? -1];
    if (!next) return false;
    const gap = text.slice(t.end, next.start);
    if (gap === ' ') continue;
    if (!/^,\s$/.test(gap)) return false;
    // After the comma: "said X", or a short subject and its speech verb, then a break.
    for (let k = j + 1; k < post.length && k <= j + 5; k++) {
      const v = tokens[post[k] as number] as Token;
      if (!isVerb(v)) continue;
      if (k === j + 1) return post[k + 1] !== undefined;
      const after = tokens[post[k + 1] ?? -1];
      return (
        !after ||
        after.sentence !== v.sentence ||
        /^[,.;]/.test(text.slice(v.end, after.start)) ||
        OBJECT_MARKERS.has(after.low) ||
        after.low === 'reporters'
      );
    }
    return false;
  }
  return false;
}

/**
 * True when a one-word quote sits between a determiner and the noun of a stance verb's object:
 * "hailed the “historic” deal", "cheered on the “historic” move".
 */
function stanceObject(
  ctx: AttributionContext,
  pre: readonly number[],
  words: readonly string[],
): boolean {
  return stanceVerb(ctx, pre, words) >= 0;
}

/**
 * Two lowercase words joined by a coordinator ("reckless and dangerous", "thorough and
 * transparent"): how a speaker pairs evaluative words; names of policies and titles are not
 * built that way in lower case.
 */
function evaluativePair(words: readonly string[]): boolean {
  return (
    words.length === 3 &&
    COORDINATORS.has(words[1] ?? '') &&
    /^\p{Ll}+$/u.test(words[0] ?? '') &&
    /^\p{Ll}+$/u.test(words[2] ?? '')
  );
}

/**
 * An intensifier and a lowercase word ("very productive", "deeply troubling"): a speaker's
 * graded evaluation.
 */
function intensifiedPair(words: readonly string[]): boolean {
  const [a = '', b = ''] = words;
  return (
    words.length === 2 && (INTENSIFIERS.has(a) || /^\p{Ll}+ly$/u.test(a)) && /^\p{Ll}+$/u.test(b)
  );
}

/** The index in `pre` of the stance verb whose object a short quote modifies, or -1. */
export function stanceVerb(
  ctx: AttributionContext,
  pre: readonly number[],
  words: readonly string[],
): number {
  const { tokens } = ctx;
  // One word, or two joined by "and" ("the “reckless and dangerous” decision"): a longer
  // phrase there is as often a policy's name ("rejected the “phase one” deal") as the
  // subject's words.
  const graded = evaluativePair(words) || intensifiedPair(words);
  if (words.length !== 1 && !graded) return -1;
  const det = tokens[pre[pre.length - 1] ?? -1];
  // "warned of “catastrophic” risks", "spoke against “reckless” cuts": a speech or stance
  // verb, a preposition of its topic, and the quoted word.
  if (det && STANCE_PREPOSITIONS.has(det.low)) {
    const k = MODIFIER_DETERMINERS.has(tokens[pre[pre.length - 2] ?? -1]?.low ?? '')
      ? -1
      : pre.length - 2;
    const verb = tokens[pre[k] ?? -1];
    const speaks =
      verb !== undefined &&
      !verb.cap &&
      (STANCE_VERBS.has(verb.low) || isVerb(verb) || verb.low === 'spoke' || verb.low === 'speaks');
    return speaks ? k : -1;
  }
  // "dismissed the report as “nonsense”": the stance verb before its object and "as".
  if (det?.low === 'as') {
    for (let k = pre.length - 2; k >= 0 && k >= pre.length - 6; k--) {
      const t = tokens[pre[k] as number] as Token;
      const next = tokens[(pre[k] as number) + 1] as Token;
      if (pre[k + 1] !== (pre[k] as number) + 1 || /[^\s]/.test(ctx.text.slice(t.end, next.start)))
        return -1;
      if (!t.cap && STANCE_VERBS.has(t.low)) return k;
    }
    return -1;
  }
  if (!det || !MODIFIER_DETERMINERS.has(det.low)) return -1;
  let k = pre.length - 2;
  if (VERB_PARTICLES.has(tokens[pre[k] ?? -1]?.low ?? '')) k--;
  // "warned of a “catastrophic” flood": a preposition of the topic before the determiner.
  const topic = STANCE_PREPOSITIONS.has(tokens[pre[k] ?? -1]?.low ?? '');
  if (topic) k--;
  const verb = tokens[pre[k] ?? -1];
  // "said a “very productive” meeting": a graded pair after a verb of saying too.
  const says = STANCE_VERBS.has(verb?.low ?? '') || ((graded || topic) && !!verb && isVerb(verb));
  return verb !== undefined && !verb.cap && says ? k : -1;
}
