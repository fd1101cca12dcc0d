/**
 * The reader's library choices as facts (lib/library/choices.ts): replaying them gives the
 * same choices whatever order they arrive in, a later choice undoes an earlier crossing one,
 * and choices kept before facts existed replay to themselves.
 */
import { describe, expect, it } from 'vitest';
import { type ChoiceFact, factsOf, replayChoices, sameChoices } from '../../../lib/library/choices';
import { addMerge, addSplit } from '../../../lib/library/identity';

const merge: ChoiceFact = {
  id: 'm1',
  at: '2026-01-01T00:00:00.000Z',
  kind: 'merge',
  a: ['jake sullivan', 'sullivan'],
  b: ['jacob sullivan'],
};
const split: ChoiceFact = {
  id: 's1',
  at: '2026-01-02T00:00:00.000Z',
  kind: 'split',
  a: ['jacob sullivan'],
  b: ['jake sullivan'],
};
const pages: ChoiceFact = {
  id: 'p1',
  at: '2026-01-03T00:00:00.000Z',
  kind: 'split-pages',
  form: 'john smith',
  pages: ['https://a.example/1'],
  sites: ['A'],
};

describe('replaying choice facts', () => {
  it('applies them oldest first, whatever order they arrived in', () => {
    const forward = replayChoices([merge, split, pages]);
    const backward = replayChoices([pages, split, merge]);
    expect(forward).toEqual(backward);
    // The later split undid the earlier merge of the same two people.
    expect(forward.map((c) => c.kind)).toEqual(['split', 'split-pages']);
  });

  it('gives what choosing them one by one on one device gave', () => {
    const stepByStep = addSplit(
      addMerge([], merge.a, (merge as { b: string[] }).b, { id: 'm1', at: merge.at }),
      ['jacob sullivan'],
      ['jake sullivan'],
      { id: 's1', at: split.at },
    );
    expect(replayChoices([split, merge])).toEqual(stepByStep);
  });

  it('an undo is a new fact: a merge after the split joins them again', () => {
    const again: ChoiceFact = { ...merge, id: 'm2', at: '2026-01-04T00:00:00.000Z' };
    expect(replayChoices([again, split, merge]).map((c) => [c.kind, c.id])).toEqual([
      ['merge', 'm2'],
    ]);
  });

  it('turns choices kept before facts existed into facts that replay to the same', () => {
    const kept = replayChoices([merge, pages]);
    expect(replayChoices(factsOf(kept))).toEqual(kept);
    expect(sameChoices(replayChoices(factsOf(kept)), kept)).toBe(true);
    expect(sameChoices(kept, replayChoices([merge]))).toBe(false);
  });
});
