/**
 * Just enough typing for the PouchDB plugins the sync code loads (pouchdb-core itself is typed
 * in lib/store/pouchdb.d.ts). Importing the bare package names would bring in
 * @types/pouchdb-core, whose global declarations change how Node's Buffer type-checks in every
 * script of the project; the deep paths are the same ES modules the packages name as `module`.
 */
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
