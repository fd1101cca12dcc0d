/**
 * The popup's export, import and backup actions, written against injected dependencies (the
 * notes, a download function, the clock) so that they are tested without a browser. The
 * formats themselves are lib/export's pure functions; this module chooses, names and reports.
 */
import type { Annotation } from '../annotation';
import { toBackup } from '../export/backup';
import { safeBaseName } from '../export/file-names';
import { parseImportFile } from '../export/import-file';
import { type PageAnalysis, pageToMarkdown, toMarkdown } from '../export/markdown';
import type { BackupTrashEntry } from '../export/validate';
import { exportW3C } from '../export/w3c';
import { zipFiles } from '../export/zip';
import { countNotes, thousands } from '../format';
import type { ImportOutcome } from '../protocol';
import type { ImportReport, TrashedAnnotation as StoreTrashed } from '../store';

/** What the actions need from the outside world. */
export interface TransferDeps {
  now(): Date;
  /** The notes of one page, or of every page with the trash. */
  listPage(url: string): Promise<Annotation[]>;
  listAll(): Promise<{ annotations: Annotation[]; trash: StoreTrashed[] }>;
  /**
   * Imports a file's text, all or nothing (in the extension: the background, which reads and
   * checks it with `importFile` below and is the store's only writer).
   */
  importText(text: string): Promise<ImportOutcome>;
  /**
   * Imports a chosen file without reading it here, where the page can hand the file itself to
   * the background (the popup: lib/platform/popup-api.ts); without it, `importText` is used.
   */
  importFile?(file: Blob): Promise<ImportOutcome>;
  download(name: string, data: string | Uint8Array, type: string): void;
}

/** What `importFile` needs: the store's all-or-nothing import of checked records. */
export interface ImportDeps {
  importAll(annotations: Annotation[], trash: StoreTrashed[]): Promise<ImportReport>;
}

/** The page the popup is on, with its analysis and orphans for the export. */
export interface CurrentPage {
  url: string;
  analysis?: PageAnalysis;
  orphanIds?: ReadonlySet<string>;
}

const MARKDOWN = 'text/markdown;charset=utf-8';
const JSON_TYPE = 'application/json;charset=utf-8';

function stamp(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Downloads this page's notes as one Obsidian-ready Markdown file; returns a status line. */
export async function exportPage(deps: TransferDeps, page: CurrentPage): Promise<string> {
  const notes = await deps.listPage(page.url);
  const first = notes[0];
  if (!first) return 'There are no notes on this page to export yet.';
  const markdown = pageToMarkdown(first.page, notes, {
    now: deps.now(),
    ...page.analysis,
    ...(page.orphanIds ? { orphanIds: page.orphanIds } : {}),
  });
  deps.download(`${safeBaseName(first.page.title, 'Dossier notes')}.md`, markdown, MARKDOWN);
  return `Exported ${countNotes(notes.length)} from this page.`;
}

/** Downloads every note carrying `tag`, as one Markdown file grouped by page. */
export async function exportTag(deps: TransferDeps, tag: string): Promise<string> {
  const { annotations } = await deps.listAll();
  const key = tag.toLowerCase();
  const tagged = annotations.filter((a) => a.tags.some((t) => t.toLowerCase() === key));
  if (tagged.length === 0) return `No notes carry the tag “${tag}”.`;
  const markdown = toMarkdown(tagged, { now: deps.now(), scope: 'tag', tag, layout: 'combined' });
  deps.download(
    `Dossier - ${safeBaseName(tag, 'tag')} - ${stamp(deps.now())}.md`,
    markdown,
    MARKDOWN,
  );
  return `Exported ${countNotes(tagged.length)} tagged “${tag}”.`;
}

/** How "Export everything" writes its file. */
export type EverythingFormat = 'zip' | 'combined' | 'w3c';

/**
 * Downloads everything: one Markdown file per page in a zip, one combined Markdown file, or
 * W3C Web Annotation JSON for other annotation tools.
 */
export async function exportEverything(
  deps: TransferDeps,
  layout: EverythingFormat,
): Promise<string> {
  const { annotations } = await deps.listAll();
  if (annotations.length === 0) return 'There are no notes to export yet.';
  const now = deps.now();
  if (layout === 'w3c') {
    deps.download(
      `Dossier annotations ${stamp(now)}.jsonld`,
      exportW3C(annotations, { now }),
      'application/ld+json',
    );
  } else if (layout === 'zip') {
    const files = toMarkdown(annotations, { now, scope: 'all', layout: 'per-page' });
    deps.download(`Dossier notes ${stamp(now)}.zip`, zipFiles(files, { now }), 'application/zip');
  } else {
    const markdown = toMarkdown(annotations, { now, scope: 'all', layout: 'combined' });
    deps.download(`Dossier notes ${stamp(now)}.md`, markdown, MARKDOWN);
  }
  return `Exported ${countNotes(annotations.length)}.`;
}

/** Downloads a full backup (notes and trash), restorable without loss. */
export async function backUp(deps: TransferDeps, orphanIds?: ReadonlySet<string>): Promise<string> {
  const { annotations, trash } = await deps.listAll();
  const now = deps.now();
  const backupTrash: BackupTrashEntry[] = trash.map((t) => ({
    ...t.annotation,
    deleted: t.deletedAt,
    ...(t.otherVersionOf !== undefined ? { otherVersionOf: t.otherVersionOf } : {}),
    ...(t.replaced ? { replaced: true as const } : {}),
  }));
  deps.download(
    `Dossier backup ${stamp(now)}.json`,
    toBackup(annotations, backupTrash, { now, ...(orphanIds ? { orphanIds } : {}) }),
    JSON_TYPE,
  );
  return `Backed up ${countNotes(annotations.length)}.`;
}

/**
 * Imports a Dossier backup or W3C Web Annotation file, all or nothing: the whole file is
 * checked first and nothing is written if any entry is wrong; the message says which and why.
 * It runs where the store is written (the background), so the file travels once, as text, and
 * is checked once.
 */
export async function importFile(deps: ImportDeps, text: string): Promise<ImportOutcome> {
  const parsed = parseImportFile(text);
  if (!parsed.ok) {
    const shown = parsed.errors.slice(0, 5).map((e) => e.message);
    const more = parsed.errors.length > 5 ? ` …and ${parsed.errors.length - 5} more.` : '';
    return { ok: false, message: `Nothing was imported. ${shown.join(' ')}${more}` };
  }
  const trash: StoreTrashed[] =
    parsed.kind === 'backup'
      ? parsed.trash.map(({ deleted, otherVersionOf, replaced, ...annotation }) => ({
          annotation,
          deletedAt: deleted,
          ...(otherVersionOf !== undefined ? { otherVersionOf } : {}),
          ...(replaced ? { replaced } : {}),
        }))
      : [];
  const report = await deps.importAll(parsed.annotations, trash);
  const parts = [`Imported ${countNotes(report.added)}`];
  if (report.duplicates.length) {
    parts.push(`skipped ${thousands(report.duplicates.length)} already there`);
  }
  // A note the reader has is never lost to a file: say where each version went.
  const sentences = [`${parts.join(', ')}.`];
  if (report.updated) {
    sentences.push(
      `${countNotes(report.updated)} took the file's later edit; your earlier ${report.updated === 1 ? 'version is' : 'versions are'} in the trash.`,
    );
  }
  if (report.stale.length) {
    const n = report.stale.length;
    sentences.push(
      `${thousands(n)} kept your version; the file's ${n === 1 ? 'version is' : 'versions are'} in the trash.`,
    );
  }
  if (report.trashRestored) {
    const n = report.trashRestored;
    sentences.push(
      `${countNotes(n)} deleted in the backup ${n === 1 ? 'is' : 'are'} back in the trash.`,
    );
  }
  if (report.teammates) {
    const n = report.teammates;
    sentences.push(
      `${countNotes(n)} by teammates ${n === 1 ? 'was' : 'were'} left out: teammates' notes come from your team's database when you sync, never from a file.`,
    );
  }
  return { ok: true, message: sentences.join(' ') };
}
