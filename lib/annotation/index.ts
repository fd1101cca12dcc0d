/**
 * The reader's annotation and the nouns around it: the records every part of Dossier shares
 * (store, anchoring, popup, export, messages). This folder is the bottom floor: it imports
 * nothing of Dossier's, and its rules (`rules.ts`, `order.ts`) are the only definitions. Selectors follow the W3C Web Annotation model, so an annotation can be re-found on an
 * edited page and moved to other tools.
 */

/** W3C TextQuoteSelector: the exact text with up to 32 characters of context on each side. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

/** W3C TextPositionSelector: offsets into the page's text (a hint; the quote decides). */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** Highlight colours a reader can choose; painted as `dossier-note-<colour>`. */
export const COLOURS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type Colour = (typeof COLOURS)[number];

/** The page an annotation belongs to. `url` is the normalised identity (lib/url.ts). */
export interface PageRef {
  url: string;
  title: string;
  site: string;
  author?: string | null;
  published?: string | null;
}

/** What an annotation was saved from, when it started as an automatic highlight. */
export type AnnotationOrigin =
  | { kind: 'official'; name: string }
  | { kind: 'quote'; speaker: string | null };

/**
 * Where a note sits in a PDF report: the file's fingerprint (PDF.js's first fingerprint, the
 * same for the same file at any URL, so a report found elsewhere finds its notes) and the page,
 * 1-based, kept for export ("p. 14"). Selectors then index the whole document's text.
 */
export interface PdfPlace {
  fingerprint: string;
  page: number;
}

/** One highlight or note made by the reader. */
export interface Annotation {
  /** Random, stable across export and import (`crypto.randomUUID()`). */
  id: string;
  page: PageRef;
  quote: TextQuoteSelector;
  position: TextPositionSelector;
  /** The reader's note; may be empty (a plain highlight). */
  note: string;
  /** Tags as the reader typed them, without a leading `#`. */
  tags: string[];
  colour: Colour;
  /** ISO 8601 times. */
  created: string;
  updated: string;
  origin?: AnnotationOrigin;
  /** Set on notes made in Dossier's PDF viewer; absent on web pages. */
  pdf?: PdfPlace;
  /**
   * The teammate who wrote this note, shared through a team database (issue 14): set by the
   * store on the way to the views, which paint it apart, name its author and offer no Edit or
   * Delete. Absent on the reader's own notes.
   */
  author?: string;
}

/** What a view sends to make a note: everything but the id and the times, which the store sets. */
export type NewAnnotation = Omit<Annotation, 'id' | 'created' | 'updated' | 'author'> & {
  /**
   * Chosen by the tab, so that a save resent after a lost answer (the service worker stopped
   * mid-save) is stored once: see lib/notes/service.ts `create`.
   */
  id?: string;
};

/** The fields of a note the reader can change. */
export interface NotePatch {
  note?: string;
  tags?: string[];
  colour?: Colour;
}

/** A tag with the number of notes carrying it (for autocomplete and the tag filter). */
export interface TagCount {
  tag: string;
  count: number;
}

/** A deleted annotation, kept so the delete can be undone and so backups lose nothing. */
export interface TrashedAnnotation {
  annotation: Annotation;
  /** ISO 8601 time of the delete; old entries are purged after the reader's chosen time. */
  deletedAt: string;
  /** On a version a sync conflict kept aside: the id of the note it is a version of. */
  otherVersionOf?: string;
  /** Set when the reader's "Restore this version" replaced that version by another. */
  replaced?: true;
}
