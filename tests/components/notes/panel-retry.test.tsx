/** the page list after a failed list and changes from another tab. */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { NotesPanel } from '../../../components/notes/NotesPanel';
import { FakeNotesApi, makeNote, PAGE } from './fake-notes-api';

describe('changes queued during a failed list', () => {
  it('"Try again" shows the newest version, not a change that arrived during the failed list', async () => {
    const note = makeNote({ exact: 'gas passage', note: 'v1' });
    const fake = new FakeNotesApi([note]);
    const release = fake.hold('notes/list');
    fake.failNext('notes/list', 'The background did not answer.');
    render(<NotesPanel api={fake} url={PAGE} />);
    // Another tab edits the note while the first list is still in flight: queued.
    act(() =>
      fake.writeFromAnotherTab({ ...note, note: 'v2', updated: '2026-02-01T00:00:01.000Z' }),
    );
    await act(async () => release());
    const retry = await screen.findByRole('button', { name: 'Try again' });
    // And edits it again while the panel shows the failure.
    act(() =>
      fake.writeFromAnotherTab({ ...note, note: 'v3', updated: '2026-02-01T00:00:02.000Z' }),
    );
    fireEvent.click(retry);
    const list = await screen.findByRole('list', { name: 'Notes on this page' });
    await waitFor(() => expect(within(list).getAllByRole('listitem').length).toBeGreaterThan(0));
    expect(list.textContent).toContain('v3');
    expect(fake.notes.get(note.id)?.note).toBe('v3');
  });
});
