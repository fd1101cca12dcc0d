/**
 * Dossier's store: the reader's notes in IndexedDB. The only module that imports `idb`
 * (STYLE.md rule 4); everything else goes through these functions, which take the open
 * connection as their first argument (`openDossierDb()`), run one transaction each, resolve
 * only once it has committed, and throw only `StoreError`s in plain words.
 */
export {
  countAnnotations,
  deleteAnnotation,
  getAnnotation,
  listAll,
  listByPage,
  listByTag,
  listTrash,
  pageOfNote,
  purgeTrash,
  type SaveResult,
  saveAnnotation,
  searchAnnotations,
  undoDelete,
  updateAnnotation,
} from './annotations';
export { StoreError, type StoreErrorCode, toStoreError } from './errors';
export {
  forgetLibrary,
  forgetLibraryPage,
  getFormRecords,
  getLibraryPage,
  getLibraryPages,
  getSavedSearch,
  isLibraryPaused,
  libraryPageStamps,
  listLibraryPages,
  listPeopleSummary,
  listPersonChoices,
  rebuildPeopleSummary,
  recentLibraryPages,
  recordLibraryPage,
  savePersonChoices,
  saveSearch,
  setLibraryPaused,
} from './library';
export { normaliseTag, normaliseTags } from './normalise';
export { type OpenOptions, openDossierDb } from './open';
export { type PersistableStorage, requestPersistence } from './persistence';
export {
  DB_NAME,
  DB_VERSION,
  type DossierDB,
  type DossierSchema,
  type SavedSearch,
  type TrashedAnnotation,
} from './schema';
export { allTags, mergeTags, renameTag, type TagChange } from './tags';
export {
  type ExportCursor,
  type ExportPage,
  exportAll,
  exportPage,
  type ImportDuplicate,
  type ImportMode,
  type ImportOptions,
  type ImportReport,
  type ImportStale,
  importAll,
  type StoreSnapshot,
} from './transfer';
