/**
 * Who "he", "she", "they" and "it" are, when a pronoun is a quotation's speaker: the last stage
 * of attribution. A pronoun stands for a person the text has as a sentence's subject (not a
 * name after "with"/"told", not a journalist) whose gender, when the text gives it ("Mrs",
 * "spokeswoman", his/her in a sentence naming only them), agrees; "it" is the organisation or
 * document quoted just before. Kept apart because coreference grows on its own, and every rule
 * reads the document through one AttributionContext.
 */
import { bodySubjectOf } from './attribution';
import {
  type AttributionContext,
  NOBODY,
  type Speaker,
  speakerFromMention,
} from './attribution-context';
import { COPULAS, DETERMINERS, FEMININE_TITLE, GENDERED_NOUNS, MASCULINE_TITLE } from './lexicon';
import type { PersonMention } from './people';
import type { Token } from './tokens';
import { W_FEMININE, W_MASCULINE } from './word-class';

/**
 * The person named just before token `i` when only ", the/a [first …]" or "and" comes between
 * ("Jane Roe, the first woman", "Jane Roe and her deputy").
 */
function nearMention(ctx: AttributionContext, i: number): PersonMention | undefined {
  const { text, tokens, mentionAt } = ctx;
  const t = tokens[i] as Token;
  for (let k = i - 1; k >= 0 && k >= i - 4; k--) {
    const p = tokens[k] as Token;
    if (p.sentence !== t.sentence) return undefined;
    const m = mentionAt[k];
    if (m) {
      const gap = text.slice(m.end, (tokens[k + 1] as Token).start);
      if (k === i - 1) return undefined;
      if (/^,\s$/.test(gap) && DETERMINERS.has((tokens[k + 1] as Token).low)) return m;
      if (gap === ' ' && (tokens[k + 1] as Token).low === 'and' && k + 2 === i) return m;
      return undefined;
    }
    if (k < i - 1 && /[,;:.]/.test(text.slice(p.end, (tokens[k + 1] as Token).start))) {
      // only the comma right after the name is allowed
      if (!mentionAt[k]) return undefined;
    }
  }
  return undefined;
}

/**
 * Each person's grammatical gender, where the text makes it cheap to tell: a gendered
 * honorific or title ("Mrs", "spokeswoman", "King"), or the he/his or she/her in a sentence
 * (or the one after it) that names only that person. Unknown people are left out.
 */
export function personGenders(ctx: AttributionContext): Map<number, 'm' | 'f'> {
  const { text, tokens, mentionAt, personById, quoted } = ctx;
  const votes = new Map<number, number>(); // > 0 masculine, < 0 feminine
  const vote = (person: number, v: number) => votes.set(person, (votes.get(person) ?? 0) + v);
  for (const p of personById.values()) {
    for (const t of p.titles) {
      if (FEMININE_TITLE.test(t)) vote(p.id, -2);
      else if (MASCULINE_TITLE.test(t)) vote(p.id, 2);
    }
  }
  // The person a sentence names, when it names exactly one (-1: none, -2: several).
  let sentence = -1;
  let only = -1;
  let previousOnly = -1;
  let copula = false; // the sentence's one person was followed by "is", "was" …
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.sentence !== sentence) {
      previousOnly = only;
      only = -1;
      copula = false;
      sentence = t.sentence;
    }
    const m = mentionAt[i];
    if (m && !quoted[i]) {
      if (m.start === t.start) {
        const h = tokens[i - 1];
        if (h && text.slice(h.end, t.start) === ' ' && h.cap) {
          if (FEMININE_TITLE.test(h.word) && FEMININE_TITLE.exec(h.word)?.[0] === h.word)
            vote(m.person, -2);
          else if (/^(?:mr|mister|sir|lord)$/.test(h.low)) vote(m.person, 2);
        }
      }
      only = only === -1 || only === m.person ? m.person : -2;
      continue;
    }
    if (quoted[i]) continue;
    if (only >= 0 && COPULAS.has(t.low)) copula = true;
    // "Jane Roe, the first woman to …", "Jane Roe and her deputy": the noun or pronoun right
    // after a name describes that person, whoever else the sentence names.
    const near = nearMention(ctx, i);
    if (near) {
      const g =
        GENDERED_NOUNS.get(t.low) ?? (t.lex & W_MASCULINE ? 1 : t.lex & W_FEMININE ? -1 : 0);
      if (g !== 0) {
        vote(near.person, 2 * g);
        continue;
      }
    }
    // "Roe is one of the first women elected": a gendered noun after "is" describes the subject.
    const noun = GENDERED_NOUNS.get(t.low);
    if (noun && copula && only >= 0) vote(only, 2 * noun);
    const g = t.lex & W_MASCULINE ? 1 : t.lex & W_FEMININE ? -1 : 0;
    if (g === 0) continue;
    const who = only >= 0 ? only : only === -1 && previousOnly >= 0 ? previousOnly : -1;
    if (who >= 0) vote(who, g);
  }
  const genders = new Map<number, 'm' | 'f'>();
  for (const [person, v] of votes) if (v !== 0) genders.set(person, v > 0 ? 'm' : 'f');
  return genders;
}

/**
 * "he said": the first person named in the same sentence before the pronoun; else, when the
 * previous sentence names someone and is not itself a quotation, that sentence's subject;
 * else the previous quotation's speaker; else the subject of the nearest earlier sentence.
 * Only people who may be the pronoun's referent count: not the press, and not someone whose
 * gender the text gives as the other one ("she said" skips a man named in between).
 */
export function resolvePronoun(
  ctx: AttributionContext,
  sIdx: number,
  pronoun: Extract<Speaker, { type: 'pronoun' }>,
  previous: { speaker: Speaker; sentence: number } | null,
): Speaker | null {
  const { subjectsOf, personById, genderOf } = ctx;
  const word = pronoun.word;
  const want = word === 'she' ? 'f' : word === 'he' ? 'm' : undefined;
  const fits = (person: number | undefined): boolean => {
    if (person === undefined || person < 0) return false;
    const p = personById.get(person);
    if (!p || p.press) return false;
    if (!want) return true;
    const g = genderOf().get(person);
    return !g || g === want;
  };
  // A person the text gives the pronoun's gender comes before one of unknown gender.
  const known = (person: number) => want !== undefined && genderOf().get(person) === want;
  const subject = (s: number, before = Number.POSITIVE_INFINITY): PersonMention | undefined => {
    const list = subjectsOf.get(s)?.filter((m) => m.start < before && fits(m.person));
    return list?.find((m) => known(m.person)) ?? list?.[0];
  };
  const here = subject(sIdx, pronoun.start ?? 0);
  if (here) return speakerFromMention(ctx, here);
  const prevSubject = subject(sIdx - 1);
  const prevIsQuote = previous && previous.sentence >= sIdx - 1;
  if (prevSubject && !prevIsQuote) return speakerFromMention(ctx, prevSubject);
  if (
    previous &&
    previous.speaker.type === 'person' &&
    sIdx - previous.sentence <= 4 &&
    (previous.speaker.person === undefined || fits(previous.speaker.person))
  )
    return previous.speaker;
  // The six nearest earlier sentences that name someone (boilerplate between them, such as a
  // caption credit or a newsletter line, does not count), within thirty sentences.
  let named = 0;
  for (let s = sIdx - 1; s >= 0 && s >= sIdx - 30 && named < 6; s--) {
    if (!subjectsOf.has(s)) continue;
    named++;
    const m = subject(s);
    if (m) return speakerFromMention(ctx, m);
  }
  return null;
}

/**
 * "it said": the organisation or document quoted just before (within three sentences), which
 * the text goes on quoting; otherwise a thing nobody named.
 */
export function resolveIt(
  ctx: AttributionContext,
  sIdx: number,
  previous: { speaker: Speaker; sentence: number } | null,
): Speaker {
  const p = previous?.speaker;
  if (
    previous &&
    sIdx - previous.sentence <= 3 &&
    (p?.type === 'organisation' || p?.type === 'document')
  )
    return p;
  // "The Vell Chamber issued a statement. “…,” it said.": the body the sentence before opens
  // with, when nobody was quoted in it.
  if (!previous || previous.sentence < sIdx - 1) return bodySubjectOf(ctx, sIdx - 1) ?? NOBODY;
  return NOBODY;
}
