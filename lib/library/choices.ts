/**
 * The reader's library choices as facts that replicate (issue 14: "the reader's choices in the
 * library" are among the replicated records). A merge, a split or a "not the same person" is
 * recorded as one fact, written once and never changed, with its time; the choices in force
 * are what replaying every fact in time order gives (`replayChoices`), through the same rules
 * that apply a choice on one device (identity.ts `addMerge` / `addSplit`: a later merge undoes
 * an earlier crossing split and the other way round, so an undo is a new fact).
 *
 * Why facts and not the resulting list: two devices that each add a choice while apart would
 * otherwise both rewrite one list, a conflict to settle; facts are separate documents that
 * replication simply unites, and every device that holds the same facts computes the same
 * choices, whatever order they arrived in. Pure code: facts in, choices out.
 */
import { addMerge, addSplit } from './identity';
import type { PersonChoice } from './records';

/** One choice the reader made, as the reader made it (all the name forms of each side). */
export type ChoiceFact =
  | { id: string; at: string; kind: 'merge' | 'split'; a: string[]; b: string[] }
  | { id: string; at: string; kind: 'split-pages'; form: string; pages: string[]; sites: string[] };

/** Oldest first; equal times by id, so every device replays in the same order. */
function byTime(x: { at: string; id: string }, y: { at: string; id: string }): number {
  return x.at < y.at ? -1 : x.at > y.at ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

/** The choices in force after every fact, applied oldest first. */
export function replayChoices(facts: readonly ChoiceFact[]): PersonChoice[] {
  let choices: PersonChoice[] = [];
  for (const fact of [...facts].sort(byTime)) {
    const meta = { id: fact.id, at: fact.at };
    if (fact.kind === 'split-pages') {
      choices = [...choices, { ...meta, kind: 'split-pages', ...pagesOf(fact) }];
    } else if (fact.a.length > 0 && fact.b.length > 0) {
      choices = (fact.kind === 'merge' ? addMerge : addSplit)(choices, fact.a, fact.b, meta);
    }
  }
  return choices;
}

function pagesOf(fact: Extract<ChoiceFact, { kind: 'split-pages' }>) {
  return { form: fact.form, pages: [...fact.pages], sites: [...fact.sites] };
}

/**
 * Facts for choices kept before choices replicated (stored as the resulting list only):
 * replaying them gives that list back, since it holds no two crossing choices.
 */
export function factsOf(choices: readonly PersonChoice[]): ChoiceFact[] {
  return choices.map((c): ChoiceFact => {
    if (c.kind === 'merge') return { id: c.id, at: c.at, kind: 'merge', a: [c.a], b: [c.b] };
    if (c.kind === 'split') return { id: c.id, at: c.at, kind: 'split', a: [...c.a], b: [...c.b] };
    return { id: c.id, at: c.at, kind: 'split-pages', ...pagesOf(c) };
  });
}

/** True when two lists hold the same choices (the order of replay included). */
export function sameChoices(x: readonly PersonChoice[], y: readonly PersonChoice[]): boolean {
  return JSON.stringify([...x].sort(byTime)) === JSON.stringify([...y].sort(byTime));
}
