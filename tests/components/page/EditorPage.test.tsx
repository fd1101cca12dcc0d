import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EditorFrame } from '../../../components/page/EditorFrame';
import { EditorPage } from '../../../components/page/EditorPage';
import type { FromFrame } from '../../../components/page/editor-bridge';
import { NOTE_MAX_CHARS } from '../../../lib/annotation/limits';

// happy-dom has no ResizeObserver; the frame's height report is checked in Chromium.
class NoResize {
  observe() {}
  disconnect() {}
}
vi.stubGlobal('ResizeObserver', NoResize);

/** The editor page on one end of a channel; the test plays the toolbar on the other. */
function openEditor(field: 'note' | 'tags' = 'note', tags = ['water', 'energy security']) {
  const channel = new MessageChannel();
  const heard: FromFrame[] = [];
  channel.port1.onmessage = (e) => heard.push(e.data as FromFrame);
  const loadTags = vi.fn(async () => tags);
  render(<EditorPage handover={{ port: channel.port2, field }} loadTags={loadTags} />);
  return { toolbar: channel.port1, heard, loadTags };
}

afterEach(() => vi.clearAllMocks());

describe('the note editor frame’s page', () => {
  it('focuses the note, says it is ready, and sends the note and tags on Save note', async () => {
    const { heard } = openEditor();
    const note = screen.getByLabelText('Note');
    expect(document.activeElement).toBe(note);
    await waitFor(() => expect(heard).toContainEqual({ kind: 'ready' }));
    fireEvent.input(note, { target: { value: '  Check the 2019 text  ' } });
    fireEvent.input(screen.getByRole('combobox', { name: 'Tags' }), { target: { value: 'wat' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    // The half-typed tag is kept, as typed (no suggestion was chosen).
    await waitFor(() =>
      expect(heard).toContainEqual({ kind: 'save', note: 'Check the 2019 text', tags: ['wat'] }),
    );
  });

  it('suggests the tags it loaded itself', async () => {
    const { loadTags } = openEditor('tags');
    expect(loadTags).toHaveBeenCalledOnce();
    const field = screen.getByRole('combobox', { name: 'Tags' });
    expect(document.activeElement).toBe(field);
    fireEvent.input(field, { target: { value: 'ener' } });
    await waitFor(() =>
      expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['energy security']),
    );
  });

  it('sends dismiss on Escape, and saves on Ctrl+Enter', async () => {
    const { heard } = openEditor();
    const note = screen.getByLabelText('Note');
    fireEvent.input(note, { target: { value: 'keyboard' } });
    fireEvent.keyDown(note, { key: 'Enter', ctrlKey: true });
    fireEvent.keyDown(note, { key: 'Escape' });
    await waitFor(() => expect(heard.filter((m) => m.kind !== 'ready').length).toBe(2));
    expect(heard.filter((m) => m.kind !== 'ready')).toEqual([
      { kind: 'save', note: 'keyboard', tags: [] },
      { kind: 'dismiss' },
    ]);
  });

  it('keeps a note over the limit in the field and sends nothing', async () => {
    const { heard } = openEditor();
    const note = screen.getByLabelText('Note') as HTMLTextAreaElement;
    fireEvent.input(note, { target: { value: 'x'.repeat(NOTE_MAX_CHARS + 1) } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    expect(screen.getByRole('alert').textContent).toMatch(/shorten it to save/);
    expect(note.value.length).toBe(NOTE_MAX_CHARS + 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(heard.some((m) => m.kind === 'save')).toBe(false);
  });

  it('moves focus to the field the toolbar names', async () => {
    const { toolbar } = openEditor('note');
    toolbar.postMessage({ kind: 'focus', field: 'tags' });
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Tags' })),
    );
  });
});

describe('the note editor frame on the page', () => {
  it('is a named frame of the editor page, its secret as its name', () => {
    const { container } = render(
      <EditorFrame
        id="ed"
        field="note"
        tagSuggestions={['never shown here']}
        src="chrome-extension://dynamic-id/editor.html"
        origin="chrome-extension://extension-id"
        onSave={vi.fn()}
        onDismiss={vi.fn()}
      />,
    );
    const frame = container.querySelector('iframe') as HTMLIFrameElement;
    expect(frame.title).toBe('Dossier note editor');
    expect(frame.getAttribute('src')).toBe('chrome-extension://dynamic-id/editor.html');
    expect(frame.name).toMatch(/^[0-9a-f]{32}$/);
    expect(container.textContent).not.toContain('never shown here');
  });
});
