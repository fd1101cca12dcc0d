import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import {
  type CardEntity,
  EntityCard,
  type EntityCardProps,
  truncateText,
} from '../../../components/page/EntityCard';

const OFFICIAL: CardEntity = {
  kind: 'official',
  name: 'Antony Blinken',
  titles: ['Secretary of State'],
  mentions: 4,
  index: 1,
};

function setup(entity: CardEntity, overrides: Partial<EntityCardProps> = {}) {
  const props = {
    entity,
    position: { x: 100, y: 100 },
    onPrev: vi.fn<EntityCardProps['onPrev']>(),
    onNext: vi.fn<EntityCardProps['onNext']>(),
    onDismiss: vi.fn<EntityCardProps['onDismiss']>(),
    ...overrides,
  };
  return { ...props, ...render(<EntityCard {...props} />) };
}

describe('the official card', () => {
  it('shows the name, the titles and which mention this is', () => {
    setup(OFFICIAL);
    const card = screen.getByRole('dialog', { name: 'Official: Antony Blinken' });
    expect(card.textContent).toContain('Antony Blinken');
    expect(card.textContent).toContain('Secretary of State');
    expect(card.textContent).toContain('Mention 2 of 4');
  });

  it('calls back for the previous and the next mention', () => {
    const { onPrev, onNext } = setup(OFFICIAL);
    fireEvent.click(screen.getByRole('button', { name: 'Next mention' }));
    expect(onNext).toHaveBeenCalledTimes(1);
    expect(onPrev).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Previous mention' }));
    expect(onPrev).toHaveBeenCalledTimes(1);
  });

  it('disables previous and next when the article names them once', () => {
    setup({ ...OFFICIAL, mentions: 1, index: 0 });
    expect(screen.getByText('Mention 1 of 1')).toBeTruthy();
    const next = screen.getByRole('button', { name: 'Next mention' }) as HTMLButtonElement;
    expect(next.disabled).toBe(true);
  });

  it('dismisses on Escape pressed anywhere on the card', () => {
    const { onDismiss } = setup(OFFICIAL);
    fireEvent.keyDown(screen.getByRole('button', { name: 'Next mention' }), { key: 'Escape' });
    expect(onDismiss).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onDismiss).toHaveBeenCalledTimes(2);
  });

  it('is focusable itself, so the lead can move focus to it', () => {
    setup(OFFICIAL);
    const card = screen.getByRole('dialog');
    card.focus();
    expect(document.activeElement).toBe(card);
  });
});

describe('the quotation card', () => {
  it('shows the speaker and the quotation', () => {
    setup({ kind: 'quote', text: 'We are ready to sign.', speaker: 'Ilham Aliyev' });
    const card = screen.getByRole('dialog', { name: 'Quotation by Ilham Aliyev' });
    expect(card.textContent).toContain('Ilham Aliyev');
    expect(card.querySelector('blockquote')?.textContent).toBe('“We are ready to sign.”');
  });

  it('says "Unattributed" when nobody is named', () => {
    setup({ kind: 'quote', text: 'It will take years.', speaker: null });
    const card = screen.getByRole('dialog', { name: 'Unattributed quotation' });
    expect(card.querySelector('.card-name')?.textContent).toBe('Unattributed');
  });

  it('offers Save as note only when the lead can save it', () => {
    const onSaveAsNote = vi.fn();
    const quote: CardEntity = { kind: 'quote', text: 'Yes.', speaker: 'A' };
    const { unmount } = setup(quote);
    expect(screen.queryByRole('button', { name: 'Save as note' })).toBeNull();
    unmount();
    setup(quote, { onSaveAsNote });
    fireEvent.click(screen.getByRole('button', { name: 'Save as note' }));
    expect(onSaveAsNote).toHaveBeenCalledTimes(1);
  });

  it('shortens a long quotation', () => {
    const text = `${'word '.repeat(100)}end`;
    setup({ kind: 'quote', text, speaker: 'A' });
    const shown = screen.getByRole('dialog').querySelector('blockquote')?.textContent ?? '';
    expect(shown.length).toBeLessThan(240);
    expect(shown.endsWith('…”')).toBe(true);
  });

  it('renders HTML in a quotation or a name as text', () => {
    const payload = '<img src=x onerror=alert(1)>';
    const { container } = setup({ kind: 'quote', text: payload, speaker: payload });
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('.card-name')?.textContent).toBe(payload);
  });

  it('dismisses on Escape and with Close', () => {
    const { onDismiss } = setup({ kind: 'quote', text: 'Yes.', speaker: null });
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onDismiss).toHaveBeenCalledTimes(2);
  });
});

describe('truncateText', () => {
  it('leaves short text alone but folds its white space', () => {
    expect(truncateText('  We are\n ready.  ', 50)).toBe('We are ready.');
  });

  it('cuts at a word boundary and adds an ellipsis', () => {
    expect(truncateText('The talks will resume in Baku next spring', 20)).toBe('The talks will…');
  });
});
