/**
 * Notes are stored by page (schema v3): a record holds up to `PART_SIZE` notes of one page, so
 * a page's notes are one record or a few. This module is the one place that builds those
 * records and moves notes between them, so every query elsewhere reads notes and never sees
 * the layout. Everything here runs inside a caller's transaction and awaits only its requests.
 *
 * Why parts and not one record per page: saving a note rewrites the record that holds it, with
 * an index entry per note, and reading and writing a record of 1,000 notes again takes about
 * 30 ms in Chromium here (5,000: about 200 ms; 10 to 100 notes: 2 to 5 ms). Why not one record
 * per note: an import pays per record written (see schema.ts). With 25 notes a record, the
 * benchmark's 10,000 notes over 500 pages are still 500 records, and a page with many notes
 * costs a save no more than one with 25.
 *
 * The `by-note` index is unique: a note id is in one part at most. When a note changes page
 * (an import carrying a newer edit under another address), its old page is rewritten first,
 * so the index never holds the id twice, even for a moment.
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { Annotation } from '../annotation';
import type { DossierSchema, PagePart } from './schema';
import { requestsOf } from './transaction';

/** The most notes one record holds. */
export const PART_SIZE = 25;

/** The `pages` store in a transaction of any scope and mode. */
export type PagesStore<Mode extends IDBTransactionMode = IDBTransactionMode> = IDBPObjectStore<
  DossierSchema,
  ArrayLike<StoreNames<DossierSchema>>,
  'pages',
  Mode
>;

/** The keys of every part of a page's notes. */
export function pageRange(url: string): IDBKeyRange {
  return IDBKeyRange.bound([url, 0], [url, Number.POSITIVE_INFINITY]);
}

/** A record of notes: the only function that derives `ids` and `tags` from them. */
export function partRecord(url: string, part: number, notes: readonly Annotation[]): PagePart {
  return {
    url,
    part,
    notes: [...notes],
    ids: notes.map((note) => note.id),
    tags: [...new Set(notes.flatMap((note) => note.tags))],
  };
}

/** A page's notes as parts 0, 1, … of at most `PART_SIZE` notes each. */
export function splitIntoParts(url: string, notes: readonly Annotation[]): PagePart[] {
  const parts: PagePart[] = [];
  for (let start = 0; start < notes.length; start += PART_SIZE) {
    parts.push(partRecord(url, parts.length, notes.slice(start, start + PART_SIZE)));
  }
  return parts;
}

/** A stored note and the record holding it. */
export interface Found {
  part: PagePart;
  note: Annotation;
}

/** The stored note with this id, with its record, or undefined. */
export async function findNote(store: PagesStore, id: string): Promise<Found | undefined> {
  const part = await store.index('by-note').get(id);
  const note = part?.notes.find((n) => n.id === id);
  return part && note ? { part, note } : undefined;
}

/** A page's notes, in no particular order. */
export async function pageNotes(store: PagesStore, url: string): Promise<Annotation[]> {
  return (await store.getAll(pageRange(url))).flatMap((part) => part.notes);
}

/** Every stored note. */
export async function allNotes(store: PagesStore): Promise<Annotation[]> {
  return (await store.getAll()).flatMap((part) => part.notes);
}

/** Rewrites one record with new notes, or removes it once it has none. */
export function writePart(
  store: PagesStore<'readwrite'>,
  part: PagePart,
  notes: Annotation[],
): Promise<unknown> {
  return notes.length === 0
    ? store.delete([part.url, part.part])
    : store.put(partRecord(part.url, part.part, notes));
}

/** Removes a found note from its record. */
export async function removeNote(store: PagesStore<'readwrite'>, found: Found): Promise<void> {
  await writePart(
    store,
    found.part,
    found.part.notes.filter((n) => n.id !== found.note.id),
  );
}

/** The record with the highest number among a page's, where a new note goes if it has room. */
export async function lastPart(store: PagesStore, url: string): Promise<PagePart | undefined> {
  return (await store.openCursor(pageRange(url), 'prev'))?.value;
}

/**
 * Stores `note` in place of any note with its id. `current` is what the caller already found
 * for this id (undefined: none), so it is not looked up twice; likewise `last`, the page's
 * `lastPart` if the caller read it alongside (callers save a request's round trip that way).
 * A note that stays on its page is replaced where it is; a new or moved note joins the page's
 * last part, or starts a part.
 */
export async function putNote(
  store: PagesStore<'readwrite'>,
  note: Annotation,
  current: Found | undefined,
  last?: { part: PagePart | undefined },
): Promise<void> {
  const url = note.page.url;
  if (current?.part.url === url) {
    await writePart(
      store,
      current.part,
      current.part.notes.map((n) => (n.id === note.id ? note : n)),
    );
    return;
  }
  // Removing the note from another page leaves this page's records as they were read.
  const [, read] = await Promise.all([
    current ? removeNote(store, current) : undefined,
    last ? last.part : lastPart(store, url),
  ]);
  if (read && read.notes.length < PART_SIZE) {
    await store.put(partRecord(url, read.part, [...read.notes, note]));
  } else {
    await store.put(partRecord(url, read ? read.part + 1 : 0, [note]));
  }
}

/**
 * Many notes written in one go (an import): changes are gathered in memory and each changed
 * page is written once, as parts of `PART_SIZE`. Every page the notes may land on or leave
 * must be loaded first, whole (all its parts), or its other notes would be lost.
 */
export class PageBatch {
  /** Notes per page: what is stored (once loaded), then what the batch changed. */
  private readonly pages = new Map<string, Map<string, Annotation>>();
  /** The pages' notes as loaded, for the first writes of pages that gave notes away. */
  private readonly loaded = new Map<string, readonly Annotation[]>();
  /** The page each known note id is on now. */
  private readonly pageOf = new Map<string, string>();
  /** Pages that gave a note to another page. */
  private readonly gave = new Set<string>();
  private readonly changed = new Set<string>();

  /** Takes in every stored part of some pages, so their notes are kept when rewritten. */
  load(parts: Iterable<PagePart>): void {
    const byUrl = new Map<string, Annotation[]>();
    for (const part of parts) {
      if (this.pages.has(part.url)) continue;
      const notes = byUrl.get(part.url);
      if (notes) for (const note of part.notes) notes.push(note);
      else byUrl.set(part.url, [...part.notes]);
    }
    for (const [url, notes] of byUrl) {
      this.loaded.set(url, notes);
      this.pages.set(url, new Map(notes.map((n) => [n.id, n])));
      for (const note of notes) this.pageOf.set(note.id, url);
    }
  }

  /** Every note loaded from the store. */
  notes(): Annotation[] {
    return [...this.loaded.values()].flat();
  }

  /** Adds or replaces the note with `note.id`, wherever it was. */
  put(note: Annotation): void {
    const url = note.page.url;
    const before = this.pageOf.get(note.id);
    if (before !== undefined && before !== url) {
      this.pages.get(before)?.delete(note.id);
      this.gave.add(before);
      this.changed.add(before);
    }
    let page = this.pages.get(url);
    if (!page) {
      page = new Map();
      this.pages.set(url, page);
    }
    page.set(note.id, note);
    this.pageOf.set(note.id, url);
    this.changed.add(url);
  }

  /**
   * Sends the writes without awaiting them (the transaction reports a failure): each changed
   * page's parts are removed and written anew. First, each page that gave notes away is
   * written as it was stored without them, so that no id is ever on two pages at once (the
   * unique `by-note` index); then every changed page as it ends up.
   */
  write(store: PagesStore<'readwrite'>): void {
    const writes = requestsOf(store);
    const send = (url: string, notes: readonly Annotation[]) => {
      writes.delete(pageRange(url));
      for (const part of splitIntoParts(url, notes)) writes.put(part);
    };
    for (const url of this.gave) {
      send(
        url,
        (this.loaded.get(url) ?? []).filter((note) => this.pageOf.get(note.id) === url),
      );
    }
    for (const url of this.changed) send(url, [...(this.pages.get(url)?.values() ?? [])]);
  }
}
