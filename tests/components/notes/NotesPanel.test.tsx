/**
 * The popup's notes panel against an in-memory NotesApi: what a reader sees and can do with the
 * notes of a page, and what reaches the store.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { options } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NoteItemRender } from '../../../components/notes/NoteItem';
import { NotesPanel } from '../../../components/notes/NotesPanel';
import { FakeNotesApi, makeNote, PAGE } from './fake-notes-api';

const OTHER = 'https://www.csis.org/analysis/pipeline-politics';

function setup(
  fake: FakeNotesApi,
  props: { exportActions?: Parameters<typeof NotesPanel>[0]['exportActions'] } = {},
) {
  const result = render(<NotesPanel api={fake} url={PAGE} {...props} />);
  return { ...result, fake };
}

/** The rows of the main list, as the reader sees them. */
async function rows() {
  const list = await screen.findByRole('list', { name: 'Notes on this page' });
  return within(list)
    .getAllByRole('listitem')
    .filter((li) => li.hasAttribute('data-note-id'));
}

function row(text: string): HTMLElement {
  const found = screen
    .getAllByRole('listitem')
    .find((li) => li.hasAttribute('data-note-id') && li.textContent?.includes(text));
  if (!found) throw new Error(`no note row containing “${text}”`);
  return found;
}

afterEach(() => {
  vi.useRealTimers();
});

/** Moves fake time on, running the timers, promises and renders it releases. */
async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

describe('the notes panel', () => {
  it('lists the notes of the page in page order with quote, note, tags and colour', async () => {
    const fake = new FakeNotesApi([
      makeNote({ exact: 'third passage', start: 900, note: 'Last', colour: 'blue' }),
      makeNote({ exact: 'first passage', start: 10, note: 'Opening', tags: ['energy', 'EU'] }),
      makeNote({ exact: 'second passage', start: 400 }),
      makeNote({ exact: 'elsewhere', start: 0, url: OTHER }),
    ]);
    setup(fake);
    const items = await rows();
    expect(items.map((li) => li.querySelector('.notes-quote')?.textContent)).toEqual([
      'Show on the page: first passage',
      'Show on the page: second passage',
      'Show on the page: third passage',
    ]);
    expect(items[0]?.textContent).toContain('Opening');
    expect(within(items[0]!).getByRole('list', { name: 'Tags' }).textContent).toBe('energyEU');
    expect(within(items[2]!).getByRole('img', { name: 'blue highlight' })).toBeTruthy();
    expect(screen.queryByText('elsewhere', { exact: false })).toBeNull();
  });

  it("shows a teammate's note in the team colour with its author's name and no Edit or Delete", async () => {
    const fake = new FakeNotesApi([
      makeNote({ exact: 'my passage', start: 10, note: 'Mine' }),
      makeNote({ exact: 'their passage', start: 20, note: 'Theirs', author: 'Ana Petrova' }),
    ]);
    setup(fake);
    await rows();
    const theirs = row('Theirs');
    expect(within(theirs).getByText('by Ana Petrova')).toBeTruthy();
    expect(within(theirs).getByRole('img', { name: "Ana Petrova's note" })).toBeTruthy();
    expect(within(theirs).queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(within(theirs).queryByRole('button', { name: 'Delete' })).toBeNull();
    const mine = row('Mine');
    expect(within(mine).queryByText(/^by /)).toBeNull();
    expect(within(mine).getByRole('button', { name: 'Edit' })).toBeTruthy();
    expect(within(mine).getByRole('button', { name: 'Delete' })).toBeTruthy();
  });

  it('shortens a long quote and keeps the whole of it in the tooltip', async () => {
    const long = `${'The Caspian region matters for European energy security. '.repeat(20)}END`;
    setup(new FakeNotesApi([makeNote({ exact: long })]));
    const [item] = await rows();
    const quote = item!.querySelector('.notes-quote') as HTMLElement;
    expect(quote.textContent!.length).toBeLessThan(220);
    expect(quote.textContent).toMatch(/…$/);
    expect(quote.getAttribute('title')).toBe(long);
  });

  it('says how to make a note when the page has none', async () => {
    setup(new FakeNotesApi([makeNote({ url: OTHER })]));
    await screen.findByText('Select text on the page to highlight it or add a note.');
    expect(screen.queryByRole('list', { name: 'Notes on this page' })).toBeNull();
  });

  it('scrolls the page to a note when its quote is clicked', async () => {
    const note = makeNote({ exact: 'President Aliyev said' });
    const { fake } = setup(new FakeNotesApi([note]));
    fireEvent.click(await screen.findByRole('button', { name: /President Aliyev said/ }));
    await waitFor(() => expect(fake.revealed).toEqual([note.id]));
  });

  it('autosaves an edit a moment after typing stops, not on every keystroke', async () => {
    vi.useFakeTimers();
    const note = makeNote({ exact: 'pipeline capacity', note: 'old' });
    const { fake } = setup(new FakeNotesApi([note]));
    await advance(50);
    fireEvent.click(within(row('pipeline capacity')).getByRole('button', { name: 'Edit' }));
    const box = screen.getByRole('textbox', { name: 'Note' });
    expect(document.activeElement).toBe(box);
    fireEvent.input(box, { target: { value: 'new t' } });
    await advance(200);
    fireEvent.input(box, { target: { value: 'new text' } });
    await advance(200);
    expect(fake.calls.filter((c) => c === 'notes/update')).toEqual([]);
    expect(within(row('pipeline capacity')).getByRole('status').textContent).toBe('Saving…');
    await advance(300);
    expect(fake.calls.filter((c) => c === 'notes/update')).toHaveLength(1);
    expect(fake.notes.get(note.id)?.note).toBe('new text');
    expect(within(row('pipeline capacity')).getByText('Saved')).toBeTruthy();
  });

  it('saves at once when the reader leaves the editor, and on Done closes it', async () => {
    vi.useFakeTimers();
    const note = makeNote({ exact: 'pipeline capacity', note: 'old' });
    const { fake } = setup(new FakeNotesApi([note]));
    await advance(50);
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const box = screen.getByRole('textbox', { name: 'Note' });
    fireEvent.input(box, { target: { value: 'typed then left' } });
    fireEvent.focusOut(box, { relatedTarget: null });
    await advance(10);
    expect(fake.notes.get(note.id)?.note).toBe('typed then left');

    fireEvent.input(box, { target: { value: 'final words' } });
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    await advance(10);
    expect(screen.queryByRole('textbox', { name: 'Note' })).toBeNull();
    expect(fake.notes.get(note.id)?.note).toBe('final words');
    expect(row('pipeline capacity').textContent).toContain('final words');
    expect(document.activeElement?.textContent).toBe('Edit');
  });

  it('does not save while focus moves between the fields of the editor', async () => {
    vi.useFakeTimers();
    const note = makeNote({ exact: 'pipeline capacity', note: 'old' });
    const { fake } = setup(new FakeNotesApi([note]));
    await advance(50);
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const box = screen.getByRole('textbox', { name: 'Note' });
    fireEvent.input(box, { target: { value: 'still typing' } });
    fireEvent.focusOut(box, { relatedTarget: screen.getByRole('combobox', { name: 'Tags' }) });
    await advance(10);
    expect(fake.calls).not.toContain('notes/update');
  });

  it('saves the edit at once when the popup closes or the editor goes away', async () => {
    vi.useFakeTimers();
    const note = makeNote({ exact: 'pipeline capacity', note: 'old' });
    const { fake, unmount } = setup(new FakeNotesApi([note]));
    await advance(50);
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const box = screen.getByRole('textbox', { name: 'Note' });
    fireEvent.input(box, { target: { value: 'written as the popup hides' } });
    window.dispatchEvent(new Event('pagehide'));
    await advance(10);
    expect(fake.notes.get(note.id)?.note).toBe('written as the popup hides');

    fireEvent.input(box, { target: { value: 'written just before closing' } });
    unmount();
    await advance(50);
    expect(fake.notes.get(note.id)?.note).toBe('written just before closing');
  });

  it('adds tags with autocomplete from the tags already used, and removes them', async () => {
    const note = makeNote({ exact: 'gas pipeline', tags: ['energy'] });
    const { fake } = setup(
      new FakeNotesApi([note, makeNote({ url: OTHER, tags: ['Azerbaijan', 'security'] })]),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const input = screen.getByRole('combobox', { name: 'Tags' });
    const listId = input.getAttribute('list')!;
    await waitFor(() => {
      const options = [...document.getElementById(listId)!.querySelectorAll('option')];
      expect(options.map((o) => o.value).sort()).toEqual(['Azerbaijan', 'energy', 'security']);
    });

    fireEvent.input(input, { target: { value: '#Azerbaijan' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    fireEvent.input(input, { target: { value: 'transit, ENERGY, Caspian ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove tag energy' }));
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    await waitFor(() =>
      expect(fake.notes.get(note.id)?.tags).toEqual(['Azerbaijan', 'transit', 'Caspian']),
    );
  });

  it('recolours a note', async () => {
    const note = makeNote({ exact: 'gas pipeline', colour: 'yellow' });
    const { fake } = setup(new FakeNotesApi([note]));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const yellow = screen.getByRole('button', { name: 'Colour: yellow' });
    expect(yellow.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Colour: green' }));
    await waitFor(() => expect(fake.notes.get(note.id)?.colour).toBe('green'));
    await screen.findByRole('img', { name: 'green highlight' });
    expect(screen.getByRole('button', { name: 'Colour: green' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
  });

  it('deletes a note and brings it back with Undo', async () => {
    const keep = makeNote({ exact: 'kept passage', start: 1 });
    const gone = makeNote({ exact: 'deleted passage', start: 50, note: 'my thought' });
    const { fake } = setup(new FakeNotesApi([keep, gone]));
    await rows();
    fireEvent.click(within(row('deleted passage')).getByRole('button', { name: 'Delete' }));
    const undo = await screen.findByRole('button', { name: 'Undo' });
    expect(screen.queryByText(/deleted passage/)).toBeNull();
    expect(fake.notes.has(gone.id)).toBe(false);
    expect(screen.getByText('Note deleted.')).toBeTruthy();
    expect(document.activeElement).toBe(undo);

    fireEvent.click(undo);
    await screen.findByText(/deleted passage/);
    expect(fake.notes.get(gone.id)?.note).toBe('my thought');
    expect((await rows()).map((li) => li.dataset.noteId)).toEqual([keep.id, gone.id]);
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('filters the notes by tag', async () => {
    setup(
      new FakeNotesApi([
        makeNote({ exact: 'about gas', start: 1, tags: ['energy'] }),
        makeNote({ exact: 'about borders', start: 2, tags: ['security'] }),
        makeNote({ exact: 'about both', start: 3, tags: ['security', 'energy'] }),
      ]),
    );
    await rows();
    const select = screen.getByRole('combobox', { name: 'Filter by tag' });
    fireEvent.change(select, { target: { value: 'energy' } });
    await waitFor(async () => expect(await rows()).toHaveLength(2));
    expect(screen.queryByText(/about borders/)).toBeNull();
    fireEvent.change(select, { target: { value: '' } });
    await waitFor(async () => expect(await rows()).toHaveLength(3));
  });

  it('searches the notes of this page, ignoring case and accents', async () => {
    const { fake } = setup(
      new FakeNotesApi([
        makeNote({ exact: 'Président Aliyev spoke', start: 1 }),
        makeNote({ exact: 'the pipeline', start: 2, note: 'ask about TAP' }),
      ]),
    );
    await rows();
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search notes' }), {
      target: { value: 'president' },
    });
    await waitFor(() => expect(screen.queryByText(/the pipeline/)).toBeNull());
    expect(screen.getByText(/Président Aliyev spoke/)).toBeTruthy();
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search notes' }), {
      target: { value: 'nothing like this' },
    });
    await screen.findByText('No notes on this page match.');
    expect(fake.calls).not.toContain('notes/search');
  });

  it('searches all pages and groups the results by page title with the URL', async () => {
    const { fake } = setup(
      new FakeNotesApi([
        makeNote({ exact: 'gas on this page', note: 'gas' }),
        makeNote({ exact: 'gas elsewhere', url: OTHER, title: 'Pipeline Politics' }),
        makeNote({ exact: 'gas trick', url: 'javascript:alert(1)', title: 'Odd page' }),
        makeNote({ exact: 'unrelated', url: OTHER, title: 'Pipeline Politics' }),
      ]),
    );
    await rows();
    fireEvent.click(screen.getByRole('radio', { name: 'All pages' }));
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search notes' }), {
      target: { value: 'gas' },
    });
    const results = await screen.findByRole('region', { name: 'Notes on all pages' });
    expect(fake.calls).toContain('notes/search');
    const other = within(results).getByRole('region', { name: 'Pipeline Politics' });
    expect(other.textContent).toContain('gas elsewhere');
    expect(other.textContent).not.toContain('unrelated');
    expect(within(other).getByRole('link', { name: OTHER }).getAttribute('href')).toBe(OTHER);
    const here = within(results).getByRole('region', { name: 'Gas Talks Resume' });
    expect(here.textContent).toContain('(this page)');
    const odd = within(results).getByRole('region', { name: 'Odd page' });
    expect(within(odd).queryByRole('link')).toBeNull();
    expect(odd.textContent).toContain('javascript:alert(1)');

    fireEvent.click(screen.getByRole('radio', { name: 'This page' }));
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Notes on all pages' })).toBeNull(),
    );
  });

  it('renames a tag everywhere', async () => {
    const a = makeNote({ exact: 'here', tags: ['enrgy'] });
    const b = makeNote({ exact: 'there', url: OTHER, tags: ['enrgy', 'eu'] });
    const { fake } = setup(new FakeNotesApi([a, b]));
    await rows();
    fireEvent.click(screen.getByRole('button', { name: 'Manage tags' }));
    const form = await screen.findByRole('form', { name: 'Rename a tag' });
    await waitFor(() =>
      expect(within(form).getByRole('combobox', { name: 'Tag to rename' }).textContent).toContain(
        'enrgy',
      ),
    );
    fireEvent.change(within(form).getByRole('combobox', { name: 'Tag to rename' }), {
      target: { value: 'enrgy' },
    });
    fireEvent.input(within(form).getByRole('textbox', { name: 'New name' }), {
      target: { value: 'energy' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Rename' }));
    await screen.findByText('Renamed “enrgy” to “energy” on 2 notes.');
    expect(fake.notes.get(a.id)?.tags).toEqual(['energy']);
    expect(fake.notes.get(b.id)?.tags).toEqual(['energy', 'eu']);
    await waitFor(() => expect(row('here').textContent).toContain('energy'));
  });

  it('merges several tags into one only after the reader confirms', async () => {
    const a = makeNote({ exact: 'one', start: 1, tags: ['gas'] });
    const b = makeNote({ exact: 'two', start: 2, tags: ['oil', 'gas'] });
    const c = makeNote({ exact: 'three', url: OTHER, tags: ['hydrocarbons'] });
    const { fake } = setup(new FakeNotesApi([a, b, c]));
    await rows();
    fireEvent.click(screen.getByRole('button', { name: 'Manage tags' }));
    const form = await screen.findByRole('form', { name: 'Merge tags' });
    await within(form).findByRole('checkbox', { name: 'oil (1)' });
    fireEvent.click(within(form).getByRole('checkbox', { name: 'gas (2)' }));
    fireEvent.click(within(form).getByRole('checkbox', { name: 'oil (1)' }));
    fireEvent.input(within(form).getByRole('combobox', { name: 'Merge into' }), {
      target: { value: 'hydrocarbons' },
    });

    fireEvent.click(within(form).getByRole('button', { name: 'Merge…' }));
    const confirm = await screen.findByRole('region', { name: 'Confirm' });
    expect(confirm.textContent).toContain('Replace “gas”, “oil” with “hydrocarbons”');
    expect(fake.calls).not.toContain('tags/merge');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('region', { name: 'Confirm' })).toBeNull();
    expect(fake.notes.get(b.id)?.tags).toEqual(['oil', 'gas']);

    fireEvent.click(within(form).getByRole('button', { name: 'Merge…' }));
    fireEvent.click(
      within(await screen.findByRole('region', { name: 'Confirm' })).getByRole('button', {
        name: 'Merge',
      }),
    );
    await screen.findByText('Merged “gas”, “oil” into “hydrocarbons” on 2 notes.');
    expect(fake.notes.get(a.id)?.tags).toEqual(['hydrocarbons']);
    expect(fake.notes.get(b.id)?.tags).toEqual(['hydrocarbons']);
  });

  it('asks before a rename that would fold one tag into another', async () => {
    const { fake } = setup(
      new FakeNotesApi([makeNote({ tags: ['gas'] }), makeNote({ start: 5, tags: ['Energy'] })]),
    );
    await rows();
    fireEvent.click(screen.getByRole('button', { name: 'Manage tags' }));
    const form = await screen.findByRole('form', { name: 'Rename a tag' });
    await within(form).findByRole('option', { name: 'gas (1)' });
    fireEvent.change(within(form).getByRole('combobox', { name: 'Tag to rename' }), {
      target: { value: 'gas' },
    });
    fireEvent.input(within(form).getByRole('textbox', { name: 'New name' }), {
      target: { value: 'energy' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Rename' }));
    const confirm = await screen.findByRole('region', { name: 'Confirm' });
    expect(confirm.textContent).toContain('“Energy” already exists');
    expect(fake.calls).not.toContain('tags/rename');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Rename and merge' }));
    await waitFor(() =>
      expect([...fake.notes.values()].map((n) => n.tags)).toEqual([['Energy'], ['Energy']]),
    );
  });

  it('lists orphans apart, with quote and note, as not found on this version of the page', async () => {
    const placed = makeNote({ exact: 'still here', start: 1 });
    const lost = makeNote({ exact: 'a sentence the editors cut', start: 2, note: 'important' });
    const fake = new FakeNotesApi([placed, lost]);
    fake.orphanIds = [lost.id];
    setup(fake);
    const section = await screen.findByRole('region', { name: 'Orphans (1)' });
    expect(section.textContent).toContain('Not found on this version of the page');
    expect(section.textContent).toContain('a sentence the editors cut');
    expect(section.textContent).toContain('important');
    expect((await rows()).map((li) => li.dataset.noteId)).toEqual([placed.id]);
    expect(within(section).getByRole('button', { name: 'Delete' })).toBeTruthy();
  });

  it('shows a note made or deleted in another tab at once, and unsubscribes when closed', async () => {
    const first = makeNote({ exact: 'first', start: 100 });
    const fake = new FakeNotesApi([first]);
    const { unmount } = setup(fake);
    await rows();
    expect(fake.subscribers).toBe(1);

    act(() => fake.writeFromAnotherTab(makeNote({ exact: 'from the other tab', start: 5 })));
    await waitFor(async () =>
      expect((await rows()).map((li) => li.textContent)).toEqual([
        expect.stringContaining('from the other tab'),
        expect.stringContaining('first'),
      ]),
    );
    act(() => fake.writeFromAnotherTab({ ...first, note: 'edited elsewhere' }));
    await screen.findByText('edited elsewhere');
    act(() => fake.deleteFromAnotherTab(first.id));
    await waitFor(() => expect(screen.queryByText('edited elsewhere')).toBeNull());

    unmount();
    await waitFor(() => expect(fake.subscribers).toBe(0));
  });

  it('re-renders only the note that changed, not the whole list', async () => {
    const notes = Array.from({ length: 60 }, (_, i) =>
      makeNote({ exact: `passage ${i}`, start: i * 10, tags: i % 2 ? ['odd'] : [] }),
    );
    const fake = new FakeNotesApi(notes);
    setup(fake);
    expect(await rows()).toHaveLength(60);
    const rendered: string[] = [];
    const previous = options.diffed;
    options.diffed = (vnode) => {
      if (vnode.type === NoteItemRender)
        rendered.push((vnode.props as unknown as { annotation: { id: string } }).annotation.id);
      previous?.(vnode);
    };
    try {
      act(() => fake.writeFromAnotherTab({ ...notes[7]!, note: 'changed elsewhere' }));
      await screen.findByText('changed elsewhere');
      expect(rendered).toEqual([notes[7]!.id]);

      rendered.length = 0;
      fireEvent.input(screen.getByRole('searchbox', { name: 'Search notes' }), {
        target: { value: 'passage' },
      });
      await waitFor(() => expect(screen.getByText('Showing 60 notes of 60 notes.')).toBeTruthy());
      expect(rendered).toEqual([]);
    } finally {
      options.diffed = previous;
    }
  });

  it('shows the first notes of a long page at once and the rest right after', async () => {
    const notes = Array.from({ length: 170 }, (_, i) => makeNote({ exact: `p${i}`, start: i }));
    setup(new FakeNotesApi(notes));
    const first = await rows();
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(170);
    // "Right after" on a loaded machine can take longer than waitFor's default second.
    await waitFor(async () => expect(await rows()).toHaveLength(170), { timeout: 10_000 });
    expect((await rows()).at(-1)?.dataset.noteId).toBe(notes[169]!.id);
  });

  it('keeps a change that arrives while the list is still loading', async () => {
    const fake = new FakeNotesApi([makeNote({ exact: 'stored', start: 1 })]);
    const release = fake.hold('notes/list');
    setup(fake);
    screen.getByText('Loading notes…');
    act(() => fake.writeFromAnotherTab(makeNote({ exact: 'arrived meanwhile', start: 2 })));
    release();
    await screen.findByText(/arrived meanwhile/);
    expect(await rows()).toHaveLength(2);
  });

  it('shows HTML and script in notes, quotes, tags and titles as text', async () => {
    const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const fake = new FakeNotesApi([
      makeNote({ exact: evil, note: evil, tags: [evil], title: evil }),
      makeNote({ exact: 'gas', note: evil, url: OTHER, title: evil }),
    ]);
    const { container } = setup(fake);
    await rows();
    expect(container.textContent).toContain(evil);
    expect(container.querySelectorAll('img, script')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    expect(container.querySelectorAll('img, script')).toHaveLength(0);
    expect(screen.getByRole('button', { name: `Remove tag ${evil}` })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    await rows();
    fireEvent.click(screen.getByRole('radio', { name: 'All pages' }));
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search notes' }), {
      target: { value: 'alert' },
    });
    await screen.findByRole('region', { name: 'Notes on all pages' });
    expect(container.querySelectorAll('img, script')).toHaveLength(0);
    expect(document.querySelectorAll('img, script')).toHaveLength(0);
  });

  it('says calmly when the notes cannot be loaded, and loads them on Try again', async () => {
    const fake = new FakeNotesApi([makeNote({ exact: 'recovered' })]);
    fake.failNext('notes/list', 'The database is busy.');
    setup(fake);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The database is busy.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByText(/recovered/);
  });

  it('shows a failed save, keeps the text, and saves it on Try again', async () => {
    const note = makeNote({ exact: 'passage', note: 'old' });
    const fake = new FakeNotesApi([note]);
    setup(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    fake.failNext('notes/update', 'The disk is full.');
    const box = screen.getByRole('textbox', { name: 'Note' });
    fireEvent.input(box, { target: { value: 'precious words' } });
    fireEvent.focusOut(box, { relatedTarget: null });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Not saved: The disk is full.');
    expect((box as HTMLTextAreaElement).value).toBe('precious words');
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(fake.notes.get(note.id)?.note).toBe('precious words'));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('keeps a note whose delete failed and says why', async () => {
    const note = makeNote({ exact: 'stubborn' });
    const fake = new FakeNotesApi([note]);
    setup(fake);
    fake.failNext('notes/delete', 'The background did not answer.');
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'The note was not deleted: The background did not answer. Dismiss',
    );
    expect(row('stubborn')).toBeTruthy();
    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('the export toolbar', () => {
  function actions() {
    const calls: string[] = [];
    const files: File[] = [];
    return {
      calls,
      files,
      exportActions: {
        exportPage: () => calls.push('page'),
        exportTag: (tag: string) => calls.push(`tag:${tag}`),
        exportAll: () => calls.push('all'),
        importFile: (file: File) => files.push(file),
        backUp: () => calls.push('backup'),
      },
    };
  }

  it('is not shown without export actions', async () => {
    setup(new FakeNotesApi([makeNote()]));
    await rows();
    expect(screen.queryByRole('button', { name: 'Export this page' })).toBeNull();
  });

  it('offers export, import and backup under their documented names', async () => {
    const { calls, exportActions } = actions();
    setup(new FakeNotesApi([makeNote({ tags: ['energy'] }), makeNote({ tags: ['eu'] })]), {
      exportActions,
    });
    await rows();
    fireEvent.click(screen.getByRole('button', { name: 'Export this page' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export everything' }));
    fireEvent.click(screen.getByRole('button', { name: 'Back up' }));
    expect(calls).toEqual(['page', 'all', 'backup']);

    fireEvent.click(screen.getByRole('button', { name: 'Export tag…' }));
    const select = screen.getByRole('combobox', { name: 'Tag to export' });
    await within(select).findByRole('option', { name: 'eu (1)' });
    fireEvent.change(select, { target: { value: 'eu' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(calls).toEqual(['page', 'all', 'backup', 'tag:eu']);
    expect(screen.queryByRole('combobox', { name: 'Tag to export' })).toBeNull();
  });

  it('imports the .json file the reader picks', async () => {
    const { files, exportActions } = actions();
    const { container } = setup(new FakeNotesApi([]), { exportActions });
    const input = container.querySelector('input[type="file"]') as HTMLInputElement;
    expect(input.accept).toContain('.json');
    const clicked = vi.spyOn(input, 'click');
    fireEvent.click(screen.getByRole('button', { name: 'Import…' }));
    expect(clicked).toHaveBeenCalled();
    const file = new File(['{}'], 'dossier-backup.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    fireEvent.change(input);
    expect(files).toEqual([file]);
  });

  it('shows an action that throws as an alert', async () => {
    const { exportActions } = actions();
    exportActions.backUp = () => {
      throw new Error('No space left for the download.');
    };
    setup(new FakeNotesApi([]), { exportActions });
    fireEvent.click(screen.getByRole('button', { name: 'Back up' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Backup did not work: No space left for the download.',
    );
  });
});
