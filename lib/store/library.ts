/**
 * The library's queries: pages read with their analysis, the reader's person choices and the
 * pause switch (schema v4). Each runs one transaction through `inTransaction`, like the notes'
 * queries, so it resolves only once committed and fails only with a `StoreError`.
 */

import {
  BODIES_KEY,
  listBodies,
  type QuotedBody,
  readBodies,
  withPageBodies,
} from '../library/bodies';
import { collectFormRecords, sightingsOf } from '../library/identity';
import type {
  FormRecord,
  LibraryPage,
  PersonChoice,
  PersonRecord,
  Sighting,
  StoredPerson,
} from '../library/records';
import { bodiesOfPage, bodiesOfPages } from '../library/speakers';
import {
  bucketOf,
  choiceBuckets,
  closeOverMerges,
  formKeysOf,
  formRecordsOf,
  HOME_SEPARATOR,
  markOf,
  mergeGroups,
  peopleOf,
  readMark,
  SUMMARY_KEY,
  SUMMARY_VERSION,
  settleChange,
  sortPeople,
  UNSETTLED_PREFIX,
  unsettledKey,
  unsettledUrl,
  withSighting,
} from '../library/summary';
import { isTeammates } from './authors';
import { bodyOf, pageDocRange, readDocs } from './pouch';
import type { DossierDB, SavedSearch } from './schema';
import { type DossierTx, inTransaction, requestsOf } from './transaction';

/** The stores a change to the people summary writes. */
type SummaryStores = ['library-settings', 'library-people', 'library-choices'];
const SUMMARY_STORES = ['library-settings', 'library-people', 'library-choices'] as const;

/** Whether the stored summary is there and of the current version (else it is left alone). */
async function summaryIsCurrent(tx: DossierTx<SummaryStores, 'readwrite'>): Promise<boolean> {
  const setting = await tx.objectStore('library-settings').get(SUMMARY_KEY);
  return setting?.value === SUMMARY_VERSION;
}

/** What resolving some pages changes: per page url, the sightings per form key. */
type PageChanges = readonly (readonly [string, Map<string, Sighting | undefined>])[];

/**
 * Applies pages' changes to the stored buckets and re-resolves the people of the buckets they
 * touch, with the reader's `choices` already read: `resolveBuckets` over the touched buckets.
 */
async function applyChanges(
  tx: DossierTx<SummaryStores, 'readwrite'>,
  changes: PageChanges,
  choices: readonly PersonChoice[],
): Promise<void> {
  // Each page's change of a form, by the form's bucket: a group of buckets applies its own.
  const byBucket = new Map<string, [url: string, key: string, seen: Sighting | undefined][]>();
  for (const [url, change] of changes) {
    for (const [key, seen] of change) {
      const bucket = bucketOf(key);
      const list = byBucket.get(bucket);
      if (list) list.push([url, key, seen]);
      else byBucket.set(bucket, [[url, key, seen]]);
    }
  }
  if (byBucket.size === 0) return;
  await resolveBuckets(tx, new Set(byBucket.keys()), choices, (forms, group) => {
    // A page read again that says what it said is no change: its buckets are not rewritten.
    const changed = new Set<string>();
    for (const bucket of group) {
      for (const [url, key, seen] of byBucket.get(bucket) ?? []) {
        const before = forms.get(key);
        if (sameSighting(before?.seen[url], seen)) continue;
        changed.add(bucket);
        const next = withSighting(before, key, url, seen);
        if (next) forms.set(key, next);
        else forms.delete(key);
      }
    }
    return changed;
  });
}

/**
 * Re-resolves the people of `buckets` (closed over the reader's merges) after `change`, if
 * any, has edited the forms (form key → record) of a group of buckets and said which of them
 * it really changed. The buckets fall into groups that only the reader's merges join
 * (`mergeGroups`; without merges, one bucket each), and each group is read, resolved and
 * written on its own, as soon as its own read is back: one request per bucket (the people at
 * home in it, whose records hold its forms: `peopleAtHome`), then, if anything changed, the
 * people gone deleted and the people resolved put. So the worker resolves one group while
 * the store still answers the reads of the next, where reading everything first left one
 * idle while the other worked.
 */
async function resolveBuckets(
  tx: DossierTx<SummaryStores, 'readwrite'>,
  buckets: Set<string>,
  choices: readonly PersonChoice[],
  change?: (forms: Map<string, FormRecord>, group: ReadonlySet<string>) => Set<string>,
  joinedBy: readonly PersonChoice[] = choices,
): Promise<void> {
  if (buckets.size === 0) return;
  // A stored person spans only buckets a merge of `joinedBy` joins: the choices in force, or,
  // while they change, the old and the new (`savePersonChoices`), so that a person merged
  // across surnames until now is read and resolved with all of their names at once.
  const groups = mergeGroups(closeOverMerges(buckets, joinedBy), joinedBy);
  await Promise.all(
    groups.map(async (group) => {
      const found = await peopleAtHome(tx, [...group]);
      const forms = formRecordsOf(found);
      // An unchanged group resolves as before (the same forms, the same choices): left as
      // stored. A changed one is resolved whole: its buckets are joined by merges.
      if (change?.(forms, group).size === 0) return;
      writePeople(
        tx,
        peopleOf(forms.values(), choices),
        found.map((p) => p.key),
      );
    }),
  );
}

/** Whether two sightings of a form on one page say the same (either may be absent). */
function sameSighting(a: Sighting | undefined, b: Sighting | undefined): boolean {
  if (!a || !b) return a === b;
  const same = <T>(x: readonly T[], y: readonly T[], eq: (p: T, q: T) => boolean) =>
    x.length === y.length && x.every((v, i) => eq(v, y[i] as T));
  return (
    a.site === b.site &&
    a.date === b.date &&
    a.mentions === b.mentions &&
    same(a.titles, b.titles, (p, q) => p === q) &&
    same(a.spellings, b.spellings, (p, q) => p[0] === q[0] && p[1] === q[1])
  );
}

/** Every unsettled mark's key in `library-settings` (see `UNSETTLED_PREFIX`). */
function unsettledRange(): IDBKeyRange {
  return IDBKeyRange.bound(UNSETTLED_PREFIX, `${UNSETTLED_PREFIX}\uffff`);
}

/** Stores `people` in place of the people stored under `oldKeys`. */
function writePeople(
  tx: DossierTx<SummaryStores, 'readwrite'>,
  people: readonly StoredPerson[],
  oldKeys: readonly string[],
): void {
  const writes = requestsOf(tx.objectStore('library-people'));
  // A person kept under the same key is simply overwritten: only those gone are deleted.
  const kept = new Set(people.map((p) => p.key));
  for (const key of oldKeys) if (!kept.has(key)) writes.delete(key);
  for (const person of people) writes.put(person);
}

/**
 * The people at home in `buckets` (see `StoredPerson`): one `get` per bucket for the first,
 * then, only for a bucket whose first says there are more, one key range read for the others.
 */
async function peopleAtHome(
  tx:
    | DossierTx<SummaryStores, 'readwrite' | 'readonly'>
    | DossierTx<['library-people'], 'readonly'>,
  buckets: readonly string[],
): Promise<StoredPerson[]> {
  const store = (tx as DossierTx<['library-people'], 'readonly'>).objectStore('library-people');
  const firsts = await Promise.all(buckets.map((b) => store.get(b)));
  const more = buckets.filter((_, i) => firsts[i]?.more === true);
  const others = await Promise.all(
    more.map((b) =>
      store.getAll(IDBKeyRange.bound(`${b}${HOME_SEPARATOR}`, `${b}\u0002`, false, true)),
    ),
  );
  return [...firsts.filter((p): p is StoredPerson => p !== undefined), ...others.flat()];
}

/**
 * Builds the people summary from every page and choice, replacing whatever was there, and
 * marks it current. For a new v5 database, one upgraded from v4, or a summary of an older
 * layout. Returns how many people it found.
 */
export function rebuildPeopleSummary(db: DossierDB): Promise<number> {
  return inTransaction(db, ['library-pages', ...SUMMARY_STORES], 'readwrite', async (tx) => {
    const [pages, choices] = await Promise.all([
      tx.objectStore('library-pages').getAll(),
      tx.objectStore('library-choices').getAll(),
    ]);
    const records = collectFormRecords(pages);
    const people = peopleOf(records.values(), choices);
    // Built from every page as it is now: no page is left to settle.
    requestsOf(tx.objectStore('library-settings')).delete(unsettledRange());
    // The organisations and documents that speak, listed apart from the people (speakers.ts).
    requestsOf(tx.objectStore('library-settings')).put({
      key: BODIES_KEY,
      value: bodiesOfPages(pages),
    });
    await tx.objectStore('library-people').clear();
    writePeople(summaryTx(tx), people, []);
    await tx.objectStore('library-settings').put({ key: SUMMARY_KEY, value: SUMMARY_VERSION });
    return people.length;
  });
}

/**
 * The stored people, most frequent first, and how many there are; null when the summary is
 * missing or of another version (then the background rebuilds it: `rebuildPeopleSummary`).
 * With `limit`, only the first rows: the `by-rank` index walked from the top, as far as the
 * `limit`-th person and anyone tied with them (so the order is the same as the whole list's).
 */
export function listPeopleSummary(
  db: DossierDB,
  limit?: number,
): Promise<{ people: PersonRecord[]; total: number; bodies: QuotedBody[] } | null> {
  return inTransaction(db, ['library-settings', 'library-people'], 'readonly', async (tx) => {
    const store = tx.objectStore('library-people');
    const settings = tx.objectStore('library-settings');
    // Asked for together: the quoted bodies cost no round trip of their own.
    const [setting, stored] = await Promise.all([
      settings.get(SUMMARY_KEY),
      settings.get(BODIES_KEY),
    ]);
    if (setting?.value !== SUMMARY_VERSION) return null;
    const bodies = listBodies(readBodies(stored?.value));
    if (limit === undefined) {
      const people = await store.getAll();
      return { people: sortPeople(people), total: people.length, bodies };
    }
    const total = await store.count();
    const people: PersonRecord[] = [];
    let cursor = await store.index('by-rank').openCursor(null, 'prev');
    while (cursor) {
      const last = people[people.length - 1];
      const tied =
        last && last.rank[0] === cursor.value.rank[0] && last.rank[1] === cursor.value.rank[1];
      if (people.length >= limit && !tied) break;
      people.push(cursor.value);
      cursor = await cursor.continue();
    }
    return { people: sortPeople(people), total, bodies };
  });
}

/** The form records of some name forms (for tests and checks of the summary). */
export function getFormRecords(db: DossierDB, keys: readonly string[]): Promise<FormRecord[]> {
  return inTransaction(db, ['library-people'], 'readonly', async (tx) => {
    const forms = formRecordsOf(await peopleAtHome(tx, [...new Set(keys.map(bucketOf))]));
    return keys.flatMap((key) => {
      const record = forms.get(key);
      return record ? [record] : [];
    });
  });
}

/** Some pages' records, by url, skipping any no longer read (a person's view reads these). */
export function getLibraryPages(db: DossierDB, urls: readonly string[]): Promise<LibraryPage[]> {
  return inTransaction(db, ['library-pages'], 'readonly', async (tx) => {
    const store = tx.objectStore('library-pages');
    const found = await Promise.all(urls.map((u) => store.get(u)));
    return found.filter((p): p is LibraryPage => p !== undefined);
  });
}

/** The `limit` most recently read pages, and how many pages there are in all. */
export function recentLibraryPages(
  db: DossierDB,
  limit: number,
): Promise<{ pages: LibraryPage[]; total: number }> {
  return inTransaction(db, ['library-pages'], 'readonly', async (tx) => {
    const index = tx.objectStore('library-pages').index('by-last-read');
    const total = await index.count();
    const pages: LibraryPage[] = [];
    let cursor = await index.openCursor(null, 'prev');
    while (cursor && pages.length < limit) {
      pages.push(cursor.value);
      cursor = await cursor.continue();
    }
    return { pages, total };
  });
}

/** Every page's `lastRead`, by url (what a saved search index is compared with). */
export function libraryPageStamps(db: DossierDB): Promise<Map<string, string>> {
  return inTransaction(db, ['library-pages'], 'readonly', async (tx) => {
    const index = tx.objectStore('library-pages').index('by-last-read');
    const stamps = new Map<string, string>();
    let cursor = await index.openKeyCursor();
    while (cursor) {
      stamps.set(cursor.primaryKey, cursor.key);
      cursor = await cursor.continue();
    }
    return stamps;
  });
}

/** The saved search index, if any. */
export function getSavedSearch(db: DossierDB, key: string): Promise<SavedSearch | undefined> {
  return inTransaction(db, ['library-search'], 'readonly', (tx) =>
    tx.objectStore('library-search').get(key),
  );
}

/**
 * Saves the side panel's search index. Derived data, written by the panel: losing it only
 * means building it again, and two panels saving at once each save a consistent index.
 */
export function saveSearch(db: DossierDB, saved: SavedSearch): Promise<void> {
  return inTransaction(db, ['library-search'], 'readwrite', async (tx) => {
    await tx.objectStore('library-search').put(saved);
  });
}

import { writeAll } from './writes';

/**
 * Records a page read: a new page, or the same page read again, whose record is replaced
 * (its analysis may have changed) while keeping when it was first read. Returns the record,
 * or null when the library is paused (checked in the same transaction, so one round trip).
 *
 * This is the part the background does while the page waits: the page's record, and a mark
 * saying it is not yet resolved into people (`unsettledKey`), in one transaction over two
 * stores. Resolving it (`settleLibraryPages`) comes later, batched with other pages: it read
 * and rewrote the forms and people of every name on the page, which was most of what
 * recording added to the background (`npm run bench -- library`). The mark is written in the
 * same transaction as the page, so a page stored is a page that will be resolved, even after
 * the worker stops; a mark already there is kept, as the summary still holds what it says.
 *
 * Its durability is `relaxed`, unlike the reader's own acts (notes, merges, forgetting): the
 * record is made from the page, nobody waits on it, and a crash that loses it loses it whole
 * (Chromium writes transactions in order), to be recorded again at the next reading.
 */
export function storeLibraryPage(db: DossierDB, page: LibraryPage): Promise<LibraryPage | null> {
  return inTransaction(
    db,
    ['library-pages', 'library-settings'],
    'readwrite',
    async (tx) => {
      const store = tx.objectStore('library-pages');
      const settings = tx.objectStore('library-settings');
      // Everything the recording may need, asked for at once.
      const mark = unsettledKey(page.url);
      const [paused, before, marked] = await Promise.all([
        settings.get('paused'),
        store.get(page.url),
        settings.get(mark),
      ]);
      if (paused?.value === true) return null;
      const firstRead = before ? earlier(before.firstRead, page.firstRead) : page.firstRead;
      // A reading whose analysis failed (a consent wall, a page half loaded) says nothing new
      // about the people in it: what the last good analysis found is kept, with the new time.
      const record =
        before?.analysis && page.analysis === null
          ? { ...before, firstRead, lastRead: page.lastRead }
          : { ...page, firstRead };
      requestsOf(store).put(record);
      // What the summary holds for the page stays what an earlier mark said, if any.
      const held = marked ? readMark(marked.value).held : formKeysOf(before);
      requestsOf(settings).put({ key: mark, value: markOf(held, record) });
      return record;
    },
    { durability: 'relaxed' },
  );
}

/**
 * Resolves every page recorded since the last time into the people summary, in one
 * transaction: each page's old sightings (as its mark says) make way for what it says now, and
 * the people of every bucket concerned are resolved once for all the pages. Returns how many
 * pages were settled. When the summary is missing or of another version, the marks are only
 * dropped: the summary is then rebuilt from every page (`rebuildPeopleSummary`). Relaxed, as
 * the summary is derived: a crash that loses this transaction keeps the marks with it.
 */
export function settleLibraryPages(db: DossierDB): Promise<number> {
  return inTransaction(
    db,
    ['library-pages', ...SUMMARY_STORES],
    'readwrite',
    async (tx) => {
      const settings = tx.objectStore('library-settings');
      const [marks, summary, choices, bodies] = await Promise.all([
        settings.getAll(unsettledRange()),
        settings.get(SUMMARY_KEY),
        tx.objectStore('library-choices').getAll(),
        settings.get(BODIES_KEY),
      ]);
      if (marks.length === 0) return 0;
      requestsOf(settings).delete(unsettledRange());
      if (summary?.value !== SUMMARY_VERSION) return marks.length;
      const store = tx.objectStore('library-pages');
      const read = marks.map((m) => [unsettledUrl(m.key), readMark(m.value)] as const);
      // Only a mark of an earlier kind (without what the page says) needs its page read.
      const pages = await Promise.all(
        read.map(([url, m]) => (m.seen && m.bodies ? undefined : store.get(url))),
      );
      // The quoted bodies: one record for the whole batch, written only when it changed.
      const stored = readBodies(bodies?.value);
      let bodiesChanged = false;
      read.forEach(([url, m], i) => {
        const page = pages[i];
        const after = m.bodies ? new Map(m.bodies) : page ? bodiesOfPage(page) : undefined;
        if (withPageBodies(stored, url, after)) bodiesChanged = true;
      });
      if (bodiesChanged) requestsOf(settings).put({ key: BODIES_KEY, value: stored });
      const changes = read.map(([url, m], i) => {
        const page = pages[i];
        const after = m.seen ?? (page ? sightingsOf(page) : undefined);
        return [url, settleChange(m.held, after)] as const;
      });
      await applyChanges(summaryTx(tx), changes, choices);
      return marks.length;
    },
    { durability: 'relaxed' },
  );
}

/** Whether some page recorded is not yet resolved into people (see `storeLibraryPage`). */
export function hasUnsettledPages(db: DossierDB): Promise<boolean> {
  return inTransaction(db, ['library-settings'], 'readonly', async (tx) => {
    const count = await tx.objectStore('library-settings').count(unsettledRange());
    return count > 0;
  });
}

/**
 * Records a page read and resolves it into people at once: `storeLibraryPage`, then
 * `settleLibraryPages` (which settles any other page waiting too). For callers that read the
 * people right after; the background records, and settles later in batches.
 */
export async function recordLibraryPage(
  db: DossierDB,
  page: LibraryPage,
): Promise<LibraryPage | null> {
  const record = await storeLibraryPage(db, page);
  if (record) await settleLibraryPages(db);
  return record;
}

/** Every page read, most recently read first. */
export async function listLibraryPages(db: DossierDB): Promise<LibraryPage[]> {
  const pages = await inTransaction(db, ['library-pages'], 'readonly', (tx) =>
    tx.objectStore('library-pages').index('by-last-read').getAll(),
  );
  return pages.reverse();
}

/** One page's record, if it was read. */
export function getLibraryPage(db: DossierDB, url: string): Promise<LibraryPage | undefined> {
  return inTransaction(db, ['library-pages'], 'readonly', (tx) =>
    tx.objectStore('library-pages').get(url),
  );
}

/**
 * Forgets a page: its record (officials, quotations) goes. Its notes stay unless `notes` is
 * true; then they move to the trash, where they can still be brought back. Returns how many
 * notes were moved.
 */
export async function forgetLibraryPage(
  db: DossierDB,
  url: string,
  options: { notes?: boolean; now?: Date } = {},
): Promise<number> {
  // Notes first: if moving them fails, the page is still in the library to try again.
  const moved = options.notes
    ? await trashNotes(db, pageDocRange(url), options.now ?? new Date())
    : 0;
  await inTransaction(db, ['library-pages', ...SUMMARY_STORES], 'readwrite', async (tx) => {
    const settings = tx.objectStore('library-settings');
    const [before, choices, current, mark, bodies] = await Promise.all([
      tx.objectStore('library-pages').get(url),
      tx.objectStore('library-choices').getAll(),
      summaryIsCurrent(summaryTx(tx)),
      settings.get(unsettledKey(url)),
      settings.get(BODIES_KEY),
    ]);
    await tx.objectStore('library-pages').delete(url);
    // Settled here and now: the summary holds what the mark says, or else the page as it was.
    if (mark) requestsOf(settings).delete(mark.key);
    if (current) {
      const held = mark ? readMark(mark.value).held : formKeysOf(before);
      await applyChanges(summaryTx(tx), [[url, settleChange(held, undefined)]], choices);
      const stored = readBodies(bodies?.value);
      if (withPageBodies(stored, url, undefined)) {
        requestsOf(settings).put({ key: BODIES_KEY, value: stored });
      }
    }
  });
  return moved;
}

/**
 * Forgets everything the library holds: pages and person choices. Notes stay unless `notes`
 * is true; then every note of this reader moves to the trash. Returns how many were moved.
 */
export async function forgetLibrary(
  db: DossierDB,
  options: { notes?: boolean; now?: Date } = {},
): Promise<number> {
  const moved = options.notes ? await trashNotes(db, undefined, options.now ?? new Date()) : 0;
  await inTransaction(
    db,
    ['library-pages', 'library-choices', 'library-people', 'library-settings'],
    'readwrite',
    async (tx) => {
      await tx.objectStore('library-pages').clear();
      await tx.objectStore('library-settings').delete(unsettledRange());
      await tx.objectStore('library-settings').delete(BODIES_KEY);
      await tx.objectStore('library-choices').clear();
      // An empty summary is a current one: nothing needs rebuilding.
      await tx.objectStore('library-people').clear();
    },
  );
  return moved;
}

/** Moves the reader's live notes in a range of documents to the trash, all or nothing. */
async function trashNotes(
  db: DossierDB,
  range: { startkey: string; endkey: string } | undefined,
  now: Date,
): Promise<number> {
  const deletedAt = now.toISOString();
  const docs = (await readDocs(db.notes, range)).filter((doc) => !doc.trashed && !isTeammates(doc));
  await writeAll(
    db.notes,
    db.index,
    docs.map((doc) => ({
      _id: doc._id,
      next: { ...bodyOf(doc), trashed: { deletedAt } },
      previous: doc,
    })),
  );
  return docs.length;
}

/** The reader's person choices, oldest first (later choices win; see identity.ts). */
export async function listPersonChoices(db: DossierDB): Promise<PersonChoice[]> {
  const choices = await inTransaction(db, ['library-choices'], 'readonly', (tx) =>
    tx.objectStore('library-choices').getAll(),
  );
  return choices.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
}

/**
 * Replaces the reader's person choices with `choices` (lib/library computes them) and
 * re-resolves the people of every bucket a choice added or dropped concerns.
 */
export function savePersonChoices(db: DossierDB, choices: readonly PersonChoice[]): Promise<void> {
  return inTransaction(db, [...SUMMARY_STORES], 'readwrite', async (tx) => {
    const store = tx.objectStore('library-choices');
    const before = await store.getAll();
    await store.clear();
    const writes = requestsOf(store);
    for (const choice of choices) writes.put(choice);
    const kept = new Set(choices.map((c) => c.id));
    const was = new Set(before.map((c) => c.id));
    const changed = [
      ...before.filter((c) => !kept.has(c.id)),
      ...choices.filter((c) => !was.has(c.id)),
    ];
    // The old choices' merges count too: buckets they joined must be resolved together again.
    const buckets = closeOverMerges(choiceBuckets(changed), before);
    if (await summaryIsCurrent(tx)) {
      await resolveBuckets(tx, buckets, choices, undefined, [...before, ...choices]);
    }
  });
}

/** Whether the library is paused (nothing new is recorded). */
export async function isLibraryPaused(db: DossierDB): Promise<boolean> {
  const setting = await inTransaction(db, ['library-settings'], 'readonly', (tx) =>
    tx.objectStore('library-settings').get('paused'),
  );
  return setting?.value === true;
}

/** Pauses or resumes the library. */
export function setLibraryPaused(db: DossierDB, paused: boolean): Promise<void> {
  return inTransaction(db, ['library-settings'], 'readwrite', async (tx) => {
    await tx.objectStore('library-settings').put({ key: 'paused', value: paused });
  });
}

/** A transaction over more stores, seen as one over the summary's stores. */
function summaryTx(tx: unknown): DossierTx<SummaryStores, 'readwrite'> {
  return tx as DossierTx<SummaryStores, 'readwrite'>;
}

/** The earlier of two ISO 8601 times (they compare as strings). */
function earlier(a: string, b: string): string {
  return a <= b ? a : b;
}
