/**
 * A damaged choice document arriving by sync is "left out" (store/choices.ts promises
 * so), and never stops the reader's own merges.
 */
import { describe, expect, it } from 'vitest';
import { createLibraryService } from '../../../lib/library/service';
import { listPersonChoices } from '../../../lib/store';
import { connections } from './fixtures';

const openDb = connections();

describe('a damaged replicated choice', () => {
  it('does not stop merges on this device', async () => {
    const db = await openDb();
    // As another (buggy or older) device might write it: a page split without its lists.
    await (db.notes as unknown as { put(doc: object): Promise<unknown> }).put({
      _id: 'choice:bad',
      type: 'choice',
      fact: { id: 'bad', at: '2026-01-01T00:00:00.000Z', kind: 'split-pages', form: 'john smith' },
    });
    let n = 0;
    const service = createLibraryService({
      db: async () => db,
      newId: () => `c${++n}`,
      later: () => 0,
      cancel: () => undefined,
    });
    await service.merge(['antony blinken'], ['tony blinken']);
    expect((await listPersonChoices(db)).map((c) => c.kind)).toContain('merge');
  });
});
