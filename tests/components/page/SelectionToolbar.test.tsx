import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import {
  SelectionToolbar,
  type SelectionToolbarProps,
} from '../../../components/page/SelectionToolbar';

const SUGGESTIONS = ['energy security', 'EU', 'Azerbaijan', 'sanctions', 'Middle Corridor'];

function setup(overrides: Partial<SelectionToolbarProps> = {}) {
  const props = {
    anchor: { x: 200, y: 100 },
    tagSuggestions: SUGGESTIONS,
    onHighlight: vi.fn<SelectionToolbarProps['onHighlight']>(),
    onNote: vi.fn<SelectionToolbarProps['onNote']>(),
    onDismiss: vi.fn<SelectionToolbarProps['onDismiss']>(),
    ...overrides,
  };
  const view = render(<SelectionToolbar {...props} />);
  return { ...props, ...view };
}

const button = (name: string) => screen.getByRole('button', { name });
const tagField = () => screen.getByRole('combobox', { name: 'Tags' });
const options = () => screen.queryAllByRole('option').map((o) => o.textContent);

function type(el: HTMLElement, value: string) {
  fireEvent.input(el, { target: { value } });
}

describe('the selection toolbar', () => {
  it('offers Highlight, Note and Tags by name, Highlight first', () => {
    setup();
    const buttons = screen.getAllByRole('button');
    expect(buttons[0]?.textContent).toBe('Highlight');
    expect(button('Note')).toBeTruthy();
    expect(button('Tags')).toBeTruthy();
  });

  it('highlights at once in yellow when no colour was chosen', () => {
    const { onHighlight, onNote } = setup();
    fireEvent.click(button('Highlight'));
    expect(onHighlight).toHaveBeenCalledExactlyOnceWith('yellow');
    expect(onNote).not.toHaveBeenCalled();
  });

  it('highlights in the colour the reader picked, shown as the one pressed', () => {
    const { onHighlight } = setup();
    fireEvent.click(button('Colour: green'));
    expect(button('Colour: green').getAttribute('aria-pressed')).toBe('true');
    expect(button('Colour: yellow').getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(button('Highlight'));
    expect(onHighlight).toHaveBeenCalledExactlyOnceWith('green');
  });

  it('starts with the initial colour pressed', () => {
    const { onHighlight } = setup({ initialColour: 'purple' });
    expect(button('Colour: purple').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(button('Highlight'));
    expect(onHighlight).toHaveBeenCalledWith('purple');
  });

  it('opens a note editor that saves the text, tags and colour with Save note', () => {
    const { onNote } = setup();
    fireEvent.click(button('Colour: blue'));
    fireEvent.click(button('Note'));
    const note = screen.getByLabelText('Note');
    expect(note.tagName).toBe('TEXTAREA');
    expect(document.activeElement).toBe(note);
    type(note, '  Pipeline deal hinges on EU demand.  ');
    type(tagField(), 'sanctions');
    fireEvent.keyDown(tagField(), { key: 'Enter' });
    fireEvent.click(button('Save note'));
    expect(onNote).toHaveBeenCalledExactlyOnceWith(
      'Pipeline deal hinges on EU demand.',
      ['sanctions'],
      'blue',
    );
  });

  it('saves the note with Ctrl+Enter and with Cmd+Enter', () => {
    const { onNote } = setup({ mode: 'note' });
    const note = screen.getByLabelText('Note');
    type(note, 'First thought');
    fireEvent.keyDown(note, { key: 'Enter', ctrlKey: true });
    expect(onNote).toHaveBeenLastCalledWith('First thought', [], 'yellow');
    fireEvent.keyDown(note, { key: 'Enter', metaKey: true });
    expect(onNote).toHaveBeenCalledTimes(2);
  });

  it('does not save on a plain Enter in the note, so notes can have paragraphs', () => {
    const { onNote } = setup({ mode: 'note' });
    fireEvent.keyDown(screen.getByLabelText('Note'), { key: 'Enter' });
    expect(onNote).not.toHaveBeenCalled();
  });

  it('dismisses on Escape from the buttons and from the editor', () => {
    const { onDismiss, onNote } = setup();
    fireEvent.keyDown(button('Highlight'), { key: 'Escape' });
    expect(onDismiss).toHaveBeenCalledTimes(1);
    fireEvent.click(button('Note'));
    fireEvent.keyDown(screen.getByLabelText('Note'), { key: 'Escape' });
    expect(onDismiss).toHaveBeenCalledTimes(2);
    expect(onNote).not.toHaveBeenCalled();
  });

  it('dismisses without saving on Cancel', () => {
    const { onDismiss, onNote } = setup({ mode: 'note' });
    type(screen.getByLabelText('Note'), 'never mind');
    fireEvent.click(button('Cancel'));
    expect(onDismiss).toHaveBeenCalledTimes(1);
    expect(onNote).not.toHaveBeenCalled();
  });

  it('keeps its keystrokes from the page, so site shortcuts do not fire while typing', () => {
    setup({ mode: 'note' });
    const pageHandler = vi.fn();
    document.addEventListener('keydown', pageHandler);
    try {
      fireEvent.keyDown(screen.getByLabelText('Note'), { key: 'j' });
      expect(pageHandler).not.toHaveBeenCalled();
    } finally {
      document.removeEventListener('keydown', pageHandler);
    }
  });

  it('opens the tag field from Tags and focuses it', () => {
    setup();
    expect(screen.queryByRole('combobox')).toBeNull();
    fireEvent.click(button('Tags'));
    expect(document.activeElement).toBe(tagField());
    expect(button('Tags').getAttribute('aria-expanded')).toBe('true');
  });

  it('filters the suggestions as the reader types, best matches first', () => {
    setup({ mode: 'tags' });
    type(tagField(), 's');
    expect(options()).toEqual(['sanctions', 'energy security']);
    expect(tagField().getAttribute('aria-expanded')).toBe('true');
    type(tagField(), 'san');
    expect(options()).toEqual(['sanctions']);
    type(tagField(), 'zzz');
    expect(options()).toEqual([]);
    expect(tagField().getAttribute('aria-expanded')).toBe('false');
  });

  it('adds a chip on Enter and on comma, tags with spaces included', () => {
    setup({ mode: 'tags' });
    type(tagField(), 'gas transit');
    fireEvent.keyDown(tagField(), { key: 'Enter' });
    type(tagField(), 'OSCE');
    fireEvent.keyDown(tagField(), { key: ',' });
    const chips = screen.getByRole('list', { name: 'Tags on this note' });
    expect(Array.from(chips.querySelectorAll('.chip-text')).map((c) => c.textContent)).toEqual([
      'gas transit',
      'OSCE',
    ]);
    expect((tagField() as HTMLInputElement).value).toBe('');
  });

  it('chooses a suggestion with the arrow keys, wrapping at the ends, and Enter', () => {
    const { onNote } = setup({ mode: 'tags' });
    type(tagField(), 'e');
    expect(options()).toEqual(['energy security', 'EU', 'Azerbaijan', 'Middle Corridor']);
    fireEvent.keyDown(tagField(), { key: 'ArrowDown' });
    fireEvent.keyDown(tagField(), { key: 'ArrowDown' });
    const selected = screen.getByRole('option', { selected: true });
    expect(selected.textContent).toBe('EU');
    expect(tagField().getAttribute('aria-activedescendant')).toBe(selected.id);
    fireEvent.keyDown(tagField(), { key: 'ArrowUp' });
    fireEvent.keyDown(tagField(), { key: 'ArrowUp' });
    expect(screen.getByRole('option', { selected: true }).textContent).toBe('Middle Corridor');
    fireEvent.keyDown(tagField(), { key: 'Enter' });
    fireEvent.click(button('Save note'));
    expect(onNote).toHaveBeenCalledExactlyOnceWith('', ['Middle Corridor'], 'yellow');
  });

  it('uses the known spelling of a tag typed in another case', () => {
    const { onNote } = setup({ mode: 'tags' });
    type(tagField(), 'azerbaijan');
    fireEvent.keyDown(tagField(), { key: 'Enter' });
    fireEvent.click(button('Save note'));
    expect(onNote).toHaveBeenCalledWith('', ['Azerbaijan'], 'yellow');
  });

  it('removes the last chip on Backspace in an empty field', () => {
    const { onNote } = setup({ mode: 'tags' });
    for (const tag of ['one', 'two']) {
      type(tagField(), tag);
      fireEvent.keyDown(tagField(), { key: 'Enter' });
    }
    fireEvent.keyDown(tagField(), { key: 'Backspace' });
    fireEvent.keyDown(tagField(), { key: 'Enter', ctrlKey: true });
    expect(onNote).toHaveBeenCalledWith('', ['one'], 'yellow');
  });

  it('closes the suggestions on the first Escape and dismisses on the second', () => {
    const { onDismiss } = setup({ mode: 'tags' });
    type(tagField(), 'e');
    fireEvent.keyDown(tagField(), { key: 'Escape' });
    expect(options()).toEqual([]);
    expect(onDismiss).not.toHaveBeenCalled();
    fireEvent.keyDown(tagField(), { key: 'Escape' });
    expect(onDismiss).toHaveBeenCalledTimes(1);
  });

  it('keeps a typed note and a half-typed tag when saving from the tag field', () => {
    const { onNote } = setup();
    fireEvent.click(button('Note'));
    type(screen.getByLabelText('Note'), 'Read again');
    fireEvent.click(button('Tags'));
    type(tagField(), 'to do');
    fireEvent.keyDown(tagField(), { key: 'Enter', ctrlKey: true });
    expect(onNote).toHaveBeenCalledExactlyOnceWith('Read again', ['to do'], 'yellow');
  });

  it('passes HTML in a note or tag through as text and renders none of it', () => {
    const payload = '<img src=x onerror=alert(1)>';
    const { onNote, container } = setup({ mode: 'note', tagSuggestions: [payload] });
    type(screen.getByLabelText('Note'), payload);
    type(tagField(), '<img');
    expect(options()).toEqual([payload]);
    fireEvent.keyDown(tagField(), { key: 'ArrowDown' });
    fireEvent.keyDown(tagField(), { key: 'Enter' });
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('.chip-text')?.textContent).toBe(payload);
    fireEvent.click(button('Save note'));
    expect(onNote).toHaveBeenCalledWith(payload, [payload], 'yellow');
    expect(container.querySelector('img')).toBeNull();
  });

  it('moves between the top-row buttons with the arrow keys', () => {
    setup();
    button('Highlight').focus();
    fireEvent.keyDown(button('Highlight'), { key: 'ArrowRight' });
    expect(document.activeElement).toBe(button('Note'));
    fireEvent.keyDown(button('Note'), { key: 'ArrowLeft' });
    fireEvent.keyDown(button('Highlight'), { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(button('Colour: purple'));
  });
});

describe('the selection toolbar on screen', () => {
  it('flips above the selection when there is no room below it', () => {
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(
      new DOMRect(0, 0, 240, 120),
    );
    const bottom = document.documentElement.clientHeight || window.innerHeight;
    setup({ anchor: { x: 300, y: bottom - 10, top: bottom - 30 } });
    const panel = screen.getByRole('group', { name: 'Dossier: annotate the selection' });
    expect(panel.dataset.side).toBe('above');
    expect(panel.style.top).toBe(`${bottom - 30 - 8 - 120}px`);
    expect(panel.style.left).toBe('180px');
  });
});
