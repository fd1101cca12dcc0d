/**
 * Stage two of finding people: evidence. Each name run (names.ts) is read by a table of named
 * rules (`EVIDENCE_RULES`): a title or honorific before it ("Foreign Minister Ararat Mirzoyan",
 * "opposition leader X", "Mr Y"), an appositive after it ("X, a senior fellow at …"), a role
 * before a comma, a predicate ("X is the mayor of …"), a speech verb next to it ("said X"), a
 * given name, "X administration"; and press evidence (photo credits, bylines, "X covers …").
 * What they find are candidates: names with a kind (official, press, person, surname) and a
 * title, which coreference (people.ts) merges into people.
 */
import {
  APPOSITIVE_STARTERS,
  COMPOUND_OFFICE,
  GIVEN_NAMES,
  HONORIFICS,
  NAME_PARTICLES,
  NATIONALITIES,
  NOT_NAME_WORDS,
  OCCUPATIONS,
  OFFICE_NOUNS,
  OFFICIAL_ROLES,
  PARTY_WORDS,
  PLACES,
  PRESS_ROLES,
  PRESS_VERBS,
  ROLE_MODIFIERS,
  ROLE_VERBS,
  SPEECH_VERBS,
  TITLE_CONNECTORS,
  TITLE_HEADS,
  TITLE_WORDS,
} from './lexicon';
import { gapBefore, isNameToken, isTitleish, type Run, type RunParts, splitRun } from './names';
import { norm, type Token } from './tokens';

/** Phrases that look like roles but describe private people. */
const PRIVATE_ROLE = /\bmembers? of (?:the )?(?:public|audience|congregation|crowd|family)\b/i;

/** Whether a title phrase names an office (official) or only a press role. */
export function classifyTitle(title: string): 'official' | 'press' | null {
  if (PRIVATE_ROLE.test(title)) return null;
  const words = norm(title)
    .split(/[\s,]+/)
    .map((w) => w.replace(/['’]s$/, ''));
  let official = false;
  let press = false;
  // "advises the minister", "heads the agency" (a "who" clause): the verb is the role.
  if (ROLE_VERBS.has(words[0] ?? '')) official = true;
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

/** Evidence that a name is a person, and of what kind. */
export interface Candidate {
  tokens: Token[];
  title: string | null;
  kind: 'official' | 'press' | 'person' | 'surname';
}

export interface TitleFound {
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
export function titleBefore(
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
  if (!capitalHead && !lowerHeadAdjacent && !honorific && !lowerHeadWithComplement(titleTokens)) {
    // Capitalised press words ("Credit") also count.
    if (!titleTokens.some((t) => PRESS_ROLES.has(t.low))) return null;
  }
  const start = (tokens[from] as Token).start;
  const end = head.end;
  return { text: text.slice(start, end), capitalHead: capitalHead || honorific, honorific };
}

/**
 * "former ambassador to the Ukraine Jane Roe": a lowercase role head, then a complement that
 * opens with a connector and holds only connectors and capitalised words, up to the name.
 */
function lowerHeadWithComplement(title: readonly Token[]): boolean {
  for (let k = title.length - 2; k >= 0; k--) {
    const t = title[k] as Token;
    if (t.cap || !OFFICIAL_ROLES.has(t.low)) continue;
    const rest = title.slice(k + 1);
    return (
      ['to', 'of', 'for', 'at'].includes(rest[0]?.low ?? '') &&
      rest.length <= 5 &&
      rest.every((u) => u.cap || TITLE_CONNECTORS.has(u.low))
    );
  }
  return false;
}

/** "Jane Roe, a senior fellow at …" → "a senior fellow at …" (up to the next comma). */
export function appositiveAfter(
  text: string,
  tokens: readonly Token[],
  nameTo: number,
  inClause = false,
): string | null {
  const first = tokens[nameTo];
  const lastName = tokens[nameTo - 1];
  if (!first || !lastName) return null;
  const gap = text.slice(lastName.end, first.start);
  // "James Roe Jr., the …": the suffix's period sits in the gap.
  const suffix = /^[js]r$/.test(lastName.low.replace(/\.$/, '')) ? '\\.?' : '';
  if (!inClause && !new RegExp(`^${suffix},\\s(?:\\d{1,3},\\s)?$`).test(gap)) return null;
  // "X, Research and Advocacy Director for …": a capitalised appositive counts only when it
  // holds a capitalised title head (else "X, Texas" or "X, Jane Roe" would).
  const capitalOpening =
    !inClause && first.cap && !APPOSITIVE_STARTERS.has(first.low) && !isTitleish(first);
  if (first.low === 'which') return null;
  if (first.low === 'who') {
    // "X, who follows Amazon as a managing director at …", "X, who is a senior fellow …".
    const clause = appositiveAfter(text, tokens, nameTo + 1, true);
    const m = clause
      ? /^(?:(?:is|was|has been|had been|became|serves as|served as)\s|.*?\sas\s)(.*)$/.exec(clause)
      : null;
    if (m?.[1]) return m[1];
    // "X, who advises the Attorney-General …", "X, who heads the agency": the verb is the role.
    const verb = /^(\S+)\s/.exec(clause ?? '')?.[1]?.toLowerCase();
    return verb && ROLE_VERBS.has(verb) ? clause : null;
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
  if (capitalOpening) {
    let head = false;
    for (let k = nameTo; k < i && k < nameTo + 6; k++) {
      const t = tokens[k] as Token;
      if (t.cap && TITLE_HEADS.has(t.low)) head = true;
    }
    if (!head) return null;
  }
  const phrase = text.slice(first.start, end);
  return phrase.length > 0 ? phrase : null;
}

/**
 * "the priest, Jane Roe" / "Yahoo’s chief executive, Jane Roe": a lowercase role after a
 * determiner or a possessive, then a comma, just before the name.
 */
export function roleBeforeComma(
  text: string,
  tokens: readonly Token[],
  runFrom: number,
): string | null {
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
  // "the newest 2020 Democratic presidential hopeful, X": a party, a year or an adjective or
  // two may stand between the determiner and the role.
  const isDeterminer = (d: Token) =>
    ['the', 'his', 'her', 'its', 'their', 'a', 'an'].includes(d.low) || d.poss;
  let d = tokens[k];
  const spaced = (a: Token, b: Token) => /^ (?:\d+ )?$/.test(text.slice(a.end, b.start));
  for (let extra = 0; d && !isDeterminer(d) && extra < 3; extra++) {
    if (!spaced(d, tokens[k + 1] as Token)) return null;
    if (d.cap && !PARTY_WORDS.has(d.low) && !NATIONALITIES.has(d.low)) return null;
    k--;
    d = tokens[k];
  }
  if (!d || !spaced(d, tokens[k + 1] as Token) || !isDeterminer(d)) return null;
  return text.slice((tokens[k + 1] as Token).start, end);
}

// ---------------------------------------------------------------------------------------------

/** What an evidence rule sees of one run, and where it leaves what it found. */
export interface RunEvidence {
  text: string;
  tokens: readonly Token[];
  /** The run's parts: junk, title prefix and name (token indexes). */
  parts: RunParts;
  /** The name's tokens (at least one). */
  name: Token[];
  /** Words of the article's byline, lowercase. */
  bylineWords: ReadonlySet<string>;
  /** The previous run's person evidence, for lists sharing a title ("ministers A and B"). */
  previous: Candidate | null;
  /** This run's main evidence so far: the name is a person of this kind. */
  made: Candidate | null;
  /** Records more evidence (a title, a press role) without deciding the run's person. */
  add(c: Candidate): void;
}

/** One named piece of evidence; `stop` ends the run's rules (nothing more is to be learnt). */
export interface EvidenceRule {
  name: string;
  apply(e: RunEvidence): 'stop' | undefined;
}

const first = (e: RunEvidence) => e.name[0] as Token;
const last = (e: RunEvidence) => e.name[e.name.length - 1] as Token;
const full = (e: RunEvidence) => e.name.length >= 2;

/**
 * The evidence rules, in order. Each reads the run and the text around it and records what it
 * shows; a new kind of evidence is one entry here (and one test row in people.test.ts).
 */
export const EVIDENCE_RULES: readonly EvidenceRule[] = [
  {
    name: 'photo credit: "(Jane Roe/AFP)", "Jane Roe / Getty Images"',
    apply(e) {
      const { text, tokens, parts } = e;
      const after = text.slice(last(e).end, last(e).end + 3);
      const junk = tokens[parts.junkFrom];
      const before = text.slice(Math.max(0, (junk?.start ?? 0) - 3), junk?.start);
      if (!/^\s?\//.test(after) && !/\/\s?$/.test(before)) return undefined;
      if (full(e)) e.add({ tokens: e.name, title: 'photo credit', kind: 'press' });
      e.previous = null;
      return 'stop';
    },
  },
  {
    name: 'press word opening the run: "Credit Jane Roe", "Photo Jane Roe"',
    apply(e) {
      for (let i = e.parts.junkFrom; i < e.parts.prefixFrom; i++) {
        if (PRESS_ROLES.has(e.tokens[i]?.low ?? '') && full(e)) {
          e.add({ tokens: e.name, title: 'credit', kind: 'press' });
        }
      }
      return undefined;
    },
  },
  {
    name: 'title before the name: "Foreign Minister X", "opposition leader X", "Mr Y"',
    apply(e) {
      const { text, tokens, parts } = e;
      const title = titleBefore(text, tokens, parts.prefixFrom, parts.nameFrom);
      if (!title) return undefined;
      const cls = classifyTitle(title.text);
      if (cls === 'official' || cls === 'press') {
        const adjacent = tokens[parts.nameFrom - 1];
        const surnameOk =
          !!adjacent &&
          adjacent.cap &&
          (TITLE_HEADS.has(adjacent.low) || HONORIFICS.has(adjacent.low)) &&
          !/s$/.test(adjacent.low.replace(/ss$/, ''));
        if (full(e) || ((title.capitalHead || title.honorific) && surnameOk)) {
          e.made = { tokens: e.name, title: title.text, kind: full(e) ? cls : 'surname' };
          if (!full(e) && cls === 'press') e.made = null;
        }
      } else if (title.honorific) {
        e.made = { tokens: e.name, title: null, kind: full(e) ? 'person' : 'surname' };
      }
      return undefined;
    },
  },
  {
    name: 'a list sharing a plural title: "cabinet ministers A B and C D", "Sens. A B and C D"',
    apply(e) {
      const { tokens, parts, previous } = e;
      const conj = tokens[parts.junkFrom - 1];
      if (
        !e.made &&
        previous?.title &&
        full(e) &&
        conj &&
        (conj.low === 'and' || conj.low === 'or') &&
        tokens[parts.junkFrom - 2] === previous.tokens[previous.tokens.length - 1] &&
        /s\.?$/.test(norm(previous.title))
      ) {
        e.made = { tokens: e.name, title: previous.title, kind: previous.kind };
      }
      return undefined;
    },
  },
  {
    name: 'appositive after: "X, executive vice president of …", "X, a reporter for …"',
    apply(e) {
      if (!full(e) && !e.made) return undefined;
      const appositive = appositiveAfter(e.text, e.tokens, e.parts.nameTo);
      const cls = appositive ? classifyTitle(appositive) : null;
      if (appositive && cls) {
        e.add({ tokens: e.name, title: appositive, kind: cls });
        if (!e.made) e.made = { tokens: e.name, title: null, kind: 'person' };
      }
      return undefined;
    },
  },
  {
    name: 'role before a comma: "the priest, Jane Roe", "his predecessor, Jane Roe"',
    apply(e) {
      if (e.made || !full(e)) return undefined;
      const role = roleBeforeComma(e.text, e.tokens, e.parts.junkFrom);
      if (role) e.made = { tokens: e.name, title: role, kind: classifyTitle(role) ?? 'person' };
      return undefined;
    },
  },
  {
    name: 'author line: "By Jane Roe"',
    apply(e) {
      const by = e.tokens[e.parts.junkFrom];
      if (full(e) && by && by.low === 'by' && by.cap && e.parts.prefixFrom === e.parts.junkFrom + 1)
        e.add({ tokens: e.name, title: 'author', kind: 'press' });
      return undefined;
    },
  },
  {
    name: 'predicate: "Jane Roe is a senior fellow at …", "Roe was the mayor of …"',
    apply(e) {
      const { text, tokens, parts } = e;
      const verb = tokens[parts.nameTo];
      if (
        verb &&
        (verb.low === 'is' || verb.low === 'was') &&
        (full(e) || !last(e).poss) &&
        gapBefore(text, tokens, parts.nameTo) === ' ' &&
        ['a', 'an', 'the'].includes(tokens[parts.nameTo + 1]?.low ?? '')
      ) {
        const phrase = appositiveAfter(text, tokens, parts.nameTo + 1, true);
        const cls = phrase ? classifyTitle(phrase) : null;
        // A surname alone only adds to a person named in full elsewhere ("Toby Roe … Roe is
        // the co-director of …"), never makes one: "Washington is the capital".
        if (phrase && cls)
          e.add({ tokens: e.name, title: phrase, kind: full(e) ? cls : 'surname' });
      }
      return undefined;
    },
  },
  {
    name: 'journalist: "Jane Roe covers the White House"',
    apply(e) {
      const { text, tokens, parts } = e;
      if (
        full(e) &&
        PRESS_VERBS.has(tokens[parts.nameTo]?.low ?? '') &&
        gapBefore(text, tokens, parts.nameTo) === ' '
      )
        e.add({ tokens: e.name, title: 'journalist', kind: 'press' });
      return undefined;
    },
  },
  {
    name: 'byline: every word of the name is in the byline',
    apply(e) {
      if (full(e) && e.name.every((t) => e.bylineWords.has(t.low)))
        e.add({ tokens: e.name, title: 'author', kind: 'press' });
      return undefined;
    },
  },
  {
    name: 'a country’s own person: "North Korea’s Kim Jong Un"',
    apply(e) {
      const { text, tokens, parts } = e;
      const owner = tokens[parts.junkFrom - 1];
      if (
        !e.made &&
        full(e) &&
        parts.prefixFrom === parts.junkFrom &&
        owner?.poss &&
        (PLACES.has(owner.low) || PLACES.has(`${tokens[parts.junkFrom - 2]?.low} ${owner.low}`)) &&
        text.slice(owner.end, first(e).start) === ' '
      )
        e.made = { tokens: e.name, title: null, kind: 'official' };
      return undefined;
    },
  },
  {
    name: 'an office of their own: "Jane Roe’s office", "… government", "… spokesman"',
    apply(e) {
      const owned = e.tokens[e.parts.nameTo];
      if (!e.made && full(e) && last(e).poss && owned && OFFICE_NOUNS.has(owned.low))
        e.made = { tokens: e.name, title: null, kind: 'official' };
      return undefined;
    },
  },
  {
    name: 'a person by what they do: "said Jane Roe", "Jane Roe wrote", "farmer Jane Roe", a given name',
    apply(e) {
      const { text, tokens, parts } = e;
      if (e.made || !full(e) || e.name.length > 4) return undefined;
      const next = tokens[parts.nameTo];
      const prev = tokens[parts.junkFrom - 1];
      // "Jane Roe of Vell Shipping said": the run after "of" is where the speaker works.
      if (prev && (prev.low === 'of' || prev.low === 'from' || prev.low === 'at')) return undefined;
      const speaks =
        (next && SPEECH_VERBS.has(next.low) && gapBefore(text, tokens, parts.nameTo) === ' ') ||
        (prev &&
          SPEECH_VERBS.has(prev.low) &&
          /^\s$/.test(text.slice(prev.end, tokens[parts.junkFrom]?.start)));
      const given =
        (GIVEN_NAMES.has(first(e).low) && !first(e).initial) ||
        (prev !== undefined &&
          OCCUPATIONS.has(prev.low) &&
          text.slice(prev.end, tokens[parts.junkFrom]?.start) === ' ');
      if ((speaks || given) && e.name.every((t) => isNameToken(t) || NAME_PARTICLES.has(t.low)))
        e.made = { tokens: e.name, title: null, kind: 'person' };
      return undefined;
    },
  },
  {
    name: 'a compound office: "the X administration"',
    apply(e) {
      const { text, tokens, parts } = e;
      const f = first(e);
      if (
        e.made ||
        e.name.length !== 1 ||
        parts.prefixFrom !== parts.nameFrom ||
        !isNameToken(f) ||
        f.poss ||
        /(?:ian|ese|ish|i)$/.test(f.low)
      )
        return undefined;
      const next = tokens[parts.nameTo];
      if (next && COMPOUND_OFFICE.has(next.low) && gapBefore(text, tokens, parts.nameTo) === ' ') {
        e.made = { tokens: e.name, title: null, kind: 'surname' };
        e.add({ tokens: e.name, title: `${f.word} ${next.low}`, kind: 'official' });
      }
      return undefined;
    },
  },
];

/**
 * Runs the evidence rules over every name run: the candidates (names with what is known of
 * them) that coreference (people.ts) merges into people.
 */
export function collectEvidence(
  text: string,
  tokens: readonly Token[],
  runs: readonly Run[],
  byline: string | null,
): Candidate[] {
  const candidates: Candidate[] = [];
  const bylineWords = new Set(
    norm(byline ?? '')
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
    const name = tokens.slice(parts.nameFrom, parts.nameTo);
    if (name.length === 0) continue;
    const e: RunEvidence = {
      text,
      tokens,
      parts,
      name,
      bylineWords,
      previous,
      made: null,
      add: (c) => candidates.push(c),
    };
    let stopped = false;
    for (const rule of EVIDENCE_RULES) {
      if (rule.apply(e) === 'stop') {
        stopped = true;
        break;
      }
    }
    if (stopped) {
      previous = e.previous;
      continue;
    }
    if (e.made) candidates.push(e.made);
    previous = e.made;
  }
  return candidates;
}
