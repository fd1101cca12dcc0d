/**
 * Conflict notices the reader sees (issue 14: "nothing lost silently"). When replication brings
 * two versions of a note together, the store's conflict rules (lib/store/conflicts.ts) keep the
 * newest edit and put what they drop in the trash; each such decision becomes a notice naming
 * the page and the note, with the id to restore ("Restore this version") until the reader
 * dismisses it. The background keeps the newest few in `storage.local`, so a notice raised
 * while no side panel was open is there when one opens.
 */
import type { Annotation } from '../annotation';
import type { SyncNotice } from '../protocol';

export type { SyncNotice };

/** How many notices are kept (the newest). */
export const MAX_NOTICES = 50;

/** What a conflict resolution says, as far as the notices need it (lib/store's type). */
export interface ResolutionSummary {
  winner: { note: Annotation; trashed?: unknown };
  others: { note: Annotation }[];
  /** A delete met an edit (not: every version was deleted). */
  deletedVsEdited?: true;
}

/** The notices one resolution raises: none when nothing was put aside. */
export function noticesOf(resolution: ResolutionSummary, at: number): SyncNotice[] {
  const { winner, others } = resolution;
  const out: SyncNotice[] = [];
  if (winner.trashed && resolution.deletedVsEdited) {
    out.push({
      id: `deleted:${winner.note.id}:${winner.note.updated}`,
      at,
      text:
        'This note was deleted on one device and edited on another. The edited note is in the ' +
        'trash.',
      ...named(winner.note),
      restoreId: winner.note.id,
    });
  }
  for (const other of others) out.push(asideNotice(other.note, at));
  return out;
}

/**
 * The notice of one other version put in the trash. Its id is the other version's, so the
 * device that resolved the conflict and the devices its result reaches raise it once each.
 */
export function asideNotice(note: Annotation, at: number): SyncNotice {
  return {
    id: `other:${note.id}`,
    at,
    text:
      'This note was edited on two devices at once. The newest edit is kept; the other ' +
      'version is in the trash.',
    ...named(note),
    restoreId: note.id,
  };
}

/** What a notice names: the page and the note's quotation. */
function named(note: Annotation): Pick<SyncNotice, 'page' | 'quote'> {
  return {
    page: { title: note.page.title || note.page.url, url: note.page.url },
    quote: note.quote.exact.length > 120 ? `${note.quote.exact.slice(0, 119)}…` : note.quote.exact,
  };
}

/** The kept notices with `added` in front, each decision once, at most `MAX_NOTICES`. */
export function keepNotices(
  kept: readonly SyncNotice[],
  added: readonly SyncNotice[],
): SyncNotice[] {
  const seen = new Set<string>();
  const out: SyncNotice[] = [];
  for (const notice of [...added, ...kept]) {
    if (seen.has(notice.id)) continue;
    seen.add(notice.id);
    out.push(notice);
  }
  return out.slice(0, MAX_NOTICES);
}

/** Stored notices, read back: damaged entries are left out. */
export function parseNotices(raw: unknown): SyncNotice[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (n): n is SyncNotice =>
      typeof n === 'object' &&
      n !== null &&
      typeof n.id === 'string' &&
      typeof n.at === 'number' &&
      typeof n.text === 'string' &&
      typeof n.quote === 'string' &&
      typeof n.restoreId === 'string' &&
      typeof n.page?.title === 'string' &&
      typeof n.page?.url === 'string',
  );
}
