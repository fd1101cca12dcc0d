/**
 * Which document holds a note id. Document ids start with the page (`note:<page key>:<id>`,
 * see pouch.ts) so that a page is one range read; but the service also finds notes by id alone
 * (edit, delete, undo). This map from note id to document id is built once per connection
 * from the database's change feed and caught up from it before every lookup, so changes made
 * by replication are seen as surely as the store's own.
 */
import { type NotesDatabase, parseNoteDocId } from './pouch';

/** Note id → document id, kept up to date from the change feed. */
export class NoteIndex {
  private readonly byId = new Map<string, string>();
  private since: number | string = 0;
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly db: NotesDatabase) {}

  /** Reads the changes since the last catch-up (the first time: every document). */
  catchUp(): Promise<void> {
    const next = this.pending.then(async () => {
      const feed = await this.db.changes({ since: this.since, return_docs: true });
      for (const change of feed.results) this.apply(change.id, change.deleted === true);
      this.since = feed.last_seq;
    });
    this.pending = next.catch(() => undefined);
    return next;
  }

  /**
   * Jumps over a quiet write's span (quiet.ts) when everything before it was read: the store
   * applied each of its documents already.
   */
  jump(span: { from: number; to: number } | null): void {
    if (span && this.since === span.from) this.since = span.to;
  }

  /** Records a document written or removed by the store itself (no need to wait for the feed). */
  apply(docId: string, deleted: boolean): void {
    const parsed = parseNoteDocId(docId);
    if (!parsed) return;
    if (!deleted) this.byId.set(parsed.id, docId);
    else if (this.byId.get(parsed.id) === docId) this.byId.delete(parsed.id);
  }

  /** The document id holding note `id` (live or trashed), after catching up. */
  async lookup(id: string): Promise<string | undefined> {
    await this.catchUp();
    return this.byId.get(id);
  }

  /** How many note ids are known (live and trashed), after catching up. */
  async size(): Promise<number> {
    await this.catchUp();
    return this.byId.size;
  }
}
