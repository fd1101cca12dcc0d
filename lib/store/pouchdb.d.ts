/**
 * The part of PouchDB's API Dossier uses, typed here rather than through @types/pouchdb-core:
 * that package declares a global `Buffer` interface which breaks Node's `Buffer` for every
 * script in the project. Imports go through the paths below so the @types package is never
 * loaded.
 */
declare module 'pouchdb-core/lib/index.es.js' {
  /** A stored document's own fields. */
  export interface DocMeta {
    _id: string;
    _rev: string;
    _conflicts?: string[];
    _deleted?: boolean;
  }
  /** A document as read. */
  export type Existing<T> = T & DocMeta;
  /** A document to write: a new one has no `_rev`; `_deleted` removes it. */
  export type ToWrite<T> =
    | (T & { _id: string; _rev?: string })
    | {
        _id: string;
        _rev: string;
        _deleted: true;
      };
  /** One result of `bulkDocs`. */
  export type WriteResult =
    | { ok: true; id: string; rev: string }
    | {
        error: true | string;
        id?: string;
        status?: number;
        name?: string;
        message?: string;
        reason?: string;
      };
  /** One row of `allDocs`. */
  export interface AllDocsRow<T> {
    id: string;
    key: string;
    value: { rev: string; deleted?: boolean };
    doc?: Existing<T> | null;
    error?: string;
  }
  /** One change of the feed. */
  export interface Change<T> {
    id: string;
    seq: number | string;
    changes: { rev: string }[];
    deleted?: boolean;
    doc?: Existing<T>;
  }
  /** A live change feed. */
  export interface ChangesFeed<T> {
    on(event: 'change', listener: (change: Change<T>) => void): this;
    on(event: 'error', listener: (error: unknown) => void): this;
    on(event: 'complete', listener: (info: unknown) => void): this;
    cancel(): void;
  }
  /** Options of `changes`. */
  export interface ChangesOptions {
    since?: number | string | 'now';
    live?: boolean;
    include_docs?: boolean;
    conflicts?: boolean;
    return_docs?: boolean;
    limit?: number;
  }
  /** A database. */
  export interface Database<T extends object = object> {
    readonly name: string;
    get(id: string, options?: { conflicts?: boolean; rev?: string }): Promise<Existing<T>>;
    bulkDocs(docs: ToWrite<T>[], options?: { new_edits?: boolean }): Promise<WriteResult[]>;
    allDocs(options: {
      include_docs?: boolean;
      conflicts?: boolean;
      startkey?: string;
      endkey?: string;
      keys?: string[];
      skip?: number;
      limit?: number;
    }): Promise<{ total_rows: number; rows: AllDocsRow<T>[] }>;
    changes(options: ChangesOptions & { live: true }): ChangesFeed<T>;
    changes(options: ChangesOptions): Promise<{ results: Change<T>[]; last_seq: number | string }>;
    info(): Promise<{ doc_count: number; update_seq: number | string }>;
    close(): Promise<void>;
    destroy(): Promise<void>;
  }
  /** The constructor, with plugins. */
  interface PouchDBStatic {
    new <T extends object = object>(
      name: string,
      options?: { adapter?: string; prefix?: string; auto_compaction?: boolean },
    ): Database<T>;
    plugin(plugin: unknown): PouchDBStatic;
  }
  const PouchDB: PouchDBStatic;
  export default PouchDB;
}

declare module 'pouchdb-adapter-indexeddb/lib/index.es.js' {
  const plugin: unknown;
  export default plugin;
}

declare module 'pouchdb-utils' {
  /**
   * The registry of live change feeds PouchDB's IndexedDB adapter keeps per database name:
   * `addListener` registers one feed's reader, `removeListener` drops it.
   */
  export class changesHandler {
    addListener(dbName: string, id: string, db: unknown, opts: object): void;
    removeListener(dbName: string, id: string): void;
  }
}

declare module 'pouchdb-merge' {
  /** The revisions of a stored document in conflict with its winning one (its `_conflicts`). */
  export function collectConflicts(metadata: { rev_tree: unknown }): string[];
}
