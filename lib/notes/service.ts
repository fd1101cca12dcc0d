/**
 * The background's notes service: the single writer of the store. Tabs and the popup send it
 * requests; it applies them one after another, and announces every change so that every open
 * view of the page follows at once.
 *
 * How concurrent edits resolve: edits arrive as patches (note, tags, colour) and are applied to
 * the stored note field by field in arrival order, so two tabs editing different fields both
 * keep their change, and for the same field the later arrival wins. Each write stamps
 * `updated` with a time strictly after the stored one. An edit to a note deleted meanwhile is
 * refused ("deleted in another tab") rather than bringing it back; Undo restores it.
 */
import type { Annotation, NewAnnotation, NotePatch, TagCount } from '../annotation';
import { stampAfter } from '../annotation/order';
import type { NotesChange } from '../protocol';
import {
  allTags,
  countAnnotations,
  type DossierDB,
  deleteAnnotation,
  type ExportPage,
  exportAll,
  exportPage,
  getAnnotation,
  type ImportReport,
  importAll,
  listByPage,
  mergeTags,
  normaliseTags,
  pageOfNote,
  purgeTrash,
  renameTag,
  restoreVersion,
  StoreError,
  saveAnnotation,
  searchAnnotations,
  type TrashedAnnotation,
  updateAnnotation,
  updateSeq,
} from '../store';

/** Dependencies, passed in so tests control time, ids and the database. */
export interface NotesServiceOptions {
  db: () => Promise<DossierDB>;
  now?: () => Date;
  randomId?: () => string;
  onChange?: (url: string, change: NotesChange) => void;
  /**
   * Bytes the browser still lets Dossier store (`navigator.storage.estimate()`: quota less
   * usage), or null when it cannot say. A large import is refused before it starts when it
   * would not fit: in Chromium, a disk that fills during a big write can leave the database
   * damaged, and the browser then deletes it on the next start (issue 19: a full disk during
   * an import emptied the store), so the only safe big write is one that fits.
   */
  spaceLeft?: () => Promise<number | null>;
}

/** Room an import needs: its text twice over (values and indexes) plus a margin of 32 MB. */
export function bytesNeeded(annotations: readonly Annotation[], trash: readonly unknown[]): number {
  let chars = 0;
  for (const a of annotations) {
    chars += 400 + a.note.length + a.quote.exact.length + a.page.title.length + a.page.url.length;
  }
  return 2 * (chars + trash.length * 1_000) + 32 * 1024 * 1024;
}

const MB = 1024 * 1024;

/** The operations the background offers on notes. */
export interface NotesService {
  list(url: string): Promise<Annotation[]>;
  create(input: NewAnnotation): Promise<Annotation>;
  update(id: string, patch: NotePatch): Promise<Annotation>;
  remove(id: string): Promise<{ id: string; url: string }>;
  /**
   * Brings a note back from the trash. An other version kept from a conflict between devices
   * becomes the note it is a version of, the replaced one going to the trash in its place.
   */
  undo(id: string): Promise<Annotation>;
  search(query: string, url?: string): Promise<Annotation[]>;
  tags(): Promise<TagCount[]>;
  renameTag(from: string, to: string): Promise<{ changed: number }>;
  mergeTags(sources: string[], into: string): Promise<{ changed: number }>;
  /** The page address of a note, live or in the trash (for the background's sender checks). */
  pageOf(id: string): Promise<string | undefined>;
  /** Every note and the trash, for exports and backups. */
  all(): Promise<{ annotations: Annotation[]; trash: TrashedAnnotation[] }>;
  /** The same, a page of about `budget` characters at a time (see `exportPage`). */
  allPage(cursor: string | null, budget: number): Promise<ExportPage>;
  /**
   * Imports checked records in one transaction (all or nothing). Into an empty store it
   * restores exactly, trash included; otherwise it merges, never deleting anything.
   */
  importAll(annotations: Annotation[], trash: TrashedAnnotation[]): Promise<ImportReport>;
  /**
   * Permanently removes notes deleted before `olderThan` (the reader's retention setting), so
   * the trash does not grow for ever; the notes in `keep` stay. Returns how many were removed.
   */
  purgeTrash(olderThan: Date, keep?: ReadonlySet<string>): Promise<number>;
}

const DELETED = 'This note was deleted, perhaps in another tab. Undo can bring it back.';

/** Creates the service over a lazily opened database. */
export function createNotesService(options: NotesServiceOptions): NotesService {
  const now = options.now ?? (() => new Date());
  const randomId = options.randomId ?? (() => crypto.randomUUID());
  const announce = options.onChange ?? (() => {});

  // Writes run one after another: a patch is read-modified-written without another write of
  // the same note slipping in between its two transactions.
  let queue: Promise<unknown> = Promise.resolve();
  // Counting tags reads every page (tens of milliseconds with 10,000 notes), so the answer is
  // kept while the database's update sequence stays where it was counted: a write through
  // this service clears it at once, and one from elsewhere (replication, conflicts settled)
  // moves the sequence.
  let tagCounts: Promise<TagCount[]> | null = null;
  let countedAt: number | undefined;
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    tagCounts = null;
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    const forget = () => {
      tagCounts = null;
    };
    next.then(forget, forget);
    return next;
  };

  const update = async (id: string, patch: NotePatch): Promise<Annotation> => {
    const db = await options.db();
    const current = await getAnnotation(db, id);
    if (!current) throw new Error(DELETED);
    const next: Annotation = {
      ...current,
      ...(patch.note !== undefined ? { note: patch.note } : {}),
      ...(patch.tags !== undefined ? { tags: normaliseTags(patch.tags) } : {}),
      ...(patch.colour !== undefined ? { colour: patch.colour } : {}),
      updated: stampAfter(now(), current.updated),
    };
    const result = await updateAnnotation(db, next);
    if (result.status !== 'updated') throw new Error(DELETED);
    announce(next.page.url, { kind: 'upsert', annotation: result.annotation });
    return result.annotation;
  };

  return {
    async list(url) {
      return listByPage(await options.db(), url);
    },
    create: (input) =>
      serial(async () => {
        const time = now().toISOString();
        const db = await options.db();
        const { id: chosen, ...fields } = input;
        if (chosen !== undefined) {
          // A retry of a save whose answer was lost: the note is already there, answer with it.
          const stored = await getAnnotation(db, chosen);
          if (stored) {
            if (stored.page.url === fields.page.url && stored.quote.exact === fields.quote.exact) {
              return stored;
            }
            throw new Error('A note with this id already exists.');
          }
          if ((await pageOfNote(db, chosen)) !== undefined) {
            throw new Error(
              'This note was deleted, perhaps in another tab. Undo can bring it back.',
            );
          }
        }
        const annotation: Annotation = {
          ...fields,
          tags: normaliseTags(fields.tags),
          id: chosen ?? randomId(),
          created: time,
          updated: time,
        };
        const result = await saveAnnotation(db, annotation);
        if (result.status !== 'created') throw new Error('A note with this id already exists.');
        announce(annotation.page.url, { kind: 'upsert', annotation: result.annotation });
        return result.annotation;
      }),
    update: (id, patch) => serial(() => update(id, patch)),
    remove: (id) =>
      serial(async () => {
        const trashed = await deleteAnnotation(await options.db(), id, { now: now() });
        if (!trashed) throw new Error('This note was already deleted.');
        const url = trashed.annotation.page.url;
        announce(url, { kind: 'delete', id, url });
        return { id, url };
      }),
    undo: (id) =>
      serial(async () => {
        // A deleted note comes back as it was; a conflict's other version becomes its note.
        const restored = await restoreVersion(await options.db(), id, { now: now() });
        if (!restored) throw new Error('There is nothing to undo for this note.');
        announce(restored.page.url, { kind: 'upsert', annotation: restored });
        return restored;
      }),
    async pageOf(id) {
      return pageOfNote(await options.db(), id);
    },
    async search(query, url) {
      return searchAnnotations(await options.db(), query, url ? { url } : {});
    },
    async tags() {
      const db = await options.db();
      const seq = await updateSeq(db.notes).catch(() => undefined);
      if (tagCounts && (seq === undefined || seq !== countedAt)) tagCounts = null;
      if (!tagCounts) {
        countedAt = seq;
        tagCounts = allTags(db);
      }
      const pending = tagCounts;
      pending.catch(() => {
        if (tagCounts === pending) tagCounts = null;
      });
      return pending;
    },
    renameTag: (from, to) =>
      serial(async () => {
        const change = await renameTag(await options.db(), from, to, { now: now() });
        announce('*', { kind: 'reload' });
        return { changed: change.annotations };
      }),
    allPage: async (cursor, budget) => exportPage(await options.db(), cursor, budget),
    all: async () => {
      const snapshot = await exportAll(await options.db());
      return { annotations: snapshot.annotations, trash: snapshot.trash };
    },
    importAll: (annotations, trash) =>
      serial(async () => {
        const left = await (options.spaceLeft?.() ?? null);
        const need = bytesNeeded(annotations, trash);
        if (left !== null && left < need) {
          throw new StoreError(
            'quota',
            `There is not enough disk space for this import: it needs about ${Math.ceil(need / MB)} MB and the browser has ${Math.floor(left / MB)} MB left for Dossier. Nothing was imported, and your notes are as they were; free some disk space and try again.`,
          );
        }
        const db = await options.db();
        const empty = (await countAnnotations(db)) === 0;
        const report = await importAll(db, annotations, {
          mode: empty ? 'replace' : 'merge',
          trash,
          now: now(),
        });
        announce('*', { kind: 'reload' });
        return report;
      }),
    purgeTrash: (olderThan, keep) =>
      serial(async () => purgeTrash(await options.db(), olderThan, keep)),
    mergeTags: (sources, into) =>
      serial(async () => {
        const change = await mergeTags(await options.db(), sources, into, { now: now() });
        announce('*', { kind: 'reload' });
        return { changed: change.annotations };
      }),
  };
}
