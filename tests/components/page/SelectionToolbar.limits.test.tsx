/**
 * Issue 19 item 7: the page toolbar's note editor holds to the one note limit every part of
 * Dossier shares (lib/annotation/limits). A note exactly at the limit is saved; one character
 * more is not, the editor stays open with the text in it, and a message says why.
 */
import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import {
  SelectionToolbar,
  type SelectionToolbarProps,
} from '../../../components/page/SelectionToolbar';
import { NOTE_MAX_CHARS, noteTooLongMessage } from '../../../lib/annotation/limits';

function setup() {
  const onNote = vi.fn<SelectionToolbarProps['onNote']>();
  const onDismiss = vi.fn<SelectionToolbarProps['onDismiss']>();
  render(
    <SelectionToolbar
      anchor={{ x: 200, y: 100 }}
      tagSuggestions={[]}
      onHighlight={vi.fn()}
      onNote={onNote}
      onDismiss={onDismiss}
      mode="note"
    />,
  );
  const field = screen.getByLabelText('Note') as HTMLTextAreaElement;
  return { onNote, onDismiss, field };
}

describe('the selection toolbar and the note limit', () => {
  it('saves a note exactly at the limit', () => {
    const { onNote, field } = setup();
    const text = 'a'.repeat(NOTE_MAX_CHARS);
    fireEvent.input(field, { target: { value: text } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    expect(onNote).toHaveBeenCalledExactlyOnceWith(text, [], 'yellow');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('does not save a note one character over, keeps the text and says why', () => {
    const { onNote, onDismiss, field } = setup();
    const text = 'b'.repeat(NOTE_MAX_CHARS + 1);
    fireEvent.input(field, { target: { value: text } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    fireEvent.keyDown(field, { key: 'Enter', ctrlKey: true });
    expect(onNote).not.toHaveBeenCalled();
    expect(onDismiss).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe(noteTooLongMessage(text.length));
    expect(screen.getByRole('alert').textContent).toContain('Your text is kept as it is.');
    // Nothing discarded: the editor is still open with every character typed.
    expect((screen.getByLabelText('Note') as HTMLTextAreaElement).value).toBe(text);
  });

  it('measures the note as it will be saved: spaces around it do not count', () => {
    const { onNote, field } = setup();
    const text = 'c'.repeat(NOTE_MAX_CHARS);
    fireEvent.input(field, { target: { value: `  ${text}\n` } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    expect(onNote).toHaveBeenCalledExactlyOnceWith(text, [], 'yellow');
  });
});
