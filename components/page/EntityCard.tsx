/**
 * The card shown when the reader points at or clicks an automatic highlight: who an official
 * is and where else the article names them, or who said a quotation, with a way to keep it as
 * a note. A pure view for the lead's shadow root; the lead decides when it opens, moves the page
 * selection for previous / next, and saves the note. It is a non-modal dialog: it never takes
 * focus by itself (a hover must not steal the caret), and the lead focuses it (it is focusable)
 * when it was opened from the keyboard or by a click.
 */
import type { TargetedKeyboardEvent } from 'preact';
import type { Detection } from '../../lib/detect';
import { usePlacement } from './placement';

/** An official named in the article; `index` is the current mention, counted from 0. */
export interface OfficialEntity {
  kind: 'official';
  name: string;
  titles: string[];
  /** How many times the article names them. */
  mentions: number;
  /** Which mention the card is about, 0-based (shown as "Mention index + 1 of mentions"). */
  index: number;
}

/** A quotation in the article; `speaker` is null when detection found nobody to attribute. */
export interface QuoteEntity {
  kind: 'quote';
  text: string;
  speaker: string | null;
}

/** What a card is about. */
export type CardEntity = OfficialEntity | QuoteEntity;

/**
 * The card's subject for a highlight the reader pointed at: an official's `mention`, or a
 * quotation (pages and the PDF viewer both describe their hits this way).
 */
export function cardEntity(
  detection: Detection,
  hit: { kind: 'official' | 'quote'; index: number; mention: number },
): CardEntity {
  const official = detection.officials[hit.index];
  if (hit.kind === 'official' && official) {
    return {
      kind: 'official',
      name: official.name,
      titles: official.titles,
      mentions: official.mentions.length,
      index: hit.mention,
    };
  }
  const quote = detection.quotes[hit.index];
  return { kind: 'quote', text: quote?.text ?? '', speaker: quote?.speaker ?? null };
}

/** Props of {@link EntityCard}. */
export interface EntityCardProps {
  entity: CardEntity;
  /** Go to the previous / next mention of the official (the lead moves and flashes it). */
  onPrev(): void;
  onNext(): void;
  /** Keep this quotation as a note; the button shows only when given. */
  onSaveAsNote?: () => void;
  /** Escape or Close. */
  onDismiss(): void;
  /** The highlight's position in viewport coordinates: the card hangs below, or flips above. */
  position: { x: number; y: number; top?: number };
}

/** Longest quotation shown in full; a card is a glance, the article holds the rest. */
export const QUOTE_PREVIEW_CHARS = 220;

/**
 * Shortens `text` to at most `max` characters at a word boundary, with an ellipsis, and folds
 * white space, so long or oddly broken quotations keep the card small.
 */
export function truncateText(text: string, max: number = QUOTE_PREVIEW_CHARS): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  if (folded.length <= max) return folded;
  const cut = folded.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  const head = space > max * 0.6 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:.!?'"“”‘’–—-]+$/u, '')}…`;
}

/** The card's name for screen readers: what kind of thing it is, and whose. */
function cardLabel(entity: CardEntity): string {
  if (entity.kind === 'official') return `Official: ${entity.name}`;
  return entity.speaker ? `Quotation by ${entity.speaker}` : 'Unattributed quotation';
}

/**
 * A small floating card for one official or one quotation. Official: name, titles, "Mention i
 * of n", `Previous mention` / `Next mention`. Quotation: the speaker (or "Unattributed"), the
 * quotation shortened, and `Save as note` when `onSaveAsNote` is given.
 */
export function EntityCard({
  entity,
  onPrev,
  onNext,
  onSaveAsNote,
  onDismiss,
  position,
}: EntityCardProps) {
  const ref = usePlacement<HTMLDivElement>(position);

  const onKeyDown = (e: TargetedKeyboardEvent<HTMLDivElement>) => {
    // The page's own shortcuts must not fire while the reader uses the card.
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      onDismiss();
    }
  };

  return (
    <div
      ref={ref}
      class={`panel card card-${entity.kind}`}
      role="dialog"
      aria-label={cardLabel(entity)}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      onKeyUp={(e) => e.stopPropagation()}
      onKeyPress={(e) => e.stopPropagation()}
    >
      <div class="card-head">
        <span class="card-kind">{entity.kind === 'official' ? 'Official' : 'Quotation'}</span>
        <button type="button" class="icon close" aria-label="Close" onClick={onDismiss}>
          ×
        </button>
      </div>
      {entity.kind === 'official' ? (
        <OfficialBody entity={entity} onPrev={onPrev} onNext={onNext} />
      ) : (
        <QuoteBody entity={entity} onSaveAsNote={onSaveAsNote} />
      )}
    </div>
  );
}

function OfficialBody({
  entity,
  onPrev,
  onNext,
}: {
  entity: OfficialEntity;
  onPrev(): void;
  onNext(): void;
}) {
  const { name, titles, mentions, index } = entity;
  const single = mentions <= 1;
  return (
    <>
      <p class="card-name">{name}</p>
      {titles.length > 0 && (
        <ul class="titles" aria-label="Titles">
          {titles.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      )}
      <div class="card-nav">
        <button
          type="button"
          class="icon"
          aria-label="Previous mention"
          disabled={single}
          onClick={onPrev}
        >
          ‹
        </button>
        <span class="mention-count" aria-live="polite">
          Mention {Math.min(index + 1, Math.max(mentions, 1))} of {mentions}
        </span>
        <button
          type="button"
          class="icon"
          aria-label="Next mention"
          disabled={single}
          onClick={onNext}
        >
          ›
        </button>
      </div>
    </>
  );
}

function QuoteBody({ entity, onSaveAsNote }: { entity: QuoteEntity; onSaveAsNote?: () => void }) {
  const short = truncateText(entity.text);
  return (
    <>
      <p class={entity.speaker ? 'card-name' : 'card-name unattributed'}>
        {entity.speaker ?? 'Unattributed'}
      </p>
      <blockquote class="card-quote" title={short === entity.text ? undefined : entity.text}>
        “{short}”
      </blockquote>
      {onSaveAsNote && (
        <div class="card-actions">
          <button type="button" class="primary" onClick={onSaveAsNote}>
            Save as note
          </button>
        </div>
      )}
    </>
  );
}
