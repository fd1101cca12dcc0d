/**
 * The organisations and documents quoted on the pages read ("quoted bodies": speakers that
 * are not people, see speakers.ts), as the store keeps them and the Library tab lists them.
 * Kept apart from speakers.ts, which knows the words of organisations (lib/detect/lexicon.ts),
 * so that the side panel's first rows (lib/store/first-rows.ts), which list the bodies too,
 * load no lexicon before they are drawn.
 *
 * The stored list is one `library-settings` record (`BODIES_KEY`), kept with the people
 * summary: settling a batch of pages reads and writes it once, whatever the number of pages,
 * so recording adds no request per page.
 */

/** A speaker that is not a person, but has a name. */
export type BodyKind = 'organisation' | 'document';

/** What one page says about one quoted body: how it wrote the name, its kind, how often. */
export type BodySighting = [name: string, kind: BodyKind, quotes: number];

/**
 * The quoted bodies as stored (a `library-settings` record, `BODIES_KEY`): by body key, by
 * page url, what that page says. A page read again or forgotten replaces only its own entries.
 */
export type StoredBodies = Record<string, Record<string, BodySighting>>;

/** The `library-settings` key of the stored quoted bodies. */
export const BODIES_KEY = 'quoted-bodies';

/** A quoted body as the Library tab lists it. */
export interface QuotedBody {
  key: string;
  /** The spelling used in the most quotations. */
  name: string;
  kind: BodyKind;
  /** Urls of the pages that quote it. */
  pages: string[];
  quotes: number;
}

/** A stored value, checked (stored data): what cannot be read is left out. */
export function readBodies(value: unknown): StoredBodies {
  const out: StoredBodies = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [key, pages] of Object.entries(value as Record<string, unknown>)) {
    if (!pages || typeof pages !== 'object') continue;
    const kept: Record<string, BodySighting> = {};
    let any = false;
    for (const [url, seen] of Object.entries(pages as Record<string, unknown>)) {
      if (
        Array.isArray(seen) &&
        typeof seen[0] === 'string' &&
        (seen[1] === 'organisation' || seen[1] === 'document') &&
        typeof seen[2] === 'number'
      ) {
        kept[url] = [seen[0], seen[1], seen[2]];
        any = true;
      }
    }
    if (any) out[key] = kept;
  }
  return out;
}

/**
 * `stored` with what the page `url` says replaced by `after` (its bodies now; undefined when
 * forgotten). Changes `stored` in place and says whether anything changed.
 */
export function withPageBodies(
  stored: StoredBodies,
  url: string,
  after: ReadonlyMap<string, BodySighting> | undefined,
): boolean {
  let changed = false;
  for (const key in stored) {
    const pages = stored[key] as Record<string, BodySighting>;
    if (!(url in pages)) continue;
    const now = after?.get(key);
    const was = pages[url] as BodySighting;
    if (now && now[0] === was[0] && now[1] === was[1] && now[2] === was[2]) continue;
    changed = true;
    delete pages[url];
    let left = false;
    for (const _ in pages) {
      left = true;
      break;
    }
    if (!left) delete stored[key];
  }
  for (const [key, seen] of after ?? []) {
    const pages = stored[key] ?? {};
    const was = pages[url];
    if (was && was[0] === seen[0] && was[1] === seen[1] && was[2] === seen[2]) continue;
    pages[url] = [seen[0], seen[1], seen[2]];
    stored[key] = pages;
    changed = true;
  }
  return changed;
}

/** The quoted bodies as listed: on the most pages first, then the most quoted, then by name. */
export function listBodies(stored: StoredBodies): QuotedBody[] {
  const out: QuotedBody[] = [];
  for (const key in stored) {
    const pages = stored[key] as Record<string, BodySighting>;
    const spellings = new Map<string, number>();
    const kinds = new Map<BodyKind, number>();
    let quotes = 0;
    for (const url in pages) {
      const [name, kind, count] = pages[url] as BodySighting;
      spellings.set(name, (spellings.get(name) ?? 0) + count);
      kinds.set(kind, (kinds.get(kind) ?? 0) + count);
      quotes += count;
    }
    out.push({
      key,
      name: mostUsed(spellings),
      kind:
        (kinds.get('document') ?? 0) > (kinds.get('organisation') ?? 0)
          ? 'document'
          : 'organisation',
      pages: Object.keys(pages),
      quotes,
    });
  }
  return out.sort(
    (a, b) =>
      b.pages.length - a.pages.length ||
      b.quotes - a.quotes ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/** The most used of some spellings; of two as used, the longer, then the first in order. */
function mostUsed(counts: ReadonlyMap<string, number>): string {
  let best: [string, number] | undefined;
  for (const e of counts) {
    if (
      !best ||
      e[1] > best[1] ||
      (e[1] === best[1] &&
        (e[0].length > best[0].length || (e[0].length === best[0].length && e[0] < best[0])))
    ) {
      best = e;
    }
  }
  return best?.[0] ?? '';
}
