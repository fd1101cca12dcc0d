/**
 * Issue 19 item 7: the popup's note editor holds to the one note limit every part of Dossier
 * shares (lib/annotation/limits). A note exactly at the limit saves; one character more is not
 * sent, stays in the field as typed, and a message says why.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { NoteEditor, type NoteEditorProps } from '../../../components/notes/NoteEditor';
import type { Annotation, NotePatch } from '../../../lib/annotation';
import { NOTE_MAX_CHARS, noteTooLongMessage } from '../../../lib/annotation/limits';
import type { Reply } from '../../../lib/protocol';
import { makeNote } from './fake-notes-api';

function setup() {
  const annotation = makeNote({ exact: 'the pipeline', start: 4, note: '' });
  const onSave = vi.fn(
    async (id: string, patch: NotePatch): Promise<Reply<Annotation>> => ({
      ok: true,
      value: { ...annotation, id, ...patch },
    }),
  );
  const props: NoteEditorProps = {
    annotation,
    onSave,
    onRecolour: vi.fn(),
    onDone: vi.fn(),
    tagListId: 'tags',
    saveDelay: 0,
  };
  render(<NoteEditor {...props} />);
  const field = screen.getByLabelText('Note') as HTMLTextAreaElement;
  return { onSave, field, annotation, onDone: props.onDone };
}

describe('the popup note editor and the note limit', () => {
  it('saves a note exactly at the limit', async () => {
    const { onSave, field, annotation } = setup();
    const text = 'a'.repeat(NOTE_MAX_CHARS);
    fireEvent.input(field, { target: { value: text } });
    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(onSave).toHaveBeenLastCalledWith(annotation.id, { note: text });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('does not send a note one character over, keeps the text and says why', async () => {
    const { onSave, field, onDone } = setup();
    const text = 'b'.repeat(NOTE_MAX_CHARS + 1);
    fireEvent.input(field, { target: { value: text } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(noteTooLongMessage(text.length));
    expect(alert.textContent).toContain('1 characters over');
    expect(alert.textContent).toContain('Your text is kept here.');
    expect(onSave).not.toHaveBeenCalled();
    // Nothing discarded: the field still holds every character typed.
    expect((screen.getByLabelText('Note') as HTMLTextAreaElement).value).toBe(text);
    // Leaving the editor (Done) does not close it over unsaved text, nor send it.
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.getByRole('alert')).toBeTruthy());
    expect(onSave).not.toHaveBeenCalled();
    expect(onDone).not.toHaveBeenCalled();
    expect((screen.getByLabelText('Note') as HTMLTextAreaElement).value).toBe(text);
  });

  it('saves once the reader shortens the note back to the limit', async () => {
    const { onSave, field, annotation } = setup();
    fireEvent.input(field, { target: { value: 'c'.repeat(NOTE_MAX_CHARS + 5) } });
    await screen.findByRole('alert');
    const shortened = 'c'.repeat(NOTE_MAX_CHARS);
    fireEvent.input(field, { target: { value: shortened } });
    await waitFor(() => expect(onSave).toHaveBeenCalledWith(annotation.id, { note: shortened }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});
