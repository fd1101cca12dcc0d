/**
 * The reader's display settings: automatic highlights on or off, everywhere and per site. Kept
 * in extension storage so they survive restarts; parsed with a schema when read, because stored
 * data may come from an older version or be damaged, and a bad value must never break a page.
 */
import * as v from 'valibot';

/** Whether automatic highlights show, globally and per hostname (a site entry wins). */
export interface Settings {
  highlights: boolean;
  sites: Record<string, boolean>;
}

/** What a fresh install shows: highlights on everywhere. */
export const DEFAULT_SETTINGS: Settings = { highlights: true, sites: {} };

const SettingsSchema = v.object({
  highlights: v.optional(v.boolean(), true),
  sites: v.optional(
    v.pipe(
      v.record(v.pipe(v.string(), v.maxLength(253)), v.boolean()),
      v.check((r) => Object.keys(r).length <= 10_000, 'too many sites'),
    ),
    {},
  ),
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
  if (!hostname) return { highlights: on, sites: {} };
  const sites = { ...settings.sites };
  if (on === settings.highlights) delete sites[hostname.toLowerCase()];
  else sites[hostname.toLowerCase()] = on;
  return { ...settings, sites };
}
