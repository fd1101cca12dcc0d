/**
 * Conflict notices (lib/sync/notices.ts): what a conflict resolution tells the reader, naming
 * the page and the note with the trashed note to restore; each decision once, the newest kept.
 */
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../lib/annotation';
import {
  asideNotice,
  keepNotices,
  MAX_NOTICES,
  noticesOf,
  parseNotices,
} from '../../../lib/sync/notices';

const note = (id: string, overrides: Partial<Annotation> = {}): Annotation => ({
  id,
  page: { url: 'https://www.example.org/paper', title: 'Gas talks', site: 'Example' },
  quote: { type: 'TextQuoteSelector', exact: 'the pipeline', prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector', start: 0, end: 12 },
  note: '',
  tags: [],
  colour: 'yellow',
  created: '2026-01-01T00:00:00.000Z',
  updated: '2026-01-02T00:00:00.000Z',
  ...overrides,
});

describe('conflict notices', () => {
  it('says nothing when the resolution put nothing aside', () => {
    expect(noticesOf({ winner: { note: note('a') }, others: [] }, 1)).toEqual([]);
  });

  it('names the page and the note of a delete against an edit, restoring the edited note', () => {
    const [notice] = noticesOf(
      {
        winner: { note: note('a'), trashed: { deletedAt: '2026-01-03T00:00:00.000Z' } },
        others: [],
        deletedVsEdited: true,
      },
      5,
    );
    expect(notice).toMatchObject({
      at: 5,
      page: { title: 'Gas talks', url: 'https://www.example.org/paper' },
      quote: 'the pipeline',
      restoreId: 'a',
    });
    expect(notice?.text).toMatch(/deleted on one device and edited on another/);
  });

  it('raises one notice per other version, restoring that version', () => {
    const notices = noticesOf(
      { winner: { note: note('a') }, others: [{ note: note('b') }, { note: note('c') }] },
      1,
    );
    expect(notices.map((n) => n.restoreId)).toEqual(['b', 'c']);
    expect(notices[0]?.text).toMatch(/edited on two devices at once/);
  });

  it('tells of an other version arriving from the device that resolved it once, as its own', () => {
    // The resolving device raises the notice from its resolution; every device, itself
    // included, raises it again when the other version reaches its trash: kept once.
    const resolved = noticesOf({ winner: { note: note('a') }, others: [{ note: note('b') }] }, 1);
    const arrived = asideNotice(note('b'), 2);
    expect(arrived).toMatchObject({ page: { title: 'Gas talks' }, restoreId: 'b' });
    expect(arrived.text).toMatch(/edited on two devices at once/);
    expect(keepNotices(resolved, [arrived])).toHaveLength(1);
  });

  it('keeps each decision once, newest first, and at most the newest few', () => {
    const one = noticesOf({ winner: { note: note('a') }, others: [{ note: note('b') }] }, 1);
    expect(keepNotices(one, one)).toHaveLength(1);
    let kept = keepNotices([], []);
    for (let i = 0; i < MAX_NOTICES + 5; i++) {
      kept = keepNotices(
        kept,
        noticesOf({ winner: { note: note('x') }, others: [{ note: note(`o${i}`) }] }, i),
      );
    }
    expect(kept).toHaveLength(MAX_NOTICES);
    expect(kept[0]?.restoreId).toBe(`o${MAX_NOTICES + 4}`);
  });

  it('reads stored notices back, leaving damaged ones out', () => {
    const good = noticesOf({ winner: { note: note('a') }, others: [{ note: note('b') }] }, 1);
    expect(parseNotices([...good, { id: 3 }, null, 'x'])).toEqual(good);
    expect(parseNotices('not a list')).toEqual([]);
  });
});
