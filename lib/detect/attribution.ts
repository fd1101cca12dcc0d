/**
 * Who said a quotation: the stage after the filter. It reads the sentence around a quotation
 * the way a reader does: "…,” said X / X said / X wrote on Twitter / according to X / X noted:
 * “…” / X’s remarks: “…”, past appositives, relative clauses, parentheses and objects; a
 * passive's agent ("a statement issued by the ministry"); "a spokesman for X" as an unnamed
 * speaker, not X; a bare role ("the president said") or noun ("the report said") resolved to
 * the last person or document named with it; and the named person or he/she whose clause runs
 * into a short quote. Pronouns are left as such for pronouns.ts to resolve. Every function
 * reads the document through one AttributionContext.
 */

import {
  type AttributionContext,
  firstTokenAtOrAfter,
  NOBODY,
  type Speaker,
  speakerFromMention,
} from './attribution-context';
import {
  BACK_VERBS,
  CALENDAR_WORDS,
  COPULAS,
  DETERMINERS,
  DOCUMENT_NOUNS,
  FUNCTION_WORDS,
  NATIONALITIES,
  NOT_NAME_WORDS,
  OBJECT_MARKERS,
  OFFICIAL_ROLES,
  ORG_CONNECTORS,
  ORG_WORDS,
  PASSIVE_AUXILIARIES,
  PASSIVE_SPEECH,
  PERSON_PRONOUNS,
  PLACES,
  POINTING_BACK,
  PREPOSITIONS,
  PRESS_ROLES,
  ROLE_MODIFIERS,
  SKIPPABLE,
  SOURCE_PREPOSITIONS,
  SPEAKING_BODIES,
  SPEAKING_NAMES,
  STANCE_VERBS,
  STATES_OF_MIND,
  TAG_PARTICLES,
  TAG_VERBS,
  UNNAMED_SPEAKERS,
  UTTERANCE_NOUNS,
} from './lexicon';
import { isNameToken } from './names';
import type { PersonMention } from './people';
import type { QuoteSpan } from './quote-spans';
import { closingSource, isVerb, putIt, reportsClause, sourceAt } from './speech-cues';
import { norm, type Token } from './tokens';
import { W_HONORIFIC, W_TITLEISH } from './word-class';

/** An age set off by commas between a name and its verb ("Jane Roe, 54, said"). */
const AGE_GAP = /^,\s*\d{1,3},\s*$/;

/** How many words may sit between a clause's subject and a short quote it says. */
const SUBJECT_REACH = 10;

/**
 * The named person or he/she whose clause runs, unbroken by punctuation, into a short quote
 * ("Roe is “confident”", "She believes the bill is “dead on arrival”", "Roe wants “a fair
 * deal”"): news writing quotes a few words of the sentence's subject. Not when the person is
 * an object ("talks with Roe"), when a passive comes between ("Roe was accused of “…”": the
 * words are someone else's), or when another name, a place or an organisation is nearer.
 */
export function clauseSubject(ctx: AttributionContext, pre: readonly number[]): Speaker | null {
  const { text, tokens, mentionAt } = ctx;
  let verbSeen = false; // a word between the subject and the quote (its verb)
  for (let k = pre.length - 1; k >= 0 && k >= pre.length - SUBJECT_REACH; k--) {
    const i = pre[k] as number;
    const t = tokens[i] as Token;
    const next = pre[k + 1];
    if (next !== undefined) {
      // Another quotation or any punctuation between: a different clause.
      if (next !== i + 1 || /[^\s]/.test(text.slice(t.end, (tokens[next] as Token).start)))
        return null;
    }
    const m = mentionAt[i];
    if (m) {
      const first = firstTokenAtOrAfter(tokens, m.start);
      if (!verbSeen || isObject(ctx, first)) return null;
      // "Roe on “the Gordon problem”" (a heading): no verb, so no clause of Roe's; but "Roe on
      // Monday sought to “…”" has one.
      const after = firstTokenAtOrAfter(tokens, m.end);
      if (
        PREPOSITIONS.has(tokens[after]?.low ?? '') &&
        !CALENDAR_WORDS.has(tokens[after + 1]?.low ?? '')
      )
        return null;
      return speakerFromMention(ctx, m);
    }
    if (PERSON_PRONOUNS.has(t.low)) {
      return verbSeen
        ? { type: 'pronoun', name: null, word: t.low, start: t.start, end: t.end }
        : null;
    }
    // A capitalised word that names nobody (a place, a body): the clause is not a person's;
    // a day or a month ("Roe on Monday sought to …") is only when.
    if (t.cap && (tokens[i - 1]?.sentence ?? -1) === t.sentence && !CALENDAR_WORDS.has(t.low))
      return null;
    // "was accused of", "is known as", "got labelled": passive, so not the subject's words;
    // but "is convinced", "was worried" say the subject's own mind.
    const participle = tokens[pre[k + 1] ?? -1]?.low ?? '';
    if (
      PASSIVE_AUXILIARIES.has(t.low) &&
      /(?:ed|en)$/.test(participle) &&
      !STATES_OF_MIND.has(participle)
    )
      return null;
    verbSeen = true;
  }
  return null;
}

/**
 * A quotation right after a colon or a dash ("… the trip: “…”", "Roe was blunt — “…”"), in a
 * sentence that opens outside it.
 */
export function introducedByColon(
  ctx: AttributionContext,
  pre: readonly number[],
  span: QuoteSpan,
): boolean {
  const { text, tokens } = ctx;
  const last = tokens[pre[pre.length - 1] as number] as Token;
  return /^\s*[:—–]\s*$/.test(text.slice(last.end, span.open));
}

/**
 * Whether the name at token `i` is an object ("talks with Senator Jane Roe", "told the
 * reporter Jane Roe"): a preposition or an object-taking verb before it, past any title,
 * role words and determiner, within the sentence.
 */
export function isObject(ctx: AttributionContext, i: number): boolean {
  const { text, tokens } = ctx;
  const first = tokens[i] as Token;
  for (let k = i - 1; k >= 0 && k >= i - 8; k--) {
    const t = tokens[k] as Token;
    if (t.sentence !== first.sentence) return false;
    if (/[,;:.!?()—–]/.test(text.slice(t.end, (tokens[k + 1] as Token).start))) return false;
    if (OBJECT_MARKERS.has(t.low)) return true;
    const titleWord = t.cap && (t.lex & (W_TITLEISH | W_HONORIFIC)) !== 0;
    const roleWord = !t.cap && (OFFICIAL_ROLES.has(t.low) || PRESS_ROLES.has(t.low));
    if (!(titleWord || roleWord || t.low === 'the' || t.low === 'a' || t.low === 'an'))
      return false;
  }
  return false;
}

/**
 * The noun phrase whose last word is token `i` (a subject or the object of an inverted "said
 * X"): a person mention, a pronoun, a role ("the president"), an unnamed source or an
 * organisation name.
 */
function nounPhraseAt(ctx: AttributionContext, i: number): Speaker | null {
  const { tokens } = ctx;
  const sp = phraseAt(ctx, i);
  if (sp && sp.type !== 'unnamed' && sp.start !== undefined) {
    // "a spokesman for the British Foreign Office said", "an aide to Mayor Jane Roe said": the
    // unnamed spokesman or aide speaks, not the body or person they work for.
    let a = firstTokenAtOrAfter(tokens, sp.start) - 1;
    if (sp.type === 'person') {
      while (a > 0 && (tokens[a] as Token).cap && (tokens[a] as Token).lex & W_TITLEISH) a--;
    }
    if (tokens[a]?.low === 'the') a--;
    const prep = tokens[a]?.low;
    const head = tokens[a - 1];
    const preps = sp.type === 'person' ? ['for', 'to'] : ['for', 'of', 'at'];
    if (prep && preps.includes(prep) && head && !head.cap) {
      if (UNNAMED_SPEAKERS.has(head.low) || PRESS_ROLES.has(head.low))
        return { type: 'unnamed', name: null, start: head.start, end: head.end };
    }
  }
  return sp;
}

/**
 * The speaker the words ending at token `i` name, before any "spokesman for" is looked past: a
 * person mention, "they", an unnamed source, a pronoun, a platform, a body or document, a
 * capitalised run (an organisation or a surname never introduced), or a bare role.
 */
function phraseAt(ctx: AttributionContext, i: number): Speaker | null {
  const { text, tokens, mentionAt } = ctx;
  const t = tokens[i];
  if (!t) return null;
  const m = mentionAt[i];
  if (m) return speakerFromMention(ctx, m);
  if (t.low === 'they' || t.low === 'we')
    return { type: 'unnamed', name: null, start: t.start, end: t.end };
  // "Officials said", "Prosecutors allege": people nobody names, capitalised only because the
  // sentence starts with them (a body such as "Police" still speaks as itself).
  if (
    t.cap &&
    UNNAMED_SPEAKERS.has(t.low) &&
    !SPEAKING_BODIES.has(t.low) &&
    tokens[i - 1]?.sentence !== t.sentence
  )
    return { type: 'unnamed', name: null, start: t.start, end: t.end };
  if (PERSON_PRONOUNS.has(t.low) || t.low === 'it')
    return { type: 'pronoun', name: null, start: t.start, end: t.end, word: t.low };
  // "Twitter pledged …": a platform or company whose name is never part of a person's.
  if (t.cap && SPEAKING_NAMES.has(t.low))
    return { type: 'organisation', name: t.word, start: t.start, end: t.end };
  // "the Israeli courts", "Israeli": a nationality alone names no speaker.
  if (t.cap && NATIONALITIES.has(t.low) && !mentionAt[i]) return null;
  const body = bodyPhraseAt(ctx, i);
  if (body?.type === 'document') {
    // "Jane Roe’s statement said": the person's words.
    for (let k = firstTokenAtOrAfter(tokens, body.start ?? t.start); k < i; k++) {
      const m = mentionAt[k];
      if (m && (tokens[k] as Token).poss) return speakerFromMention(ctx, m);
    }
  }
  if (body) return body;
  if (t.cap && !NOT_NAME_WORDS.has(t.low)) {
    // A capitalised run: an organisation ("the Foreign Ministry of Ruritania", "Reuters"),
    // or a surname the text never introduced ("Roe said").
    const joins = (x: number, y: number) =>
      text.slice((tokens[x] as Token).end, (tokens[y] as Token).start) === ' ';
    const capOk = (x: Token) => x.cap && !NOT_NAME_WORDS.has(x.low);
    let a = i;
    let b = i;
    while (a > 0 && joins(a - 1, a)) {
      const p = tokens[a - 1] as Token;
      if (capOk(p) && !(p.poss && a - 1 < i - 3)) a--;
      else if (
        ORG_CONNECTORS.has(p.low) &&
        a > 1 &&
        capOk(tokens[a - 2] as Token) &&
        joins(a - 2, a - 1)
      )
        a -= 2;
      else break;
    }
    while (b + 1 < tokens.length && joins(b, b + 1) && !(tokens[b] as Token).poss) {
      const n = tokens[b + 1] as Token;
      if (capOk(n)) b++;
      else if (
        ORG_CONNECTORS.has(n.low) &&
        b + 2 < tokens.length &&
        capOk(tokens[b + 2] as Token) &&
        joins(b + 1, b + 2)
      )
        b += 2;
      else break;
    }
    for (let x = a; x <= b; x++) {
      const m = mentionAt[x];
      if (m) return speakerFromMention(ctx, m);
    }
    // "Jane Roe of Ruritania said": the person before "of".
    const before = tokens[a - 1];
    if (before && (before.low === 'of' || before.low === 'from')) {
      const m = mentionAt[a - 2];
      if (m) return speakerFromMention(ctx, m);
      // A name the text gives no other evidence for: two or three name words before "of".
      let n = a - 2;
      while (n > a - 5 && n >= 0 && isNameToken(tokens[n] as Token) && joins(n, n + 1)) n--;
      if (a - 2 - n >= 2) {
        const first = tokens[n + 1] as Token;
        const lastName = tokens[a - 2] as Token;
        return {
          type: 'person',
          name: text.slice(first.start, lastName.end).replace(/\u00AD/g, ''),
          start: first.start,
          end: lastName.end,
        };
      }
    }
    // "Jane Roe of Vell Shipping said": two or three name words before "of" are a person
    // (not after a determiner: "the Vell Chamber of Commerce").
    const det = tokens[a - 1];
    const afterDet = det !== undefined && DETERMINERS.has(det.low) && joins(a - 1, a);
    for (let x = a + 2; x <= b && x <= a + 3 && !afterDet; x++) {
      const c = tokens[x] as Token;
      if (c.low !== 'of' && c.low !== 'from') continue;
      let names = true;
      for (let y = a; y < x; y++) if (!isNameToken(tokens[y] as Token)) names = false;
      if (!names) break;
      const lastName = tokens[x - 1] as Token;
      const first = tokens[a] as Token;
      return {
        type: 'person',
        name: text.slice(first.start, lastName.end).replace(/\u00AD/g, ''),
        start: first.start,
        end: lastName.end,
      };
    }
    const start = (tokens[a] as Token).start;
    const end = (tokens[b] as Token).end;
    const name = text
      .slice(start, end)
      .replace(/['’]s$/, '')
      .replace(/\u00AD/g, '');
    const span = tokens.slice(a, b + 1);
    // "Critically, the …": a sentence adverb, not a name.
    if (span.length === 1 && /ly$/.test(t.low) && /^,/.test(text.slice(end, end + 1))) return null;
    if (
      span.length === 1 &&
      !ORG_WORDS.has(t.low) &&
      !t.upper &&
      !PLACES.has(t.low) &&
      !t.initial
    ) {
      return { name, type: 'person', start, end };
    }
    return { name, type: 'organisation', start, end };
  }
  // Lowercase noun: a role ("the president") or an unnamed source ("a spokesman").
  if (OFFICIAL_ROLES.has(t.low) || UNNAMED_SPEAKERS.has(t.low) || PRESS_ROLES.has(t.low)) {
    return { type: 'role', name: null, start: t.start, end: t.end };
  }
  return null;
}

/**
 * "The French foreign ministry said", "Russia’s foreign ministry said", "the IAEA report
 * said": a lowercase body or document noun that a proper name or nationality qualifies is an
 * organisation or a document speaking. Without one ("the ministry said") it is left unnamed.
 */
function bodyPhraseAt(ctx: AttributionContext, i: number): Speaker | null {
  const { text, tokens } = ctx;
  const t = tokens[i] as Token;
  const kind = SPEAKING_BODIES.has(t.low)
    ? 'organisation'
    : DOCUMENT_NOUNS.has(t.low)
      ? 'document'
      : null;
  if (!kind || t.cap) return null;
  let a = i;
  let proper = false;
  for (let k = i - 1; k >= 0 && k >= i - 4; k--) {
    const p = tokens[k] as Token;
    if (text.slice(p.end, (tokens[k + 1] as Token).start) !== ' ') break;
    if (p.cap && !(NOT_NAME_WORDS.has(p.low) && !NATIONALITIES.has(p.low))) proper = true;
    else if (!ROLE_MODIFIERS.has(p.low)) break;
    a = k;
    if (p.poss) break;
  }
  if (!proper) return null;
  const start = (tokens[a] as Token).start;
  const name = text.slice(start, t.end).replace(/\u00AD/g, '');
  return { type: kind, name, start, end: t.end };
}

/** How many tokens back "the report said" looks for the report it names. */
const DOCUMENT_LOOKBACK = 400;

/**
 * Resolves "the president said" (or "Vell’s ambassador said") to the last person whose titles
 * hold that role, and "the report said" to the last document or body named with that noun
 * ("the IAEA report"); an unnamed one otherwise.
 */
function resolveRole(ctx: AttributionContext, i: number): Speaker {
  const { tokens, mentionAt, personById } = ctx;
  const role = (tokens[i] as Token).low;
  // "the former governor", "the deputy foreign minister": past the role's modifiers.
  let d = i - 1;
  while (
    d > i - 4 &&
    tokens[d] &&
    !(tokens[d] as Token).cap &&
    ROLE_MODIFIERS.has((tokens[d] as Token).low)
  )
    d--;
  const before = tokens[d];
  const det = before?.low;
  if (det === 'the' && (DOCUMENT_NOUNS.has(role) || SPEAKING_BODIES.has(role))) {
    for (let k = i - 1; k >= 0 && k > i - DOCUMENT_LOOKBACK; k--) {
      const t = tokens[k] as Token;
      if (t.low !== role) continue;
      const named = t.cap ? phraseAt(ctx, k) : bodyPhraseAt(ctx, k);
      if (named && (named.type === 'organisation' || named.type === 'document'))
        return { ...named, start: (tokens[i] as Token).start, end: (tokens[i] as Token).end };
    }
    return NOBODY;
  }
  // "the ambassador", or a country's: "Vell’s ambassador".
  const owned = before?.poss && before.cap && mentionAt[d] === undefined;
  if ((det === 'the' || owned) && OFFICIAL_ROLES.has(role) && !UNNAMED_SPEAKERS.has(role)) {
    let best: PersonMention | null = null;
    for (let k = i - 1; k >= 0 && k > i - 600; k--) {
      const m = mentionAt[k];
      if (!m) continue;
      const p = personById.get(m.person);
      if (
        p?.titles.some((tt) => ` ${norm(tt)} `.includes(` ${role} `) || norm(tt).includes(role))
      ) {
        best = m;
        break;
      }
    }
    if (best) return speakerFromMention(ctx, best) ?? NOBODY;
    // "Vell’s ambassador warned …" in a lede, "Vell’s ambassador, Ivo Dragan, said" later: the
    // first person named later with the same role, after the same owner.
    if (owned) return laterHolder(ctx, i, role, ownerOf(before)) ?? NOBODY;
  }
  return NOBODY;
}

/** The owner word of a possessive ("Vell’s" → "vell"). */
function ownerOf(t: Token): string {
  return t.low.replace(/['’]s$/, '');
}

/** How many words after a role its holder may be named. */
const ROLE_LOOKAHEAD = 600;

/**
 * The first person named after token `i` whose titles hold `role` and whose name follows the
 * same owner's possessive within a few words ("Vell’s ambassador to Britain, Ivo Dragan").
 */
function laterHolder(
  ctx: AttributionContext,
  i: number,
  role: string,
  owner: string,
): Speaker | null {
  const { tokens, mentionAt, personById } = ctx;
  for (let k = i + 1; k < tokens.length && k < i + ROLE_LOOKAHEAD; k++) {
    const m = mentionAt[k];
    if (!m || m.start !== (tokens[k] as Token).start) continue;
    const p = personById.get(m.person);
    if (!p?.titles.some((tt) => norm(tt).includes(role))) continue;
    for (let j = k - 1; j >= 0 && j >= k - 8; j--) {
      const t = tokens[j] as Token;
      if (t.sentence !== (tokens[k] as Token).sentence) break;
      if (t.poss && ownerOf(t) === owner) return speakerFromMention(ctx, m);
    }
  }
  return null;
}

/** A speaker as reported: a bare role ("the president said") resolved to the person holding it. */
function finish(ctx: AttributionContext, sp: Speaker | null, i: number): Speaker | null {
  if (!sp) return null;
  if (sp.type === 'role') return resolveRole(ctx, i);
  return sp;
}

/**
 * The person signing a quotation: "“…” — Jane Roe (@janeroe)", a tweet or epigraph signed with
 * a dash, or in parentheses ("“…” (Jane Roe)"), the name past a title ("— Foreign Minister
 * Jane Roe"), right after the closing mark at `close`.
 */
export function signature(
  ctx: AttributionContext,
  post: readonly number[],
  close: number,
): Speaker | null {
  const { text, tokens, mentionAt } = ctx;
  const p0 = post[0];
  if (p0 === undefined || !/^\s*[—–(]\s*$/.test(text.slice(close, (tokens[p0] as Token).start)))
    return null;
  for (let f = 0; f < post.length && f < 4; f++) {
    const at = post[f] as number;
    const m = mentionAt[at];
    if (m) return m.start >= (tokens[at] as Token).start ? speakerFromMention(ctx, m) : null;
    if (!(tokens[at] as Token).cap || at !== p0 + f) break;
  }
  return null;
}

/**
 * "…,” said X" / "…,” X said" / "…,” he added" / "“…” — X" right after the closing mark
 * (offset `close`, when known).
 */
export function attributeAfter(
  ctx: AttributionContext,
  post: readonly number[],
  close?: number,
): Speaker | null {
  const { text, tokens, mentionAt } = ctx;
  const p0 = post[0];
  if (p0 === undefined) return null;
  const t0 = tokens[p0] as Token;
  // "…’, adding that ministers …": the participle goes on with the sentence's subject; the
  // words after it are not an inverted attribution.
  if (isVerb(t0) && /ing$/.test(t0.low)) return null;
  const m0 = mentionAt[p0];
  if (close !== undefined) {
    const signer = signature(ctx, post, close);
    if (signer) return signer;
  }
  if (isVerb(t0)) {
    // Inverted: "said Martin Indyk, …", "said the spokesman".
    let k = 1;
    while (
      k < post.length &&
      k < 4 &&
      ['the', 'a', 'an', 'his', 'her', 'its', 'their'].includes(
        (tokens[post[k] as number] as Token).low,
      )
    )
      k++;
    const idx = post[k];
    if (idx === undefined) return null;
    // "said Senator Jane Roe": the mention may start after a title.
    for (let f = k; f < post.length && f < k + 5; f++) {
      const at = post[f] as number;
      const m = mentionAt[at];
      if (m) return nounPhraseAt(ctx, at);
      const n = tokens[at + 1];
      if (!n || /[,;:.]/.test(text.slice((tokens[at] as Token).end, n.start))) break;
    }
    // For "said the ministry's spokesman" take the head; for names take the first mention.
    const m = mentionAt[idx];
    if (m) return speakerFromMention(ctx, m);
    let h = idx;
    while (
      h + 1 < tokens.length &&
      !(tokens[h] as Token).cap &&
      !OFFICIAL_ROLES.has((tokens[h] as Token).low) &&
      !UNNAMED_SPEAKERS.has((tokens[h] as Token).low) &&
      h < idx + 3
    )
      h++;
    return finish(ctx, nounPhraseAt(ctx, h), h);
  }
  // "…,’’ Jane Roe, chief executive of Fennix, told the BBC": an appositive between the
  // name right after the quote and its verb; a name nobody introduced too ("…,” Roe, a
  // Democrat from Vell, told reporters": Roe, not Vell).
  if (m0 || t0.cap) {
    let k = 1;
    const joined = (a: number, b: number) =>
      b === a + 1 &&
      (tokens[b] as Token).cap &&
      text.slice((tokens[a] as Token).end, (tokens[b] as Token).start) === ' ';
    while (
      k < post.length &&
      (m0 ? mentionAt[post[k] as number] === m0 : joined(post[k - 1] as number, post[k] as number))
    )
      k++;
    const end = tokens[post[k - 1] as number] as Token;
    const nextTok = tokens[post[k] as number];
    if (nextTok && text.slice(end.end, nextTok.start).trim().startsWith(',')) {
      for (let f = k; f < post.length && f < k + 25; f++) {
        const v = tokens[post[f] as number] as Token;
        const before = tokens[(post[f] as number) - 1] as Token;
        if (!isVerb(v) || !/,\s*$/.test(text.slice(before.end, v.start))) continue;
        if (m0) return speakerFromMention(ctx, m0);
        const sp = nounPhraseAt(ctx, post[k - 1] as number);
        if (sp?.type === 'person' || sp?.type === 'organisation') return sp;
        break;
      }
    }
  }
  // "“…,” according to Jane Roe.": the source right after the quotation.
  const source = sourceAt(tokens, p0, mentionAt);
  if (source >= 0) {
    const limit = (tokens[post[post.length - 1] as number] as Token).end;
    return sourceSpeaker(ctx, source, limit);
  }
  // "“…” was the message from Jane Roe": the words' source.
  if (COPULAS.has(t0.low)) {
    let k = 1;
    if (DETERMINERS.has(tokens[post[k] ?? -1]?.low ?? '')) k++;
    const noun = tokens[post[k] ?? -1];
    const prep = tokens[post[k + 1] ?? -1];
    if (noun && prep && UTTERANCE_NOUNS.has(noun.low) && SOURCE_PREPOSITIONS.has(prep.low)) {
      const sp = phraseFrom(ctx, (post[k + 1] as number) + 1);
      if (sp) return sp;
    }
  }
  // "…,” it was said by the governor.", "…,” read a post shared by X": the passive's agent,
  // when only auxiliaries and the words' own noun come between (not "… interests” mutually
  // shared by Vell, he said").
  for (let k = 0; k < post.length && k < 9; k++) {
    const agent = passiveAgent(ctx, post[k] as number);
    if (agent) return agent;
    const w = (tokens[post[k] as number] as Token).low;
    const lead =
      w === 'it' ||
      w === 'were' ||
      w === 'are' ||
      w === 'been' ||
      w === 'read' ||
      w === 'reads' ||
      SKIPPABLE.has(w) ||
      DETERMINERS.has(w) ||
      UTTERANCE_NOUNS.has(w) ||
      DOCUMENT_NOUNS.has(w);
    if (!lead) break;
  }
  // Subject then verb, within the first few words: "X said", "X also told reporters", "is
  // how X put it".
  for (let k = 1; k < post.length && k < 9; k++) {
    const vi = post[k] as number;
    const v = tokens[vi] as Token;
    if (!isVerb(v) && !putIt(tokens, vi)) continue;
    let s = k - 1;
    while (s > 0 && SKIPPABLE.has((tokens[post[s] as number] as Token).low)) s--;
    s = pastParenthesis(ctx, post, s);
    if (s < 0) return null;
    const si = post[s] as number;
    const sp = nounPhraseAt(ctx, si);
    if (sp) return finish(ctx, sp, si);
    return null;
  }
  return null;
}

/**
 * The speaker of a speech tag with any verb: a quotation that opens its sentence and ends in
 * its own comma (or ? ! or a dash), then a name or he/she and one verb in the past tense, and
 * the sentence ends ("“No deal,” Roe laughed.", "“No deal,” sighed Roe.", "“No,” she shot
 * back."). The shape is the tag, whatever the verb: no list holds every verb of saying. A
 * quote inside a sentence ("After the “reforms,” Roe resigned.") is not tagged that way.
 */
export function speechTag(
  ctx: AttributionContext,
  span: QuoteSpan,
  pre: readonly number[],
  post: readonly number[],
): Speaker | null {
  const { text, tokens, mentionAt } = ctx;
  const p0 = post[0];
  if (pre.length > 0 || p0 === undefined || span.unclosed) return null;
  if (!/[,?!—–]$/.test(text.slice(span.start, span.end).trimEnd())) return null;
  if (!/^\s*$/.test(text.slice(span.close, (tokens[p0] as Token).start))) return null;
  // The words of the tag, in a row, up to the end of the sentence or a comma.
  const row: number[] = [];
  let ended = false;
  for (let k = 0; k < post.length && k < 7 && !ended; k++) {
    const i = post[k] as number;
    if (i !== p0 + k) return null;
    row.push(i);
    const t = tokens[i] as Token;
    const next = tokens[i + 1];
    const gap = next ? text.slice(t.end, next.start) : '';
    if (!next || next.sentence !== t.sentence || /^[,.;:!?]/.test(gap)) ended = true;
    else if (!/^\s+$/.test(gap)) return null;
  }
  if (!ended) return null;
  const pastVerb = (t: Token | undefined) =>
    t !== undefined &&
    !t.cap &&
    !FUNCTION_WORDS.has(t.low) &&
    (isVerb(t) ||
      BACK_VERBS.has(t.low) ||
      TAG_VERBS.has(t.low) ||
      /^\p{Ll}{2,}ed$/u.test(t.low) ||
      // "“No,” Roe laughs.": the present of features and profiles.
      /^\p{Ll}{3,}[^s']s$/u.test(t.low));
  // The verb, and a particle after it ("shot back", "went on", "broke in"), end the tag.
  const verbAt = (k: number) =>
    pastVerb(tokens[row[k] ?? -1]) &&
    (k === row.length - 1 ||
      (k === row.length - 2 && TAG_PARTICLES.has(tokens[row[k + 1] as number]?.low ?? '')));
  // "“…,” Roe laughed.", "“…,” Senator Roe laughed.": the name (past a title), then the verb.
  let n = 0;
  while (n < row.length && n < 3 && !mentionAt[row[n] as number] && tokens[row[n] as number]?.cap)
    n++;
  const m = mentionAt[row[n] ?? -1];
  if (m) {
    let k = n + 1;
    while (k < row.length && mentionAt[row[k] as number] === m) k++;
    return verbAt(k) ? speakerFromMention(ctx, m) : null;
  }
  const t0 = tokens[p0] as Token;
  if (PERSON_PRONOUNS.has(t0.low) && verbAt(1))
    return { type: 'pronoun', name: null, word: t0.low, start: t0.start, end: t0.end };
  // "“…,” sighed Roe.": the verb, then the name and nothing else.
  const m1 = mentionAt[row[1] ?? -1];
  if (pastVerb(t0) && !BACK_VERBS.has(t0.low) && m1) {
    const end = tokens[row[row.length - 1] as number] as Token;
    return end.end <= m1.end ? speakerFromMention(ctx, m1) : null;
  }
  return null;
}

/** "X said that “…”", "X noted: “…”", "according to X, “…”", "X’s remarks: “…”". */
export function attributeBefore(ctx: AttributionContext, pre: readonly number[]): Speaker | null {
  const { text, tokens, mentionAt } = ctx;
  // Someone's words relayed: "highlighted Secretary Blinken’s comments: “…”". A body's or a
  // country's position voiced by someone ("a spokesperson reiterated the UK’s position that
  // “…”") is that someone's words: the verb's subject below decides.
  utterance: for (let k = pre.length - 1; k >= 1 && k >= pre.length - 25; k--) {
    const t = tokens[pre[k] as number] as Token;
    if (isVerb(t)) break;
    if (!UTTERANCE_NOUNS.has(t.low)) continue;
    // "the claim by Jane Roe that …", "the assurance from Roe that …": the noun's source.
    const by = pre[k + 1];
    if (
      by === (pre[k] as number) + 1 &&
      SOURCE_PREPOSITIONS.has((tokens[by] as Token).low) &&
      text.slice(t.end, (tokens[by] as Token).start) === ' '
    ) {
      for (let j = k + 2; j < pre.length && j <= k + 5; j++) {
        const m = mentionAt[pre[j] as number];
        if (m) return speakerFromMention(ctx, m);
        if (!(tokens[pre[j] as number] as Token).cap) break;
      }
    }
    for (let j = k - 1; j >= 0 && j >= k - 3; j--) {
      const o = tokens[pre[j] as number] as Token;
      const m = mentionAt[pre[j] as number];
      if (o.poss && m) return speakerFromMention(ctx, m);
      if (o.poss && o.cap) {
        for (let v = j - 1; v >= 0; v--)
          if (isVerb(tokens[pre[v] as number] as Token)) break utterance;
        return nounPhraseAt(ctx, pre[j] as number);
      }
    }
  }
  let place: Speaker | null = null;
  for (let k = pre.length - 1; k >= 0; k--) {
    const vi = pre[k] as number;
    const v = tokens[vi] as Token;
    // "In a statement issued by the ministry, “…”": the passive's agent.
    const agent = passiveAgent(ctx, vi);
    if (agent) return agent;
    const source = sourceAt(tokens, vi, mentionAt);
    if (source >= 0) {
      const limit = (tokens[pre[pre.length - 1] as number] as Token).end;
      return sourceSpeaker(ctx, source, limit);
    }
    if (
      !(
        isVerb(v) ||
        reportsClause(tokens, vi) ||
        v.low === 'speak' ||
        v.low === 'spoke' ||
        putIt(tokens, vi)
      )
    )
      continue;
    const prevTok = tokens[vi - 1];
    // "Jane Roe, 54, said": an age between commas is no appositive to look past.
    const gapBefore = prevTok !== undefined ? text.slice(prevTok.end, v.start) : '';
    const commaBefore = gapBefore.includes(',') && !AGE_GAP.test(gapBefore);
    // ", saying …": the participle's subject is the sentence's subject, a person or else the
    // body the sentence opens with ("the Foreign Ministry released a statement, urging …").
    if (commaBefore && /ing$/.test(v.low)) {
      for (const si of pre) {
        const m = mentionAt[si];
        if (m) return speakerFromMention(ctx, m);
      }
      for (let j = 0; j < k; j++) {
        const si = pre[j] as number;
        if (!(tokens[si] as Token).cap) continue;
        const sp = nounPhraseAt(ctx, si);
        if (sp?.type === 'organisation' || sp?.type === 'document') return sp;
      }
    }
    const sp = subjectBefore(ctx, pre, k, commaBefore);
    if (sp) {
      // "Roe said that … Washington had concluded “…”": a place speaks only through a
      // person, so a person speaking earlier in the sentence is the speaker.
      if (isPlace(sp)) {
        place ??= sp;
        continue;
      }
      if (place && sp.type !== 'person') return place;
      return sp;
    }
    // Inverted before the quote: "Said Jane Roe: “…”".
    const after = pre[k + 1];
    if (after !== undefined) {
      const m = mentionAt[after];
      if (m && /^\s*[,:]/.test(text.slice(m.end))) return speakerFromMention(ctx, m);
    }
    // No subject for this verb ("Pyongyang responded by saying …"): an earlier one may name it.
  }
  return place;
}

/**
 * The agent of a passive speech participle at `i` ("said by the governor Mara Quill", "issued
 * by the Foreign Ministry"): a person named within a few words after "by", else the
 * organisation or role the phrase names.
 */
function passiveAgent(ctx: AttributionContext, i: number): Speaker | null {
  const { text, tokens } = ctx;
  const v = tokens[i] as Token;
  const by = tokens[i + 1];
  if (by?.low !== 'by' || v.cap || !PASSIVE_SPEECH.has(v.low)) return null;
  if (text.slice(v.end, by.start) !== ' ') return null;
  return phraseFrom(ctx, i + 2);
}

/**
 * The speaker a phrase starting at token `from` names ("central bank governor Mara Quill",
 * "the Foreign Ministry"): a person named within a few words, else the organisation or role.
 */
function phraseFrom(ctx: AttributionContext, from: number): Speaker | null {
  const { text, tokens, mentionAt } = ctx;
  const sentence = tokens[from]?.sentence;
  let fallback: Speaker | null = null;
  for (let a = from; a < tokens.length && a < from + 6; a++) {
    const t = tokens[a] as Token;
    if (t.sentence !== sentence) break;
    const m = mentionAt[a];
    if (m) return speakerFromMention(ctx, m);
    const n = tokens[a + 1];
    const last = !n || n.sentence !== t.sentence || /[,;:.!?()—–]/.test(text.slice(t.end, n.start));
    if (t.cap || OFFICIAL_ROLES.has(t.low) || UNNAMED_SPEAKERS.has(t.low) || last) {
      const sp = nounPhraseAt(ctx, a);
      if (sp && (t.cap || last)) return finish(ctx, sp, a);
      fallback ??= sp;
    }
    if (last) break;
  }
  return fallback ? finish(ctx, fallback, from) : null;
}

/** A place named as a speaker ("Washington concluded"): a country or city speaking as a whole. */
function isPlace(sp: Speaker): boolean {
  return sp.type === 'organisation' && PLACES.has(norm(sp.name));
}

/**
 * "The guards signed “bogus logbooks” attesting …, according to court records.": the
 * source a sentence closes with, after a comma, speaks for a quotation anywhere before it.
 */
export function attributeClosingSource(
  ctx: AttributionContext,
  post: readonly number[],
): Speaker | null {
  const source = closingSource(ctx.text, ctx.tokens, post);
  if (source < 0) return null;
  const limit = (ctx.tokens[post[post.length - 1] as number] as Token).end;
  return sourceSpeaker(ctx, source, limit);
}

/**
 * The source named from token `source` on, before offset `limit`: "according to Jane Roe",
 * "according to the notes of the Data Bill", "in the words of Jane Roe", "per Jane Roe"; an
 * unnamed source when it names nobody.
 */
function sourceSpeaker(ctx: AttributionContext, source: number, limit: number): Speaker | null {
  const { text, tokens, mentionAt } = ctx;
  let fallback: Speaker | null = null;
  for (let idx = source; idx < tokens.length && idx < source + 8; idx++) {
    const t = tokens[idx] as Token;
    if (t.start >= limit) break;
    const m = mentionAt[idx];
    if (m) return speakerFromMention(ctx, m);
    const sp = nounPhraseAt(ctx, idx);
    if (t.cap && sp) return finish(ctx, sp, idx);
    fallback ??= finish(ctx, sp, idx);
    const n = tokens[idx + 1];
    if (n && /[,;:—–]/.test(text.slice(t.end, n.start))) break;
  }
  return fallback ?? NOBODY;
}

/**
 * The subject of the speech verb at `pre[k]`: the nearest speaker-like phrase before it within
 * the sentence, skipping an appositive ("Jane Roe, a fellow at the Center, said") or a relative
 * clause ("the Commission, which regulates campaigns, issued a statement warning"), and an
 * object ("issued a statement warning": the statement is not the one speaking).
 */
export function subjectBefore(
  ctx: AttributionContext,
  pre: readonly number[],
  k: number,
  commaBefore: boolean,
): Speaker | null {
  const { text, tokens, mentionAt } = ctx;
  const vi = pre[k] as number;
  let inAppositive = commaBefore;
  let relative = false; // passed ", which …": the phrase before the comma is the subject
  for (let j = k - 1; j >= 0; j--) {
    // "Jane Roe (D-Ohio) said": the parenthesis is not the subject.
    const outside = pastParenthesis(ctx, pre, j);
    if (outside !== j) {
      j = outside + 1;
      continue;
    }
    const si = pre[j] as number;
    const st = tokens[si] as Token;
    if (inAppositive) {
      // "he asked …, called …, and said": a pronoun is a clause's subject, not an appositive.
      const nextTok = tokens[pre[j + 1] ?? vi] as Token;
      if (PERSON_PRONOUNS.has(st.low)) inAppositive = false;
      else if (j < k - 1 && text.slice(st.end, nextTok.start).includes(',')) {
        inAppositive = false;
        // "Her spokeswoman, Ana Ruiz, said": an appositive that is just a name names the
        // subject before it.
        const named = nameOnly(ctx, pre.slice(j + 1, k));
        if (named) return speakerFromMention(ctx, named);
      } else continue;
    }
    const antecedent = pre[j - 1];
    if ((st.low === 'which' || st.low === 'who') && antecedent === si - 1) {
      const p = tokens[antecedent] as Token;
      if (text.slice(p.end, st.start).includes(',')) {
        // "X, which said …": the verb is the relative clause's, and X its subject (nobody,
        // when X names no speaker: "the new position, which called for …").
        const direct = pre.slice(j + 1, k).every((x) => SKIPPABLE.has((tokens[x] as Token).low));
        if (direct) {
          const sp = nounPhraseAt(ctx, antecedent);
          return sp && sp.type !== 'pronoun' ? finish(ctx, sp, antecedent) : null;
        }
        relative = true;
      }
      continue;
    }
    if (SKIPPABLE.has(st.low)) continue;
    const sp = nounPhraseAt(ctx, si);
    const wasRelative = relative;
    relative = false;
    if (!sp) continue;
    // "Jane Roe, who moved the agency to Denver, has said": a name that ends a relative
    // clause is not the verb's subject; the clause's antecedent is.
    if (!mentionAt[si] && /,/.test(text.slice(st.end, (tokens[pre[j + 1] ?? vi] as Token).start))) {
      const w = relativeStart(ctx, pre, j);
      if (w >= 0) {
        j = w + 1;
        continue;
      }
    }
    // "called Roe a “liar” and said": a person right after a verb is its object.
    if (sp.type === 'person' && mentionAt[si] && isObjectOfVerb(ctx, mentionAt[si])) continue;
    // "posted to Twitter", "accused Britain": a body after a preposition or verb is no subject
    // (but "the tweet from Vell magazine reads" is the magazine's).
    if ((sp.type === 'organisation' || sp.type === 'document') && sp.start !== undefined) {
      const bi = firstTokenAtOrAfter(tokens, sp.start) - 1;
      const b = tokens[bi]?.sentence === st.sentence ? tokens[bi] : undefined;
      const source = b?.low === 'from' && UTTERANCE_NOUNS.has(tokens[bi - 1]?.low ?? '');
      if (b && !b.cap && !source && (OBJECT_MARKERS.has(b.low) || isVerb(b) || /ed$/.test(b.low)))
        continue;
    }
    if (sp.type === 'person') return sp;
    if (sp.type === 'pronoun') {
      if (sp.word !== 'it' || j >= k - 3) return sp;
      continue;
    }
    if (sp.type === 'role' && isObjectNoun(ctx, si)) continue;
    if (j >= k - 3 || wasRelative) return finish(ctx, sp, si);
  }
  return null;
}

/**
 * The index in `list` of the word before a parenthesis that ends right after `list[s]` ("Jane
 * Roe (D-Ohio) said", "the ministry (MFA) said"), or `s` when none does; -1 when the
 * parenthesis opens the list.
 */
function pastParenthesis(ctx: AttributionContext, list: readonly number[], s: number): number {
  const { text, tokens } = ctx;
  const t = tokens[list[s] ?? -1];
  const n = tokens[(list[s] ?? -2) + 1];
  if (!t || !n || !/^[^\p{L}\p{N}]*\)/u.test(text.slice(t.end, n.start))) return s;
  for (let j = s; j >= 0 && j > s - 8; j--) {
    const a = tokens[list[j] as number] as Token;
    const b = tokens[(list[j] as number) - 1];
    if (text.slice(b ? b.end : 0, a.start).includes('(')) return j - 1;
  }
  return s;
}

/**
 * The index in `pre` of the "who" or "which" opening, after a comma, the relative clause that
 * ends at `pre[j]` ("Jane Roe, who has led the agency since 2015, said"), or -1.
 */
function relativeStart(ctx: AttributionContext, pre: readonly number[], j: number): number {
  const { text, tokens } = ctx;
  for (let w = j - 1; w >= 1 && w >= j - 25; w--) {
    const t = tokens[pre[w] as number] as Token;
    const p = tokens[pre[w - 1] as number] as Token;
    if (t.low !== 'who' && t.low !== 'which') continue;
    return text.slice(p.end, t.start).includes(',') ? w : -1;
  }
  return -1;
}

/** The person mention that the tokens `idx` are exactly (a title before it allowed), if any. */
function nameOnly(ctx: AttributionContext, idx: readonly number[]): PersonMention | undefined {
  const { tokens, mentionAt } = ctx;
  const last = idx[idx.length - 1];
  const m = last === undefined ? undefined : mentionAt[last];
  if (!m) return undefined;
  for (const i of idx) {
    const t = tokens[i] as Token;
    if (mentionAt[i] !== m && !(t.cap && (t.lex & (W_TITLEISH | W_HONORIFIC)) !== 0))
      return undefined;
  }
  return m;
}

/** Whether a person mention directly follows a verb in its sentence ("called Jane Roe"). */
function isObjectOfVerb(ctx: AttributionContext, m: PersonMention): boolean {
  const { text, tokens } = ctx;
  const first = firstTokenAtOrAfter(tokens, m.start);
  const b = tokens[first - 1];
  if (!b || b.cap || b.sentence !== (tokens[first] as Token).sentence) return false;
  if (text.slice(b.end, m.start) !== ' ') return false;
  return isVerb(b) || (/ed$/.test(b.low) && !FUNCTION_WORDS.has(b.low));
}

/** Whether the lowercase noun at `i` is a verb's object ("issued a statement"), not a subject. */
function isObjectNoun(ctx: AttributionContext, i: number): boolean {
  const { text, tokens } = ctx;
  const det = tokens[i - 1];
  const verb = tokens[i - 2];
  if (!det || !verb || !DETERMINERS.has(det.low)) return false;
  if (text.slice(verb.end, det.start) !== ' ') return false;
  return !verb.cap && /ed$/.test(verb.low) && !FUNCTION_WORDS.has(verb.low);
}

/** How many words of the next sentence are read for a quotation's speaker. */
const NEXT_REACH = 30;

/**
 * The speaker the sentence after a quotation standing alone names, from its first token
 * `first`: "So said Jane Roe", "Those were the words of Jane Roe" (`strong`, said outright);
 * else, when `strong` is false, the person or body that sentence's speech verb has for its
 * subject ("“…” Jane Roe said the rebels had lost."). Never when that sentence holds a
 * quotation of its own: its speaker is that quotation's.
 */
export function attributeNext(
  ctx: AttributionContext,
  first: number,
  strong: boolean,
): Speaker | null {
  const { tokens, quoted } = ctx;
  const s = tokens[first]?.sentence;
  const next: number[] = [];
  for (let i = first; i < tokens.length && (tokens[i] as Token).sentence === s; i++) {
    if (quoted[i]) return null;
    if (next.length < NEXT_REACH) next.push(i);
  }
  const [w0, w1] = next.map((i) => tokens[i] as Token);
  if (!w0 || !w1) return null;
  // "So said Jane Roe", "Those were the words of Jane Roe": the words' source.
  if ((w0.low === 'so' && isVerb(w1)) || (POINTING_BACK.has(w0.low) && COPULAS.has(w1.low)))
    return attributeAfter(ctx, next.slice(1));
  if (strong) return null;
  const sp = attributeBefore(ctx, next);
  return sp?.type === 'person' || sp?.type === 'organisation' ? sp : null;
}

/** A speech verb later in the sentence: "“…” to hold up on their plans, Indyk said." */
export function attributeLater(ctx: AttributionContext, post: readonly number[]): Speaker | null {
  const { tokens, mentionAt } = ctx;
  for (let k = 1; k < post.length; k++) {
    const v = tokens[post[k] as number] as Token;
    if (!isVerb(v)) continue;
    let s = k - 1;
    while (s > 0 && SKIPPABLE.has((tokens[post[s] as number] as Token).low)) s--;
    s = pastParenthesis(ctx, post, s);
    if (s < 0) return null;
    const sp = nounPhraseAt(ctx, post[s] as number);
    if (sp) return finish(ctx, sp, post[s] as number);
    const after = post[k + 1];
    if (after !== undefined) {
      const m = mentionAt[after];
      if (m) return speakerFromMention(ctx, m);
    }
  }
  return null;
}

/**
 * The organisation or document a sentence opens with as its subject ("The Vell Chamber of
 * Commerce issued …"), if any.
 */
export function bodySubjectOf(ctx: AttributionContext, s: number): Speaker | null {
  const { tokens, sentenceStarts } = ctx;
  if (s < 0) return null;
  let i = firstTokenAtOrAfter(tokens, sentenceStarts[s] ?? 0);
  if (DETERMINERS.has(tokens[i]?.low ?? '')) i++;
  const t = tokens[i];
  if (!t || t.sentence !== s || !t.cap) return null;
  let e = i;
  while (
    tokens[e + 1]?.sentence === s &&
    (tokens[e + 1]?.cap || ORG_CONNECTORS.has(tokens[e + 1]?.low ?? ''))
  )
    e++;
  const sp = phraseAt(ctx, e);
  return sp?.type === 'organisation' || sp?.type === 'document' ? sp : null;
}

/**
 * The person or body a sentence with no quotation shows speaking or taking a stand ("This comes
 * as China has denounced a court ruling."), read at its first speech or stance verb: the next
 * sentence's quoted words with no speaker of their own are most likely theirs. Null when the
 * sentence quotes someone, has no such verb, or its subject is a pronoun, a role or unnamed.
 */
export function stanceSubjectOf(ctx: AttributionContext, s: number): Speaker | null {
  const { tokens, sentenceStarts, quoted } = ctx;
  if (s < 0) return null;
  const list: number[] = [];
  for (
    let i = firstTokenAtOrAfter(tokens, sentenceStarts[s] ?? 0);
    i < tokens.length && (tokens[i] as Token).sentence === s;
    i++
  ) {
    if (quoted[i]) return null;
    const t = tokens[i] as Token;
    list.push(i);
    if (list.length > 1 && !t.cap && (STANCE_VERBS.has(t.low) || isVerb(t))) {
      const sp = subjectBefore(ctx, list, list.length - 1, false);
      return sp?.type === 'person' || sp?.type === 'organisation' || sp?.type === 'document'
        ? sp
        : null;
    }
  }
  return null;
}
