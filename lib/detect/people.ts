/**
 * Finds the people an article names and every mention of each, in two linear passes over the
 * tokens. Pass one collects evidence that a capitalised run is a person: a title or honorific
 * before it ("Foreign Minister Ararat Mirzoyan", "opposition leader X", "Mr Y"), an appositive
 * after it ("X, a senior fellow at …"), a speech verb next to it ("said X"), a common given
 * name, or "X administration". Pass two walks every capitalised run again and links it to a
 * known person (full name, surname alone, given name alone, title + surname, a bare capitalised
 * title such as "The Secretary", possessives, "post-X"), so "Blinken" three paragraphs later is
 * the same official. Each person is an official when a title or appositive gives them a
 * public, diplomatic, military, party, executive, NGO or think-tank role, and not when their
 * only role is in the press (reporters, editors, photo credits, the byline).
 */
import {
  BARE_TITLE_HEADS,
  EAST_ASIAN_SURNAMES,
  GIVEN_NAMES,
  HONORIFICS,
  NAME_PARTICLES,
  NAME_PREFIXES,
  NATIONALITIES,
  NOT_NAME_WORDS,
  OFFICIAL_ROLES,
  ORG_WORDS,
  PLACES,
  PRESS_ROLES,
  SPEECH_VERBS,
  TITLE_CONNECTORS,
  TITLE_HEADS,
  TITLE_WORDS,
} from './lexicon';
import { norm, type Token } from './tokens';
import {
  W_ARABIC,
  W_BARE_HEAD,
  W_CONNECTOR,
  W_NAME,
  W_NOT_NAME,
  W_ORG,
  W_PARTICLE,
  W_PREFIXED,
  W_TITLEISH,
} from './word-class';

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

/** Lowercase words allowed before a role noun in a title ("former senior press secretary"). */
const ROLE_MODIFIERS = new Set(
  `former senior deputy assistant acting interim chief executive vice press foreign cabinet
  opposition security national party campaign communications policy junior top then longtime
  veteran prime state defense defence finance economic trade military intelligence general
  managing associate principal special first second lead founding co-founding non-resident
  nonresident resident visiting distinguished outgoing incoming newly elected appointed
  presidential ministerial parliamentary congressional federal regional provincial district
  local city county civil naval army air force police justice interior home health education
  energy environment agriculture labour labor transport treasury commerce staff board advisory
  executive-director research program programme communications public affairs international
  political legal media digital news government party's country's nation's`
    .split(/\s+/)
    .filter(Boolean),
);

/** Party names that may open a title ("Labour leader", "Republican Senator"). */
const PARTY_WORDS = new Set(
  'democrat democratic republican conservative labour labor liberal socialist communist green'.split(
    ' ',
  ),
);

/** Words after a name that mean the name belongs to a bylined journalist. */
const PRESS_VERBS = new Set(['covers', 'reports', 'reported', 'contributed', 'writes']);

/** Lowercase words that may follow a surname in "X administration". */
const COMPOUND_OFFICE = new Set(['administration', 'presidency']);

/** Lowercase words before a name that make it a (private) person: "skipper Jo Bright". */
const OCCUPATIONS = new Set(
  `resident residents farmer fisherman fishermen skipper student worker owner shopkeeper driver
  teacher nurse doctor lawyer voter protester retiree mother father wife husband son daughter
  brother sister neighbour neighbor customer shopper survivor victim witness pilot engineer
  scientist physician attorney chef trader merchant vendor artist singer actor actress player
  coach musician designer entrepreneur investor consultant developer programmer`
    .split(/\s+/)
    .filter(Boolean),
);

/** What only an office holder has: "Jane Roe’s office", "… government", "… spokesman". */
const OFFICE_NOUNS = new Set(
  'office government administration cabinet ministry spokesman spokeswoman spokesperson presidency premiership campaign aides chief-of-staff'.split(
    ' ',
  ),
);

/** Pronouns and determiners that start an appositive ("X, a senior fellow"). */
const APPOSITIVE_STARTERS = new Set(['a', 'an', 'the', 'his', 'her', 'its', 'their', 'former']);

const ACRONYM = /^\p{Lu}[\p{Lu}\d&.]+$/u;

function isTitleish(t: Token): boolean {
  return (t.lex & W_TITLEISH) !== 0;
}

/** Could this token be part of a personal name? (See word-class.ts.) */
function isNameToken(t: Token): boolean {
  return (t.lex & W_NAME) !== 0;
}

/** Phrases that look like roles but describe private people. */
const PRIVATE_ROLE = /\bmembers? of (?:the )?(?:public|audience|congregation|crowd|family)\b/i;

/** Whether a title phrase names an office (official) or only a press role. */
function classifyTitle(title: string): 'official' | 'press' | null {
  if (PRIVATE_ROLE.test(title)) return null;
  const words = norm(title)
    .split(/[\s,]+/)
    .map((w) => w.replace(/['’]s$/, ''));
  let official = false;
  let press = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const two = `${w} ${words[i + 1] ?? ''}`;
    if (PRESS_ROLES.has(w) || PRESS_ROLES.has(two)) press = true;
    else if (OFFICIAL_ROLES.has(w) || OFFICIAL_ROLES.has(two) || TITLE_HEADS.has(w))
      official = true;
  }
  if (press && !official) return 'press';
  if (official) return 'official';
  return null;
}

interface Candidate {
  tokens: Token[];
  title: string | null;
  kind: 'official' | 'press' | 'person' | 'surname';
}

interface Run {
  /** Index of the first token in `tokens`. */
  from: number;
  /** Index after the last token. */
  to: number;
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
  const candidates: Candidate[] = [];
  const bylineWords = new Set(
    norm(options.byline ?? '')
      .split(/[^\p{L}'-]+/u)
      .filter((w) => w.length > 1),
  );

  let previous: Candidate | null = null;
  for (const run of runs) {
    const parts = splitRun(tokens, run);
    if (!parts) {
      previous = null;
      continue;
    }
    const { junkFrom, prefixFrom, nameFrom, nameTo } = parts;
    const name = tokens.slice(nameFrom, nameTo);
    const first = name[0];
    const last = name[name.length - 1];
    if (!first || !last) continue;
    const after = text.slice(last.end, last.end + 3);
    const before = text.slice(
      Math.max(0, (tokens[junkFrom]?.start ?? 0) - 3),
      tokens[junkFrom]?.start,
    );
    // Photo credits: "(Jane Roe/AFP)", "Jane Roe / Getty Images".
    if (/^\s?\//.test(after) || /\/\s?$/.test(before)) {
      if (name.length >= 2) candidates.push({ tokens: name, title: 'photo credit', kind: 'press' });
      previous = null;
      continue;
    }
    // Leading "Credit"/"Photo" in the run.
    for (let i = junkFrom; i < prefixFrom; i++) {
      if (PRESS_ROLES.has(tokens[i]?.low ?? '') && name.length >= 2) {
        candidates.push({ tokens: name, title: 'credit', kind: 'press' });
      }
    }
    // Title before the name (inside the run and before it, through connectors).
    const title = titleBefore(text, tokens, prefixFrom, nameFrom);
    let made: Candidate | null = null;
    if (title) {
      const cls = classifyTitle(title.text);
      if (cls === 'official' || cls === 'press') {
        const adjacent = tokens[nameFrom - 1];
        const surnameOk =
          !!adjacent &&
          adjacent.cap &&
          (TITLE_HEADS.has(adjacent.low) || HONORIFICS.has(adjacent.low)) &&
          !/s$/.test(adjacent.low.replace(/ss$/, ''));
        if (name.length >= 2 || ((title.capitalHead || title.honorific) && surnameOk)) {
          made = { tokens: name, title: title.text, kind: name.length >= 2 ? cls : 'surname' };
          if (name.length === 1 && cls === 'press') made = null;
        }
      } else if (title.honorific) {
        made = { tokens: name, title: null, kind: name.length >= 2 ? 'person' : 'surname' };
      }
    }
    // "cabinet ministers A B and C D": the second name shares the plural title.
    const conj = tokens[junkFrom - 1];
    if (
      !made &&
      previous?.title &&
      name.length >= 2 &&
      conj &&
      (conj.low === 'and' || conj.low === 'or') &&
      tokens[junkFrom - 2] === previous.tokens[previous.tokens.length - 1] &&
      /s$/.test(norm(previous.title))
    ) {
      made = { tokens: name, title: previous.title, kind: previous.kind };
    }
    // Appositive after the name: "X, executive vice president of …", "X, a reporter for …".
    const appositive = name.length >= 2 || made ? appositiveAfter(text, tokens, nameTo) : null;
    if (appositive) {
      const cls = classifyTitle(appositive);
      if (cls) {
        candidates.push({ tokens: name, title: appositive, kind: cls });
        if (!made) made = { tokens: name, title: null, kind: 'person' };
      }
    }
    // Appositive before: "the priest, Jane Roe,".
    if (!made && name.length >= 2) {
      const role = roleBeforeComma(text, tokens, junkFrom);
      if (role) made = { tokens: name, title: role, kind: classifyTitle(role) ?? 'person' };
    }
    // Author line: "By Jane Roe".
    const by = tokens[junkFrom];
    if (name.length >= 2 && by && by.low === 'by' && by.cap && prefixFrom === junkFrom + 1) {
      candidates.push({ tokens: name, title: 'author', kind: 'press' });
    }
    // A predicate: "Jane Roe is a senior fellow at …", "John Doe was the mayor of …".
    const verb = tokens[nameTo];
    if (
      name.length >= 2 &&
      verb &&
      (verb.low === 'is' || verb.low === 'was') &&
      gapBefore(text, tokens, nameTo) === ' ' &&
      ['a', 'an', 'the'].includes(tokens[nameTo + 1]?.low ?? '')
    ) {
      const phrase = appositiveAfter(text, tokens, nameTo + 1, true);
      const cls = phrase ? classifyTitle(phrase) : null;
      if (phrase && cls) candidates.push({ tokens: name, title: phrase, kind: cls });
    }
    // Journalist: "Jane Roe covers the White House."
    if (
      name.length >= 2 &&
      PRESS_VERBS.has(tokens[nameTo]?.low ?? '') &&
      gapBefore(text, tokens, nameTo) === ' '
    ) {
      candidates.push({ tokens: name, title: 'journalist', kind: 'press' });
    }
    // Byline.
    if (name.length >= 2 && name.every((t) => bylineWords.has(t.low))) {
      candidates.push({ tokens: name, title: 'author', kind: 'press' });
    }
    // "North Korea’s Kim Jong Un": a country's own person is its leader or an official.
    const owner = tokens[junkFrom - 1];
    if (
      !made &&
      name.length >= 2 &&
      prefixFrom === junkFrom &&
      owner?.poss &&
      (PLACES.has(owner.low) || PLACES.has(`${tokens[junkFrom - 2]?.low} ${owner.low}`)) &&
      text.slice(owner.end, first.start) === ' '
    ) {
      made = { tokens: name, title: null, kind: 'official' };
    }
    // "Jane Roe’s office": someone with an office, a cabinet or a spokesman holds office.
    const owned = tokens[nameTo];
    if (!made && name.length >= 2 && last.poss && owned && OFFICE_NOUNS.has(owned.low)) {
      made = { tokens: name, title: null, kind: 'official' };
    }
    if (!made && name.length >= 2 && name.length <= 4) {
      const next = tokens[nameTo];
      const prev = tokens[junkFrom - 1];
      const speaks =
        (next && SPEECH_VERBS.has(next.low) && gapBefore(text, tokens, nameTo) === ' ') ||
        (prev &&
          SPEECH_VERBS.has(prev.low) &&
          /^\s$/.test(text.slice(prev.end, tokens[junkFrom]?.start)));
      const given =
        (GIVEN_NAMES.has(first.low) && !first.initial) ||
        (prev !== undefined &&
          OCCUPATIONS.has(prev.low) &&
          text.slice(prev.end, tokens[junkFrom]?.start) === ' ');
      if ((speaks || given) && name.every((t) => isNameToken(t) || NAME_PARTICLES.has(t.low))) {
        made = { tokens: name, title: null, kind: 'person' };
      }
    }
    // "the X administration": X led it.
    if (
      !made &&
      name.length === 1 &&
      prefixFrom === nameFrom &&
      isNameToken(first) &&
      !first.poss &&
      !/(?:ian|ese|ish|i)$/.test(first.low)
    ) {
      const next = tokens[nameTo];
      if (next && COMPOUND_OFFICE.has(next.low) && gapBefore(text, tokens, nameTo) === ' ') {
        made = { tokens: name, title: null, kind: 'surname' };
        candidates.push({ tokens: name, title: `${first.word} ${next.low}`, kind: 'official' });
      }
    }
    if (made) candidates.push(made);
    previous = made;
  }
  return buildPeople(text, tokens, runs, candidates);
}

/** Maximal runs of capitalised words separated by single spaces, within one sentence. */
function capitalisedRuns(text: string, tokens: readonly Token[]): Run[] {
  const runs: Run[] = [];
  let from = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const prev = tokens[i - 1];
    const inRun =
      t.cap ||
      t.initial ||
      (from >= 0 && (t.lex & W_ARABIC) !== 0) ||
      (from >= 0 &&
        (t.lex & W_PARTICLE) !== 0 &&
        (!!tokens[i + 1]?.cap ||
          (NAME_PARTICLES.has(tokens[i + 1]?.low ?? '') && !!tokens[i + 2]?.cap)));
    const joins =
      from >= 0 &&
      prev !== undefined &&
      !prev.poss &&
      prev.sentence === t.sentence &&
      text.slice(prev.end, t.start) === ' ';
    if (inRun && joins) continue;
    if (from >= 0) runs.push({ from, to: i });
    from = inRun ? i : -1;
  }
  if (from >= 0) runs.push({ from, to: tokens.length });
  return runs;
}

/**
 * Splits a run into leading junk ("The", "But"), a title prefix ("Israeli Prime Minister") and
 * the name. Returns null when the run holds no name (an organisation, a place, a month).
 */
function splitRun(
  tokens: readonly Token[],
  run: Run,
): { junkFrom: number; prefixFrom: number; nameFrom: number; nameTo: number } | null {
  let i = run.from;
  while (
    i < run.to &&
    ((tokens[i] as Token).lex & W_NOT_NAME) !== 0 &&
    !(tokens[i] as Token).initial
  )
    i++;
  // Press words opening a run ("Credit Jane Roe") count as junk, but are kept for the caller.
  while (i < run.to && PRESS_ROLES.has((tokens[i] as Token).low) && i + 1 < run.to) i++;
  const prefixFrom = i;
  while (
    i < run.to &&
    ((isTitleish(tokens[i] as Token) && !isLikelyName(tokens, i, run.to)) ||
      nationalityBeforeTitle(tokens, i, run.to))
  ) {
    i++;
  }
  // "Snapchat CEO Jane Roe", "Fennix Chief Executive Jane Roe": an unknown organisation name
  // before a title; the name starts after the last title head in the run.
  for (let k = run.to - 2; k >= i; k--) {
    const t = tokens[k] as Token;
    if (
      (TITLE_HEADS.has(t.low) || OFFICIAL_ROLES.has(t.low)) &&
      !t.poss &&
      isNameToken(tokens[k + 1] as Token)
    ) {
      if (k >= i) i = k + 1;
      break;
    }
  }
  // "Chair of the Harbour Trust Council Nadia Ferro": a title's complement that names a body
  // ends at its last organisation word; a two-word (or longer) name may follow it.
  const opener = tokens[run.from - 1];
  if (opener && (opener.lex & W_CONNECTOR) !== 0) {
    for (let k = run.to - 3; k >= i; k--) {
      const t = tokens[k] as Token;
      if ((t.lex & W_ORG) === 0 || t.poss) continue;
      let all = true;
      for (let m = k + 1; m < run.to; m++) if (!isNameToken(tokens[m] as Token)) all = false;
      if (all) i = k + 1;
      break;
    }
  }
  let nameFrom = i;
  let nameTo = i;
  while (nameTo < run.to) {
    const t = tokens[nameTo] as Token;
    const particle = NAME_PARTICLES.has(t.low) && nameTo > nameFrom && nameTo + 1 < run.to;
    if (!isNameToken(t) && !particle) break;
    nameTo++;
    if (t.poss) break;
  }
  if (nameTo === nameFrom) return null;
  // The name must end the run, or be followed only by a month/day ("Smith Tuesday" is rare):
  // a run that goes on with organisation words is an institution ("Obama Foundation").
  const next = tokens[nameTo];
  if (nameTo < run.to && next && (ORG_WORDS.has(next.low) || ACRONYM.test(next.word))) return null;
  // Drop trailing initials ("… Bush H.").
  while (nameTo - nameFrom > 1 && (tokens[nameTo - 1] as Token).initial) nameTo--;
  // Long runs after a connector ("Mayor of Springfield John Smith"): start at a given name,
  // else keep the last two words.
  const before = tokens[run.from - 1];
  if (
    nameTo - nameFrom >= 3 &&
    before &&
    TITLE_CONNECTORS.has(before.low) &&
    !GIVEN_NAMES.has((tokens[nameFrom] as Token).low)
  ) {
    let given = false;
    for (let k = nameFrom + 1; k < nameTo - 1; k++) {
      if (GIVEN_NAMES.has((tokens[k] as Token).low)) {
        nameFrom = k;
        given = true;
        break;
      }
    }
    // "Special Representative for the Caspian Basin Aurelio Bassani": the complement names a
    // place or body and ends before the person, whose name is most often two words.
    if (!given) nameFrom = nameTo - 2;
  }
  if (nameTo - nameFrom > 4) nameFrom = nameTo - 2;
  if ((tokens[nameFrom] as Token).initial && nameTo - nameFrom === 1) return null;
  return { junkFrom: run.from, prefixFrom, nameFrom, nameTo };
}

/** An adjective of nationality the lexicon lacks, before a title ("Ruritanian Prime Minister"). */
function nationalityBeforeTitle(tokens: readonly Token[], i: number, to: number): boolean {
  const t = tokens[i] as Token;
  const n = tokens[i + 1];
  return i + 1 < to && !!n && /(?:ian|ean|ese|ish|ic|an|i)$/.test(t.low) && TITLE_WORDS.has(n.low);
}

/** A given name that is also a title-ish word ("Major", "Grace") starts the name when a name follows. */
function isLikelyName(tokens: readonly Token[], i: number, to: number): boolean {
  const t = tokens[i] as Token;
  if (i + 1 >= to) return false;
  return GIVEN_NAMES.has(t.low) && !TITLE_HEADS.has(t.low) && isNameToken(tokens[i + 1] as Token);
}

function gapBefore(text: string, tokens: readonly Token[], i: number): string {
  const t = tokens[i];
  const p = tokens[i - 1];
  if (!t) return '';
  return text.slice(p ? p.end : 0, t.start);
}

interface TitleFound {
  text: string;
  /** The title has a capitalised head ("Secretary"), so it may stand before a surname alone. */
  capitalHead: boolean;
  /** The word right before the name is an honorific ("Mr", "Dr"). */
  honorific: boolean;
}

/**
 * The title before a name: the run's own prefix, extended leftwards over connectors ("of",
 * "to", "for"), capitalised words and lowercase role words ("former", "press secretary").
 */
function titleBefore(
  text: string,
  tokens: readonly Token[],
  prefixFrom: number,
  nameFrom: number,
): TitleFound | null {
  let from = prefixFrom;
  let steps = 0;
  // Walk left from the run.
  while (from > 0 && steps < 14) {
    const t = tokens[from - 1] as Token;
    const gap = text.slice(t.end, (tokens[from] as Token).start);
    if (gap !== ' ') break;
    if (t.sentence !== (tokens[from] as Token).sentence) break;
    const l = t.low;
    if (t.poss) {
      // "the Azerbaijan President’s Foreign Policy Advisor": a title word may own a title.
      if (!(TITLE_HEADS.has(l) || OFFICIAL_ROLES.has(l))) break;
    } else if (t.cap || t.initial) {
      if (
        NOT_NAME_WORDS.has(l) &&
        !TITLE_CONNECTORS.has(l) &&
        !TITLE_WORDS.has(l) &&
        !PARTY_WORDS.has(l)
      ) {
        break;
      }
      // A person's name before "and"/"of" ends the title ("Jane Roe and John Doe").
      if (isNameToken(t) && !isTitleish(t)) {
        const nxt = tokens[from] as Token;
        if (TITLE_CONNECTORS.has(nxt.low) || nxt.low === 'and') break;
      }
    } else if (TITLE_CONNECTORS.has(l)) {
      // Connectors only between title words.
      if (l === 'and') {
        const p = tokens[from - 2];
        if (!p || !(TITLE_HEADS.has(p.low) || OFFICIAL_ROLES.has(p.low) || TITLE_WORDS.has(p.low)))
          break;
      }
    } else if (!(ROLE_MODIFIERS.has(l) || OFFICIAL_ROLES.has(l) || PRESS_ROLES.has(l))) {
      break;
    }
    from--;
    steps++;
  }
  // Trim leading connectors and determiners.
  while (from < nameFrom && TITLE_CONNECTORS.has((tokens[from] as Token).low)) from++;
  while (
    from < nameFrom &&
    NOT_NAME_WORDS.has((tokens[from] as Token).low) &&
    !PARTY_WORDS.has((tokens[from] as Token).low) &&
    !(tokens[from] as Token).initial
  ) {
    from++;
  }
  if (from >= nameFrom) return null;
  const head = tokens[nameFrom - 1] as Token;
  const titleTokens = tokens.slice(from, nameFrom);
  // A lowercase head must sit right before the name ("opposition leader Jane Roe"); a
  // capitalised one may take a complement ("Ambassador to Tuvalu Jane Roe").
  const capitalHead = titleTokens.some(
    (t) => t.cap && (TITLE_HEADS.has(t.low) || OFFICIAL_ROLES.has(t.low)),
  );
  const lowerHeadAdjacent =
    !head.cap &&
    (OFFICIAL_ROLES.has(head.low) ||
      PRESS_ROLES.has(head.low) ||
      PRESS_ROLES.has(`${tokens[nameFrom - 2]?.low} ${head.low}`));
  const honorific = HONORIFICS.has(head.low);
  if (!capitalHead && !lowerHeadAdjacent && !honorific) {
    // Capitalised press words ("Credit") also count.
    if (!titleTokens.some((t) => PRESS_ROLES.has(t.low))) return null;
  }
  const start = (tokens[from] as Token).start;
  const end = head.end;
  return { text: text.slice(start, end), capitalHead: capitalHead || honorific, honorific };
}

/** "Jane Roe, a senior fellow at …" → "a senior fellow at …" (up to the next comma). */
function appositiveAfter(
  text: string,
  tokens: readonly Token[],
  nameTo: number,
  inClause = false,
): string | null {
  const first = tokens[nameTo];
  const lastName = tokens[nameTo - 1];
  if (!first || !lastName) return null;
  const gap = text.slice(lastName.end, first.start);
  if (!inClause && !/^,\s(?:\d{1,3},\s)?$/.test(gap)) return null;
  if (!inClause && first.cap && !APPOSITIVE_STARTERS.has(first.low) && !isTitleish(first))
    return null;
  if (first.low === 'which') return null;
  if (first.low === 'who') {
    // "X, who follows Amazon as a managing director at …", "X, who is a senior fellow …".
    const clause = appositiveAfter(text, tokens, nameTo + 1, true);
    const m = clause
      ? /^(?:(?:is|was|has been|had been|became|serves as|served as)\s|.*?\sas\s)(.*)$/.exec(clause)
      : null;
    return m?.[1] ? m[1] : null;
  }
  let i = nameTo;
  let end = first.end;
  while (i < tokens.length && i < nameTo + 16) {
    const t = tokens[i] as Token;
    if (i > nameTo && /[,;:.()!?—–"“”]/.test(text.slice((tokens[i - 1] as Token).end, t.start)))
      break;
    if (t.sentence !== first.sentence) break;
    end = t.end;
    i++;
  }
  const phrase = text.slice(first.start, end);
  return phrase.length > 0 ? phrase : null;
}

/**
 * "the priest, Jane Roe" / "Yahoo’s chief executive, Jane Roe": a lowercase role after a
 * determiner or a possessive, then a comma, just before the name.
 */
function roleBeforeComma(text: string, tokens: readonly Token[], runFrom: number): string | null {
  const t = tokens[runFrom];
  let k = runFrom - 1;
  const p0 = tokens[k];
  if (!t || !p0 || text.slice(p0.end, t.start) !== ', ') return null;
  // Skip a complement: "the leader of Ennahda, Jane Roe".
  let j = k;
  while (j > 0 && j > k - 6) {
    const m = tokens[j] as Token;
    if (text.slice(m.end, (tokens[j + 1] ?? t).start).trim() !== '' && j !== k) break;
    if (!(m.cap || TITLE_CONNECTORS.has(m.low))) break;
    j--;
  }
  const c = tokens[j + 1];
  if (j < k && c && ['of', 'for', 'at', 'to'].includes(c.low)) k = j;
  const p = tokens[k];
  if (!p || p.cap || !(OFFICIAL_ROLES.has(p.low) || PRESS_ROLES.has(p.low))) return null;
  const end = p0.end;
  k--;
  while (k >= 0 && k > runFrom - 12) {
    const m = tokens[k] as Token;
    if (
      m.cap ||
      !ROLE_MODIFIERS.has(m.low) ||
      text.slice(m.end, (tokens[k + 1] as Token).start) !== ' '
    )
      break;
    k--;
  }
  const d = tokens[k];
  if (!d || text.slice(d.end, (tokens[k + 1] as Token).start) !== ' ') return null;
  if (!(['the', 'his', 'her', 'its', 'their', 'a', 'an'].includes(d.low) || d.poss)) return null;
  return text.slice((tokens[k + 1] as Token).start, end);
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
    const words = c.tokens.map((t) => t.low);
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
      const words = tokens.slice(i, j).map((x) => x.low);
      const next = tokens[j];
      const orgAfter = j < run.to && next && (ORG_WORDS.has(next.low) || ACRONYM.test(next.word));
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
        b = resolveToken(lastTok.low, lastTok.start);
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
    const b = resolveToken(norm(rest), t.start);
    if (b) {
      const raw = text.slice(t.start, t.end);
      const off = raw.lastIndexOf('-') + 1;
      push(b, t.start + off, t.end);
    }
  }

  mentions.sort((a, b) => a.start - b.start || b.end - a.end);
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

const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'these', 'those', 'every', 'each']);

/** Nouns that make "the X …" a compound about person X ("the Obama administration"). */
const COMPOUND_NOUNS = new Set(
  'administration government presidency cabinet campaign era years regime team camp doctrine government’s administration’s'.split(
    ' ',
  ),
);

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
