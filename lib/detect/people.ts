/**
 * Finds the people an article names and every mention of each, in three stages over the tokens:
 * name runs (names.ts), evidence that a run is a person and of what kind (evidence.ts, a table
 * of named rules), and coreference (here): candidates merge into people by full name and
 * surname, and every capitalised run is linked to a known person (full name, surname alone,
 * given name alone, title + surname, a bare capitalised title such as "The Secretary",
 * possessives, "post-X"), so "Blinken" three paragraphs later is the same official. Each
 * person is an official when a title or appositive gives them a public, diplomatic, military,
 * party, executive, NGO or think-tank role, and not when their only role is in the press
 * (reporters, editors, photo credits, the byline).
 */
import { type Candidate, classifyTitle, collectEvidence } from './evidence';
import {
  BARE_TITLE_HEADS,
  COMPOUND_NOUNS,
  DETERMINERS,
  EAST_ASIAN_SURNAMES,
  HONORIFICS,
  NAME_PARTICLES,
  NAME_PREFIXES,
  NATIONALITIES,
  OFFICIAL_ROLES,
  ORG_WORDS,
  PLACES,
  ROLE_MODIFIERS,
  SPEECH_VERBS,
  TITLE_CONNECTORS,
  TITLE_HEADS,
  TITLE_WORDS,
  UNNAMED_SPEAKERS,
} from './lexicon';
import { ACRONYM, capitalisedRuns, isNameToken, orgLaterInRun, type Run } from './names';
import { norm, type Token } from './tokens';
import { W_BARE_HEAD, W_NOT_NAME, W_PREFIXED } from './word-class';

/** A person the article names, with every mention. */
export interface Person {
  id: number;
  /** Fullest form of the name the text gives ("Robert M. Danin"). */
  name: string;
  /** Titles and roles the text gives, as written. */
  titles: string[];
  /** Holds a public, executive, NGO or think-tank role (see module comment). */
  official: boolean;
  /** Only ever described as press (reporter, editor, photo credit, byline). */
  press: boolean;
  /** Mentions in text order; offsets into the article text. */
  mentions: PersonMention[];
}

/** One mention of a person. */
export interface PersonMention {
  start: number;
  end: number;
  person: number;
  /** A bare capitalised title standing for the person ("The Secretary"). */
  bareTitle?: boolean;
}

/** Options for `findPeople`. */
export interface FindPeopleOptions {
  /** The article's byline: names in it are authors, never officials. */
  byline?: string | null;
}

/**
 * Finds people and their mentions. `tokens` come from `tokenize(text)`. Returns people in
 * order of first mention.
 */
export function findPeople(
  text: string,
  tokens: readonly Token[],
  options: FindPeopleOptions = {},
): Person[] {
  const runs = capitalisedRuns(text, tokens);
  const candidates = collectEvidence(text, tokens, runs, options.byline ?? null);
  return buildPeople(text, tokens, runs, candidates);
}

// ---------------------------------------------------------------------------------------------

interface Builder {
  person: Person;
  /** Name tokens (lowercase) of the fullest form. */
  full: string[];
  /** Whether any evidence named a full name. */
  hasFull: boolean;
  officialVotes: number;
  pressVotes: number;
  last: number;
}

/** Anything outside printable ASCII: only such words can carry diacritics. */
const NON_ASCII = /[^ -~]/;
const UNDECOMPOSED: Record<string, string> = { ø: 'o', ł: 'l', đ: 'd', ß: 'ss', æ: 'ae', ı: 'i' };

/**
 * A name word as coreference compares it: without diacritics, so "Erdoğan" and "Erdogan", or
 * "Zelenskyy" spelt with and without accents by one article, are one person.
 */
export function foldName(w: string): string {
  if (!NON_ASCII.test(w)) return w;
  return w
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[øłđßæı]/g, (c) => UNDECOMPOSED[c] ?? c);
}

function fullKey(words: readonly string[]): string {
  const w = words.filter((x) => !/^\p{L}\.$/u.test(x) && !NAME_PARTICLES.has(x));
  return w.length <= 1 ? (w[0] ?? '') : `${w[0]} ${w[w.length - 1]}`;
}

function buildPeople(
  text: string,
  tokens: readonly Token[],
  runs: readonly Run[],
  candidates: readonly Candidate[],
): Person[] {
  const builders: Builder[] = [];
  const byFull = new Map<string, Builder>();
  const byToken = new Map<string, Builder[]>();
  const addToken = (w: string, b: Builder) => {
    const list = byToken.get(w);
    if (!list) byToken.set(w, [b]);
    else if (!list.includes(b)) list.push(b);
  };

  // A lone word names a person when it is their surname: the last word, or the first in
  // East Asian order ("Yoon" for Yoon Suk Yeol, "Lee" for Lee Jae-myung); never a given name
  // alone ("Bill" would also match the Bill before parliament).
  const indexName = (words: readonly string[], b: Builder) => {
    const parts = words.filter((w) => !/^\p{L}\.$/u.test(w) && !NAME_PARTICLES.has(w));
    const last = parts[parts.length - 1];
    if (!last) return;
    addToken(last, b);
    // "al-Bashir" is also "Bashir".
    if (/^(?:al|el|ad|ash|as|at|an|ar|az|ud)-/.test(last))
      addToken(last.slice(last.indexOf('-') + 1), b);
    const first = parts[0] as string;
    if (parts.length >= 2 && first !== last && surnameFirst(words)) addToken(first, b);
  };

  // Full names first, so surnames attach to them wherever they appear.
  const ordered = [...candidates].sort((a, b) => b.tokens.length - a.tokens.length);
  for (const c of ordered) {
    const words = c.tokens.map((t) => foldName(t.low));
    const key = fullKey(words);
    if (!key) continue;
    let b: Builder | undefined = byFull.get(key);
    if (!b && words.length === 1) {
      const hits = byToken.get(key) ?? [];
      b = hits.find((h) => h.full[h.full.length - 1] === key) ?? hits[0];
    }
    if (!b) {
      b = {
        person: {
          id: builders.length,
          name: '',
          titles: [],
          official: false,
          press: false,
          mentions: [],
        },
        full: words,
        hasFull: words.length > 1,
        officialVotes: 0,
        pressVotes: 0,
        last: -1,
      };
      builders.push(b);
      byFull.set(key, b);
      indexName(words, b);
      b.person.name = nameText(c.tokens);
    } else if (words.length > b.full.length) {
      b.full = words;
      indexName(words, b);
      b.person.name = nameText(c.tokens);
    }
    if (c.title && !b.person.titles.includes(c.title)) b.person.titles.push(c.title);
    if (
      c.kind === 'official' ||
      (c.kind === 'surname' && c.title && classifyTitle(c.title) === 'official')
    ) {
      b.officialVotes++;
    }
    if (c.kind === 'press') b.pressVotes++;
  }

  // Mentions: every capitalised run, and hyphenated "post-X" words.
  const mentions: PersonMention[] = [];
  const resolveToken = (w: string, at: number): Builder | undefined => {
    const hits = byToken.get(w);
    if (!hits || hits.length === 0) return undefined;
    if (hits.length === 1) return hits[0];
    const lastMatch = hits.filter((h) => h.full[h.full.length - 1] === w);
    const pool = lastMatch.length > 0 ? lastMatch : hits;
    // The most recently mentioned, else the one with most evidence.
    let best = pool[0] as Builder;
    for (const h of pool) if (h.last > best.last && h.last < at) best = h;
    if (best.last < 0) {
      for (const h of pool) if (h.officialVotes > best.officialVotes) best = h;
    }
    return best;
  };
  const push = (b: Builder, start: number, end: number, bareTitle = false) => {
    mentions.push({ start, end, person: b.person.id, ...(bareTitle ? { bareTitle } : {}) });
    b.last = start;
  };

  for (const run of runs) {
    let i = run.from;
    while (i < run.to) {
      const t = tokens[i] as Token;
      if (!isNameToken(t)) {
        i++;
        continue;
      }
      // Longest name starting here that resolves to a person.
      let j = i;
      while (
        j < run.to &&
        (isNameToken(tokens[j] as Token) ||
          (NAME_PARTICLES.has((tokens[j] as Token).low) && j + 1 < run.to))
      ) {
        j++;
        if ((tokens[j - 1] as Token).poss) break;
      }
      const words = tokens.slice(i, j).map((x) => foldName(x.low));
      const next = tokens[j];
      const orgAfter =
        (j < run.to && next && (ORG_WORDS.has(next.low) || ACRONYM.test(next.word))) ||
        orgLaterInRun(tokens, j, run.to);
      if (orgAfter) {
        i = j;
        continue;
      }
      let b: Builder | undefined;
      if (words.length >= 2) b = byFull.get(fullKey(words));
      // "… for the Caspian Basin Aurelio Bassani": a title's complement runs into the name.
      for (let s = i + 1; !b && s < j - 1; s++) {
        b = byFull.get(fullKey(words.slice(s - i)));
        if (b) {
          words.splice(0, s - i);
          i = s;
        }
      }
      if (!b && words.length >= 2) {
        // Unknown first name + known surname: the surname alone.
        const lastTok = tokens[j - 1] as Token;
        b = resolveToken(foldName(lastTok.low), lastTok.start);
        if (b && !b.hasFull && b.full.length === 1 && words.length <= 3 && i === run.from) {
          // "Ivo Dragan has run the port … Dragan said": the surname the evidence found
          // alone was introduced with a given name; that is the person's full name.
          b.full = words;
          b.hasFull = true;
          byFull.set(fullKey(words), b);
          indexName(words, b);
          b.person.name = nameText(tokens.slice(i, j));
          push(b, (tokens[i] as Token).start, lastTok.end);
          i = j;
          continue;
        }
        if (b) {
          push(b, withTitle(text, tokens, run.from, j - 1), lastTok.end);
          i = j;
          continue;
        }
      }
      if (!b && words.length === 1 && !determinerBefore(text, tokens, i, j)) {
        b = resolveToken(words[0] as string, t.start);
      }
      if (b) {
        const start =
          words.length === 1 ? withTitle(text, tokens, run.from, i) : (tokens[i] as Token).start;
        push(b, start, (tokens[j - 1] as Token).end);
      }
      i = j;
    }
    bareTitleMention(text, tokens, run, builders, push);
  }
  for (const t of tokens) {
    if ((t.lex & W_PREFIXED) === 0) continue;
    const dash = t.word.lastIndexOf('-');
    const prefix = t.low.slice(0, t.low.indexOf('-'));
    if (!NAME_PREFIXES.has(prefix)) continue;
    const rest = t.word.slice(dash + 1);
    if (!rest || rest[0] === rest[0]?.toLowerCase()) continue;
    const b = resolveToken(foldName(norm(rest)), t.start);
    if (b) {
      const raw = text.slice(t.start, t.end);
      const off = raw.lastIndexOf('-') + 1;
      push(b, t.start + off, t.end);
    }
  }

  mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  describedLater(text, tokens, mentions, builders);
  const people: Person[] = [];
  for (const b of builders) {
    const p = b.person;
    p.official = b.officialVotes > 0 && !(b.pressVotes > 0 && b.officialVotes === 0);
    p.press = b.pressVotes > 0 && b.officialVotes === 0;
    if (b.pressVotes > 0 && b.officialVotes > 0) {
      // Both: press evidence for a byline or credit outweighs a stray title.
      p.official = b.officialVotes > b.pressVotes;
      p.press = !p.official;
    }
  }
  let lastEnd = -1;
  for (const m of mentions) {
    if (m.start < lastEnd) continue; // overlapping duplicates
    lastEnd = m.end;
    builders[m.person]?.person.mentions.push(m);
  }
  for (const b of builders) if (b.person.mentions.length > 0) people.push(b.person);
  people.sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0));
  return people;
}

/** East Asian name order, surname first: "Kim Jong Un", "Lee Jae-myung", "Xi Jinping". */
function surnameFirst(words: readonly string[]): boolean {
  if (words.some((w) => w.includes('.'))) return false;
  if (EAST_ASIAN_SURNAMES.has(words[0] as string)) return true;
  // A hyphenated given name after the surname ("Han Dong-hoon"), but not "al-Bashir".
  const last = words[words.length - 1] as string;
  return (
    words.length === 2 &&
    /^\p{L}+-\p{L}+$/u.test(last) &&
    !/^(?:al|el|ad|ash|as|at|an|ar|az|ud)-/.test(last)
  );
}

/**
 * "the Bill would…": a lone capitalised word after a determiner is a thing, not a person,
 * unless an office follows ("the Obama administration") or it owns something ("the X’s").
 */
function determinerBefore(text: string, tokens: readonly Token[], i: number, j: number): boolean {
  const p = tokens[i - 1];
  const t = tokens[i] as Token;
  if (!p || !DETERMINERS.has(p.low) || text.slice(p.end, t.start) !== ' ') return false;
  const n = tokens[j];
  if ((tokens[j - 1] as Token).poss) return false;
  return !(n && COMPOUND_NOUNS.has(n.low));
}

/** "Barack Obama" from its tokens, soft hyphens removed, possessive dropped. */
function nameText(tokens: readonly Token[]): string {
  return tokens.map((t) => t.word).join(' ');
}

/**
 * Start of a surname mention: the capitalised titles and honorifics right before it are part
 * of the mention ("Prime Minister Pashinyan", "Mr Obama"); nationalities and places are not.
 */
function withTitle(text: string, tokens: readonly Token[], runFrom: number, i: number): number {
  let k = i;
  while (k > runFrom) {
    const p = tokens[k - 1] as Token;
    if (p.poss) break;
    if (
      !(TITLE_WORDS.has(p.low) || HONORIFICS.has(p.low)) ||
      NATIONALITIES.has(p.low) ||
      PLACES.has(p.low)
    )
      break;
    if (!p.cap) break;
    if (text.slice(p.end, (tokens[k] as Token).start) !== ' ') break;
    k--;
  }
  // Only keep a title that ends in a head word ("Prime Minister", not "Foreign").
  if (k < i) {
    const head = tokens[i - 1] as Token;
    if (!(TITLE_HEADS.has(head.low) || HONORIFICS.has(head.low))) return (tokens[i] as Token).start;
    while (
      k < i &&
      !(
        TITLE_HEADS.has((tokens[k] as Token).low) ||
        TITLE_WORDS.has((tokens[k] as Token).low) ||
        HONORIFICS.has((tokens[k] as Token).low)
      )
    )
      k++;
  }
  return (tokens[k] as Token).start;
}

/**
 * "The Secretary also encouraged …": a run that is only a capitalised title, not followed by a
 * name, a complement or a possessive-title, stands for the last person holding that title.
 */
function bareTitleMention(
  text: string,
  tokens: readonly Token[],
  run: Run,
  builders: readonly Builder[],
  push: (b: Builder, start: number, end: number, bare?: boolean) => void,
): void {
  let i = run.from;
  while (i < run.to && ((tokens[i] as Token).lex & W_NOT_NAME) !== 0) i++;
  // Bare title heads are one or two words ("Secretary", "Prime Minister").
  if (i >= run.to || run.to - i > 2) return;
  if (run.to - i === 1 && ((tokens[i] as Token).lex & W_BARE_HEAD) === 0) return;
  const words = tokens.slice(i, run.to);
  const phrase = words.map((t) => t.low).join(' ');
  if (!BARE_TITLE_HEADS.has(phrase)) return;
  const last = words[words.length - 1] as Token;
  const next = tokens[run.to];
  const afterGap = next ? text.slice(last.end, next.start) : '';
  if (last.poss) return; // "the President’s adviser"
  if (next && afterGap === ' ' && (TITLE_CONNECTORS.has(next.low) || next.cap)) return; // "Secretary of State"
  // Preceded by a possessive or a capitalised word: part of someone else's title.
  const prev = tokens[run.from - 1];
  if (
    prev &&
    text.slice(prev.end, (tokens[run.from] as Token).start) === ' ' &&
    (prev.poss || prev.cap)
  )
    return;
  if (i > run.from && (tokens[run.from] as Token).low !== 'the') return;
  const start = (words[0] as Token).start;
  let best: Builder | undefined;
  for (const b of builders) {
    if (!b.person.titles.some((tt) => titleHasHead(tt, phrase))) continue;
    if (b.last < 0 || b.last > start) continue;
    if (!best || b.last > best.last) best = b;
  }
  if (best) push(best, start, last.end, true);
}

function titleHasHead(title: string, head: string): boolean {
  const t = ` ${norm(title).replace(/[^\p{L}\s-]/gu, ' ')} `;
  return t.includes(` ${head} `);
}

/** Sentences looked back for someone else who holds the described office. */
const TITLE_LOOKBACK = 4;

/** Index of the token that starts at or covers `pos` (the last one starting at or before it). */
function tokenAt(tokens: readonly Token[], pos: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((tokens[mid] as Token).start <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Coreference by description: "… Jane Roe walked in. The former Massachusetts governor said …".
 * A lowercase office ("the [modifiers] governor") that opens a sentence, or follows a speech
 * verb or a quotation's closing comma, refers back to the person named last, in that sentence
 * or the one before; that person holds the office. Only people named in full, with no press
 * role and no title yet, get it, and not when someone else named in the last few sentences
 * (TITLE_LOOKBACK) holds a title with that head (the description is then more likely theirs).
 */
function describedLater(
  text: string,
  tokens: readonly Token[],
  mentions: readonly PersonMention[],
  builders: readonly Builder[],
): void {
  let next = 0; // first mention ending after the current token
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.low !== 'the') continue;
    const prev = tokens[i - 1];
    const opens =
      !prev ||
      prev.sentence !== t.sentence ||
      SPEECH_VERBS.has(prev.low) ||
      /[”"’'],?\s+$|,[”"’']\s+$/.test(text.slice(prev.end, t.start));
    if (!opens) continue;
    let j = i + 1;
    while (j < tokens.length && j <= i + 3) {
      const m = tokens[j] as Token;
      if (m.sentence !== t.sentence || text.slice((tokens[j - 1] as Token).end, m.start) !== ' ')
        break;
      if (!(ROLE_MODIFIERS.has(m.low) || (m.cap && !m.poss))) break;
      j++;
    }
    const head = tokens[j];
    if (
      !head ||
      head.cap ||
      head.sentence !== t.sentence ||
      !OFFICIAL_ROLES.has(head.low) ||
      UNNAMED_SPEAKERS.has(head.low) ||
      /s$/.test(head.low)
    )
      continue;
    while (next < mentions.length && (mentions[next] as PersonMention).end <= t.start) next++;
    const last = mentions[next - 1];
    if (!last) continue;
    const lastSentence = (tokens[tokenAt(tokens, last.start)] as Token).sentence;
    if (t.sentence - lastSentence > 1) continue;
    const b = builders[last.person];
    // Someone official with no title yet ("Roe, who ran the state for eight years, is
    // running …") may still be described.
    if (!b || b.full.length < 2 || b.pressVotes > 0) continue;
    if (b.officialVotes > 0 && b.person.titles.length > 0) continue;
    let taken = false;
    for (let k = next - 1; k >= 0; k--) {
      const m = mentions[k] as PersonMention;
      if ((tokens[tokenAt(tokens, m.start)] as Token).sentence < t.sentence - TITLE_LOOKBACK) break;
      const other = builders[m.person];
      if (other && other !== b && other.person.titles.some((x) => titleHasHead(x, head.low)))
        taken = true;
    }
    if (taken) continue;
    b.officialVotes++;
    b.person.titles.push(text.slice((tokens[i + 1] as Token).start, head.end));
  }
}
