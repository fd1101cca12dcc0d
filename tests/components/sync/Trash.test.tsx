/**
 * The trash list and the conflict notices (components/sync/Trash.tsx) against an in-memory
 * TrashApi: what the reader sees, and that nothing is removed for good without asking twice.
 */
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { ConflictNotices, TRASH_PAGE, TrashList } from '../../../components/sync/Trash';
import type { SyncNotice } from '../../../lib/protocol';
import type { TrashEntry } from '../../../lib/store/trash';
import type { TrashApi } from '../../../lib/sync/api';
import { makeNote } from '../notes/fake-notes-api';

/** A trash of `entries` and `notices` the fake keeps as the background would. */
function fakeTrash(entries: TrashEntry[], notices: SyncNotice[] = []) {
  const state = { entries: [...entries], notices: [...notices], live: [] as string[] };
  const api: TrashApi = {
    trash: vi.fn(async (limit: number) => ({
      entries: state.entries.slice(0, limit),
      total: state.entries.length,
    })),
    restore: vi.fn(async (id: string) => {
      state.entries = state.entries.filter((e) => e.annotation.id !== id);
      state.live.push(id);
    }),
    purge: vi.fn(async (id: string) => {
      state.entries = state.entries.filter((e) => e.annotation.id !== id);
    }),
    notices: vi.fn(async () => state.notices),
    dismiss: vi.fn(async (id: string) => {
      state.notices = state.notices.filter((n) => n.id !== id);
      return state.notices;
    }),
  };
  return { api, state };
}

const entry = (note: string, deletedAt: string, extra: Partial<TrashEntry> = {}): TrashEntry => ({
  annotation: makeNote({ exact: `quote of ${note}`, note }),
  deletedAt,
  ...extra,
});

describe('the trash list', () => {
  it('lists deleted notes and other versions with Restore, and says how many there are', async () => {
    const { api, state } = fakeTrash([
      entry('newest', '2026-01-03T00:00:00.000Z'),
      entry('kept from a conflict', '2026-01-02T00:00:00.000Z', { otherVersionOf: 'n1' }),
      entry('replaced', '2026-01-01T00:00:00.000Z', { otherVersionOf: 'n2', replaced: true }),
    ]);
    render(<TrashList api={api} />);
    const list = await screen.findByRole('list', { name: 'Notes in the trash' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((r) => r.querySelector('.notes-text')?.textContent)).toEqual([
      'newest',
      'kept from a conflict',
      'replaced',
    ]);
    expect(rows[1]?.textContent).toContain('Other version kept from a sync conflict');
    expect(rows[2]?.textContent).toContain('Replaced by the version you restored');
    expect(screen.getByRole('status').textContent).toBe('3 notes in the trash.');

    fireEvent.click(within(rows[0]!).getByRole('button', { name: 'Restore' }));
    await vi.waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('2 notes in the trash.'),
    );
    expect(state.live).toEqual([rows[0]?.getAttribute('data-note-id')]);
  });

  it('deletes forever only after the reader confirms, and Keep it changes nothing', async () => {
    const { api } = fakeTrash([entry('doomed', '2026-01-03T00:00:00.000Z')]);
    render(<TrashList api={api} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete forever' }));
    const ask = screen.getByRole('group', { name: /Delete this note for good\?/ });
    expect(api.purge).not.toHaveBeenCalled();
    fireEvent.click(within(ask).getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('group', { name: /for good/ })).toBeNull();
    expect(api.purge).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Delete forever' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete for good' }));
    await vi.waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('The trash is empty.'),
    );
    expect(api.purge).toHaveBeenCalledTimes(1);
  });

  it('lists only the newest page of a large trash, and says so', async () => {
    const many = Array.from({ length: TRASH_PAGE + 7 }, (_, i) =>
      entry(`n${i}`, new Date(Date.UTC(2026, 0, 1, 0, 0, 1000 - i)).toISOString()),
    );
    const { api } = fakeTrash(many);
    render(<TrashList api={api} />);
    const list = await screen.findByRole('list', { name: 'Notes in the trash' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(TRASH_PAGE);
    expect(screen.getByRole('status').textContent).toBe(
      `${TRASH_PAGE + 7} notes in the trash; the newest ${TRASH_PAGE} are listed.`,
    );
  });

  it("offers no Restore or Delete on a teammate's note, and shows HTML as text", async () => {
    const theirs = entry('<img src=x onerror=alert(1)>', '2026-01-03T00:00:00.000Z');
    theirs.annotation.author = 'ana';
    const { api } = fakeTrash([theirs]);
    render(<TrashList api={api} />);
    const list = await screen.findByRole('list', { name: 'Notes in the trash' });
    expect(list.textContent).toContain('by ana');
    expect(list.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(list.querySelector('img')).toBeNull();
    expect(within(list).queryByRole('button')).toBeNull();
  });
});

describe('the conflict notices', () => {
  const notice = (id: string, restoreId: string): SyncNotice => ({
    id,
    at: Date.UTC(2026, 0, 5),
    text: 'This note was edited on two devices at once. The newest edit is kept; the other version is in the trash.',
    page: { title: 'Gas talks', url: 'https://www.example.org/paper' },
    quote: 'the pipeline',
    restoreId,
  });

  it('shows nothing when there is nothing to tell', async () => {
    const { api } = fakeTrash([]);
    const { container } = render(<ConflictNotices api={api} />);
    await vi.waitFor(() => expect(api.notices).toHaveBeenCalled());
    expect(container.textContent).toBe('');
  });

  it('names the page and the note, restores the version kept, and dismisses', async () => {
    const { api, state } = fakeTrash(
      [entry('other', '2026-01-05T00:00:00.000Z')],
      [notice('one', 'v1'), notice('two', 'v2')],
    );
    render(<ConflictNotices api={api} />);
    const region = await screen.findByRole('region', { name: 'Sync notices' });
    const items = within(region).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain('“the pipeline” on Gas talks');
    fireEvent.click(within(items[0]!).getByRole('button', { name: 'Restore this version' }));
    await vi.waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(1));
    expect(state.live).toEqual(['v1']);
    fireEvent.click(within(region).getByRole('button', { name: 'Dismiss' }));
    await vi.waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Sync notices' })).toBeNull(),
    );
    expect(state.live).toEqual(['v1']);
  });
});
