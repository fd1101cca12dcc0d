/**
 * The reader's settings: automatic highlights on or off, everywhere and per site, and how long
 * deleted notes stay in the trash (restorable) before they are purged. Kept
 * in extension storage so they survive restarts; parsed with a schema when read, because stored
 * data may come from an older version or be damaged, and a bad value must never break a page.
 */
import * as v from 'valibot';

/** How many days a deleted note stays restorable; null keeps it for ever. */
export const TRASH_RETENTION_DAYS = [7, 30, 90, null] as const;
export type TrashRetention = (typeof TRASH_RETENTION_DAYS)[number];

/** The reader's settings. */
export interface Settings {
  /** Whether automatic highlights show, globally and per hostname (a site entry wins). */
  highlights: boolean;
  sites: Record<string, boolean>;
  /** Days a deleted note stays in the trash before it is purged (null: for ever). */
  keepTrashDays: TrashRetention;
}

/** What a fresh install has: highlights on everywhere, deleted notes kept for 30 days. */
export const DEFAULT_SETTINGS: Settings = { highlights: true, sites: {}, keepTrashDays: 30 };

const SettingsSchema = v.object({
  highlights: v.optional(v.boolean(), true),
  sites: v.optional(
    v.pipe(
      v.record(v.pipe(v.string(), v.maxLength(253)), v.boolean()),
      v.check((r) => Object.keys(r).length <= 10_000, 'too many sites'),
    ),
    {},
  ),
  keepTrashDays: v.optional(v.union([v.picklist([7, 30, 90]), v.null()]), 30),
});

/** Reads stored settings; anything unreadable falls back to the defaults. */
export function parseSettings(raw: unknown): Settings {
  const result = v.safeParse(SettingsSchema, raw ?? {});
  return result.success ? result.output : { ...DEFAULT_SETTINGS, sites: {} };
}

/** Whether automatic highlights show on `hostname`. */
export function highlightsOn(settings: Settings, hostname: string): boolean {
  return settings.sites[hostname.toLowerCase()] ?? settings.highlights;
}

/** The settings after switching highlights on `hostname` (or everywhere, without one). */
export function withHighlights(settings: Settings, on: boolean, hostname?: string): Settings {
  if (!hostname) return { ...settings, highlights: on, sites: {} };
  const sites = { ...settings.sites };
  if (on === settings.highlights) delete sites[hostname.toLowerCase()];
  else sites[hostname.toLowerCase()] = on;
  return { ...settings, sites };
}

/**
 * The time before which deleted notes are purged, for `now` and the reader's choice; null when
 * the trash is kept for ever.
 */
export function trashCutoff(settings: Settings, now: Date): Date | null {
  const days = settings.keepTrashDays;
  return days === null ? null : new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
}
