/**
 * Page order and grouping by page: how every list of notes is arranged (the store's page list,
 * the popup, search results, exports), defined once so that a page's notes read in the same
 * order everywhere; and the times edits are stamped with, so that each is newer than the last.
 */
import type { Annotation } from './index';

/** Orders two strings the way `sort()` would, as a comparator result. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders two ISO 8601 times. Parsed rather than compared as strings because imported records
 * may carry offsets (`+02:00`) or no milliseconds; unparseable times fall back to string order.
 */
export function compareTimes(a: string, b: string): number {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return compareStrings(a, b);
  return ta - tb;
}

/** The last instant ISO 8601 writes with a four-digit year (backups refuse `+010000-…`). */
const LAST_TIME = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * A time strictly after `previous`, so that every write is newer than the one it replaces,
 * but never past the year 9999: a stored time at that edge (an old import) is kept equal,
 * which the conflict rule accepts, instead of becoming a year no backup can hold.
 */
export function stampAfter(now: Date, previous?: string): string {
  const prev = previous ? Date.parse(previous) : Number.NaN;
  const t = Number.isNaN(prev) ? now.getTime() : Math.max(now.getTime(), prev + 1);
  return new Date(Math.min(t, Math.max(LAST_TIME, now.getTime()))).toISOString();
}

/**
 * Page order: by where the passage starts, then ends, then by creation time, then by id, so
 * two notes on the same words keep one stable order across renders, tabs and exports.
 */
export function byPageOrder(a: Annotation, b: Annotation): number {
  return (
    a.position.start - b.position.start ||
    a.position.end - b.position.end ||
    compareTimes(a.created, b.created) ||
    compareStrings(a.id, b.id)
  );
}

/** Most recently edited first (ties by id): what a reader looking across pages wants to see. */
export function byNewest(a: Annotation, b: Annotation): number {
  return compareTimes(b.updated, a.updated) || compareStrings(a.id, b.id);
}

/**
 * Notes grouped by `page.url`, pages in first-seen order, each page's notes in the order
 * given. A record without an address (only a damaged old database could hold one) is kept
 * under the empty address rather than dropped.
 */
export function groupByPage(notes: readonly Annotation[]): Map<string, Annotation[]> {
  const pages = new Map<string, Annotation[]>();
  for (const note of notes) {
    const url = typeof note.page?.url === 'string' ? note.page.url : '';
    const group = pages.get(url);
    if (group) group.push(note);
    else pages.set(url, [note]);
  }
  return pages;
}
