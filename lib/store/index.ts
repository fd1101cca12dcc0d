/**
 * Dossier's store: the reader's notes and trash in PouchDB (one document per note, replicated
 * by lib/sync; layout in pouch.ts) and the library in IndexedDB. The only module that imports
 * `idb` and PouchDB's storage (STYLE.md rule 4); everything else goes through these functions,
 * which take the open store as their first argument (`openDossierDb()`), resolve only once
 * their writes are stored, and throw only `StoreError`s in plain words.
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
export { isTeammates, setLastSignedInUser, setSignedInUser, signedInUser } from './authors';
export {
  addChoiceFacts,
  choiceFactsCarriedOver,
  isChoiceId,
  listChoiceFacts,
  removeChoiceFacts,
} from './choices';
export {
  type ConflictResolution,
  type NoteVersion,
  resolveConflict,
  resolveConflicts,
} from './conflicts';
export { StoreError, type StoreErrorCode, toStoreError } from './errors';
export { type FeedMark, type NotesFeedEvent, watchNotes } from './feed';
export {
  forgetLibrary,
  forgetLibraryPage,
  getFormRecords,
  getLibraryPage,
  getLibraryPages,
  getSavedSearch,
  hasUnsettledPages,
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
  settleLibraryPages,
  storeLibraryPage,
} from './library';
export { normaliseTag, normaliseTags } from './normalise';
export { readAfterwards, updateSeq } from './quiet';
export { purgeNote, restoreVersion, type TrashEntry, trashEntries } from './trash';

import type { NotesDatabase } from './pouch';
import type { DossierDB } from './schema';

export { type OpenOptions, openDossierDb } from './open';
export { type PersistableStorage, requestPersistence } from './persistence';
export {
  type NoteBody,
  type NoteDoc,
  type NotesDatabase,
  noteDocId,
  pageDocRange,
  parseNoteDocId,
  useNotesDatabaseOptions,
} from './pouch';
export {
  DB_NAME,
  DB_VERSION,
  type DossierDB,
  type DossierIdb,
  type DossierSchema,
  type SavedSearch,
  type TrashedAnnotation,
} from './schema';
export { allTags, mergeTags, renameTag, type TagChange } from './tags';
/** lib/sync: the one PouchDB database of notes, to replicate. */
export function notesDatabase(db: DossierDB): NotesDatabase {
  return db.notes;
}
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
