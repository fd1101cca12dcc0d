/**
 * The full JSON backup of the store: every annotation, the trash (so an undo still works after
 * a restore) and which annotations were orphans. It is Dossier's own format, so it is strict and
 * lossless: every field comes back exactly as it was written, and an unknown field or a newer
 * version is refused rather than half-read.
 *
 * Format, version 1:
 * `{ "format": "dossier-backup", "version": 1, "exported": ISO time,
 *    "annotations": Annotation[],
 *    "trash": (Annotation & { deleted: ISO time, otherVersionOf?: id, replaced?: true })[],
 *    "orphans": annotation ids[] }`
 * (`otherVersionOf` and `replaced` mark a version a sync conflict kept aside; older backups
 * have none, and read the same.)
 */
import type { Annotation } from '../annotation';
import {
  annotationSchema,
  isIsoDateTime,
  isUuid,
  trashedAnnotationSchema,
} from '../annotation/schema';
import { thousands } from '../format';
import {
  type BackupTrashEntry,
  checkEntry,
  checkUniqueIds,
  describeValue,
  ErrorList,
  type ImportResult,
  LIMITS,
} from './validate';

/** Identifies a Dossier backup among other JSON files. */
export const BACKUP_FORMAT = 'dossier-backup';
/** The backup version this code writes and reads. */
export const BACKUP_VERSION = 1;

/** The backup document as written to disk. */
export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exported: string;
  annotations: Annotation[];
  trash: BackupTrashEntry[];
  orphans: string[];
}

/**
 * Serialises the whole store as a backup. Pure: the caller passes the records and the time, and
 * saves the returned text wherever it likes.
 */
export function toBackup(
  annotations: readonly Annotation[],
  trash: readonly BackupTrashEntry[],
  options: { now: Date; orphanIds?: ReadonlySet<string> | readonly string[] },
): string {
  const known = new Set(annotations.map((a) => a.id));
  const orphans = [...(options.orphanIds ?? [])].filter((id) => known.has(id));
  const backup: Backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exported: options.now.toISOString(),
    annotations: [...annotations],
    trash: [...trash],
    orphans,
  };
  return `${JSON.stringify(backup, null, 2)}\n`;
}

const TOP_LEVEL_KEYS = new Set([
  'format',
  'version',
  'exported',
  'annotations',
  'trash',
  'orphans',
]);

/**
 * Checks a parsed backup document, whole. Returns every record, or every problem with the entry
 * it belongs to; nothing is returned from a file that has any problem.
 */
export function parseBackup(value: unknown): ImportResult {
  const errors = new ErrorList();
  const file = (message: string, path = '') => {
    errors.add(null, path, message);
    return { ok: false as const, errors: errors.result() };
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return file(`A Dossier backup must be a JSON object (got ${describeValue(value)}).`);
  }
  const doc = value as Record<string, unknown>;
  if (doc.format !== BACKUP_FORMAT) {
    return file(`This is not a Dossier backup: "format" must be "${BACKUP_FORMAT}".`, 'format');
  }
  if (typeof doc.version === 'number' && doc.version > BACKUP_VERSION) {
    return file(
      `This backup was made by a newer Dossier (format version ${doc.version}); update Dossier to restore it.`,
      'version',
    );
  }
  if (doc.version !== BACKUP_VERSION) {
    return file(
      `The backup version must be ${BACKUP_VERSION} (got ${describeValue(doc.version)}).`,
      'version',
    );
  }
  for (const key of Object.keys(doc)) {
    if (!TOP_LEVEL_KEYS.has(key))
      errors.add(
        null,
        key,
        `The backup has a field "${key.slice(0, 60)}" that Dossier does not know.`,
      );
  }
  if (typeof doc.exported !== 'string' || !isIsoDateTime(doc.exported)) {
    errors.add(
      null,
      'exported',
      `The backup's "exported" time must be an ISO 8601 date and time (got ${describeValue(doc.exported)}).`,
    );
  }
  const annotations = doc.annotations;
  const trash = doc.trash ?? [];
  const orphans = doc.orphans ?? [];
  if (!Array.isArray(annotations)) {
    errors.add(
      null,
      'annotations',
      `The backup's "annotations" must be a list (got ${describeValue(annotations)}).`,
    );
  }
  if (!Array.isArray(trash)) {
    errors.add(null, 'trash', `The backup's "trash" must be a list (got ${describeValue(trash)}).`);
  }
  if (!Array.isArray(orphans)) {
    errors.add(
      null,
      'orphans',
      `The backup's "orphans" must be a list of ids (got ${describeValue(orphans)}).`,
    );
  }
  if (
    !errors.empty ||
    !Array.isArray(annotations) ||
    !Array.isArray(trash) ||
    !Array.isArray(orphans)
  ) {
    return { ok: false, errors: errors.result() };
  }
  const total = annotations.length + trash.length;
  if (total > LIMITS.entries) {
    return file(
      `The backup holds ${thousands(total)} notes; Dossier imports at most ${thousands(LIMITS.entries)} at once.`,
    );
  }

  const good: Annotation[] = [];
  annotations.forEach((entry, index) => {
    const checked = checkEntry(
      annotationSchema,
      entry,
      index,
      { list: 'annotations', label: 'Entry' },
      errors,
    );
    if (checked) good.push(checked);
  });
  const goodTrash: BackupTrashEntry[] = [];
  trash.forEach((entry, index) => {
    const checked = checkEntry(
      trashedAnnotationSchema,
      entry,
      index,
      { list: 'trash', label: 'Trash entry' },
      errors,
    );
    if (checked) goodTrash.push(checked);
  });
  if (!errors.empty) return { ok: false, errors: errors.result() };

  checkUniqueIds(
    [
      { list: 'annotations', label: 'Entry', items: good },
      { list: 'trash', label: 'Trash entry', items: goodTrash },
    ],
    errors,
  );
  const ids = new Set(good.map((a) => a.id));
  const orphanIds: string[] = [];
  orphans.forEach((id, index) => {
    if (typeof id !== 'string' || !isUuid(id)) {
      errors.add(
        null,
        `orphans[${index}]`,
        `Orphan ${index + 1} must be an annotation id (got ${describeValue(id)}).`,
      );
    } else if (!ids.has(id)) {
      errors.add(
        null,
        `orphans[${index}]`,
        `Orphan ${index + 1} (${id}) names no annotation in this backup.`,
      );
    } else {
      orphanIds.push(id);
    }
  });
  if (!errors.empty) return { ok: false, errors: errors.result() };
  return { ok: true, kind: 'backup', annotations: good, trash: goodTrash, orphanIds };
}
