/** the all-pages search results after changes made elsewhere. */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { NotesPanel } from '../../../components/notes/NotesPanel';
import { FakeNotesApi, makeNote, PAGE } from './fake-notes-api';

const OTHER = 'https://www.csis.org/analysis/pipeline-politics';

async function searchAllPages(query: string) {
  await screen.findByRole('list', { name: 'Notes on this page' });
  fireEvent.click(screen.getByRole('radio', { name: 'All pages' }));
  fireEvent.input(screen.getByRole('searchbox', { name: 'Search notes' }), {
    target: { value: query },
  });
  return screen.findByRole('region', { name: 'Notes on all pages' });
}

describe('all-pages results follow changes', () => {
  it('drops a result deleted in another tab (a note on another page)', async () => {
    const here = makeNote({ exact: 'gas on this page' });
    const there = makeNote({ exact: 'gas elsewhere', url: OTHER, title: 'Pipeline Politics' });
    const fake = new FakeNotesApi([here, there]);
    render(<NotesPanel api={fake} url={PAGE} />);
    const results = await searchAllPages('gas');
    expect(results.textContent).toContain('gas elsewhere');
    fake.deleteFromAnotherTab(there.id);
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Notes on all pages' }).textContent).not.toContain(
        'gas elsewhere',
      ),
    );
  });

  it('shows the new tag name in the results after renaming the tag in this panel', async () => {
    const here = makeNote({ exact: 'gas on this page', tags: ['enrgy'] });
    const there = makeNote({
      exact: 'gas elsewhere',
      url: OTHER,
      title: 'Pipeline Politics',
      tags: ['enrgy'],
    });
    const fake = new FakeNotesApi([here, there]);
    render(<NotesPanel api={fake} url={PAGE} />);
    const results = await searchAllPages('gas');
    const other = within(results).getByRole('region', { name: 'Pipeline Politics' });
    expect(other.textContent).toContain('enrgy');

    fireEvent.click(screen.getByRole('button', { name: 'Manage tags' }));
    const form = await screen.findByRole('form', { name: 'Rename a tag' });
    await waitFor(() =>
      expect(within(form).getByRole('combobox', { name: 'Tag to rename' }).textContent).toContain(
        'enrgy',
      ),
    );
    fireEvent.input(within(form).getByRole('textbox', { name: 'New name' }), {
      target: { value: 'energy' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Rename' }));
    await screen.findByText('Renamed “enrgy” to “energy” on 2 notes.');
    expect(fake.notes.get(there.id)?.tags).toEqual(['energy']);
    await waitFor(() =>
      expect(
        within(screen.getByRole('region', { name: 'Notes on all pages' })).getByRole('region', {
          name: 'Pipeline Politics',
        }).textContent,
      ).toContain('energy'),
    );
  });
});
