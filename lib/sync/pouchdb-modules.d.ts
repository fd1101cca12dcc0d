/**
 * Just enough typing for the PouchDB modules the sync code loads. Importing the bare package
 * names would bring in @types/pouchdb-core, whose `reference lib="dom"` and global namespace
 * change how Node's Buffer type-checks in every script of the project; the deep paths are the
 * same ES modules the packages name as their `module` entry.
 */
declare module 'pouchdb-core/lib/index.es.js' {
  interface PouchConstructor {
    new (name: string, options?: Record<string, unknown>): unknown;
    plugin(plugin: unknown): PouchConstructor;
    replicate(source: unknown, target: unknown, options?: Record<string, unknown>): unknown;
  }
  const PouchDB: PouchConstructor;
  export default PouchDB;
}
declare module 'pouchdb-adapter-http/lib/index.es.js' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication/lib/index.es.js' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-memory/lib/index.es.js' {
  const plugin: unknown;
  export default plugin;
}
