/**
 * Walking the officials' mentions with the hover cards, shared by web pages
 * (lib/content/entities-layer.ts) and the PDF viewer (lib/pdf/cards.ts): Alt+Shift+↓/↑ goes to
 * the next or previous mention in reading order with its card focused, Escape closes the card,
 * and a card's Previous/Next go through one official's mentions. The two views differ only in
 * what a mention is (a live Range, or document offsets rendered on demand), so the order, the
 * wrapping and the keys live here, once.
 */
import { h } from 'preact';
import { cardEntity, EntityCard } from '../../components/page/EntityCard';
import type { Detection } from '../detect';
import type { UiHost } from './ui-host';

/** A painted mention or quotation, as both views describe it to the cards. */
export interface CardHit {
  kind: 'official' | 'quote';
  index: number;
  mention: number;
}

/**
 * Shows the card of `hit`, placed under `range`, in `host` (focused when `focus`): Previous and
 * Next call `step`; on a quotation, "Save as note" calls `save` with its speaker when the view
 * can save, then closes the card; Escape or the close button call `close`.
 */
export function showCard(
  host: UiHost,
  detection: Detection,
  hit: CardHit,
  range: Range,
  actions: {
    step(delta: 1 | -1): void;
    save?: ((speaker: string | null) => void) | undefined;
    close(): void;
  },
  focus: boolean,
): void {
  const rect = range.getBoundingClientRect();
  const position = { x: rect.left + rect.width / 2, y: rect.bottom, top: rect.top };
  const entity = cardEntity(detection, hit);
  const { save, close } = actions;
  host.show(
    h(EntityCard, {
      entity,
      position,
      onPrev: () => actions.step(-1),
      onNext: () => actions.step(1),
      onSaveAsNote:
        hit.kind === 'quote' && save
          ? () => {
              save(entity.kind === 'quote' ? entity.speaker : null);
              close();
            }
          : undefined,
      onDismiss: close,
    }),
  );
  if (focus) host.focusFirst();
}

/**
 * The index `delta` steps from `current` in a list of `length`, wrapping around. From no
 * current place (−1), forward starts at the first and backward at the last. −1 for an empty
 * list.
 */
export function walkFrom(length: number, current: number, delta: 1 | -1): number {
  if (length <= 0) return -1;
  if (current < 0 || current >= length) return delta > 0 ? 0 : length - 1;
  return (current + delta + length) % length;
}

/**
 * The nearest index `delta` steps on from `from` (wrapping) whose mention can be shown
 * (`shown`), trying each once; null when none can. A card's Previous/Next skip mentions that
 * could not be placed on the page.
 */
export function stepMention(
  length: number,
  from: number,
  delta: 1 | -1,
  shown: (index: number) => boolean = () => true,
): number | null {
  for (let k = 1; k <= length; k++) {
    const index = (((from + delta * k) % length) + length) % length;
    if (shown(index)) return index;
  }
  return null;
}

/** What the walking keys act on. */
export interface CardKeys {
  /** Whether a card is open (Escape closes it). */
  isOpen(): boolean;
  close(): void;
  /** Whether the highlights are shown (the walk is off with them). */
  enabled(): boolean;
  /** Goes one mention forward (1) or back (−1); true when there was one to go to. */
  walk(delta: 1 | -1): boolean;
}

/**
 * The keydown listener both views install in the capture phase, so that the walk goes on from
 * inside the card it opened. Only the reader's own keys count, never a page script's.
 */
export function cardKeyHandler(keys: CardKeys): (event: KeyboardEvent) => void {
  return (event) => {
    if (!event.isTrusted) return;
    if (event.key === 'Escape' && keys.isOpen()) keys.close();
    if (!keys.enabled() || !event.altKey || !event.shiftKey) return;
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    if (keys.walk(event.key === 'ArrowDown' ? 1 : -1)) event.preventDefault();
  };
}
