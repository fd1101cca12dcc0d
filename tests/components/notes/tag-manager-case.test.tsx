/** merging case variants of a tag in the tag manager. */
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { NotesPanel } from '../../../components/notes/NotesPanel';
import { FakeNotesApi, makeNote, PAGE } from './fake-notes-api';

describe('merging "Energy" and "energy" into "energy"', () => {
  it('sends a merge that leaves every note tagged "energy"', async () => {
    const a = makeNote({ exact: 'one', start: 1, tags: ['Energy'] });
    const b = makeNote({ exact: 'two', start: 2, tags: ['Energy'] });
    const c = makeNote({ exact: 'three', start: 3, tags: ['energy'] });
    const fake = new FakeNotesApi([a, b, c]);
    render(<NotesPanel api={fake} url={PAGE} />);
    await screen.findByRole('list', { name: 'Notes on this page' });
    fireEvent.click(screen.getByRole('button', { name: 'Manage tags' }));
    const form = await screen.findByRole('form', { name: 'Merge tags' });
    await within(form).findByRole('checkbox', { name: 'Energy (2)' });
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Energy (2)' }));
    fireEvent.click(within(form).getByRole('checkbox', { name: 'energy (1)' }));
    fireEvent.input(within(form).getByRole('combobox', { name: 'Merge into' }), {
      target: { value: 'energy' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Merge…' }));
    const confirm = await screen.findByRole('region', { name: 'Confirm' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Merge' }));
    await screen.findByText(/^Merged /);
    expect([a, b, c].map((n) => fake.notes.get(n.id)?.tags)).toEqual([
      ['energy'],
      ['energy'],
      ['energy'],
    ]);
  });
});
