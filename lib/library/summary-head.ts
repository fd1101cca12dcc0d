/**
 * What the side panel's first rows need of the people summary (lib/store/first-rows.ts): the
 * setting that says which layout is stored, and the order people are listed in. Kept apart from
 * summary.ts and identity.ts (which re-export them) so that the first rows load neither the
 * resolver nor, through the kinds of speakers (speakers.ts), the detection lexicon.
 */
import type { Person, PersonRecord } from './records';

/**
 * The summary's layout version, kept in `library-settings` under `SUMMARY_KEY`. A summary of
 * another version (or none, after the v5 upgrade) is rebuilt from the pages; bump it whenever
 * identity resolution changes what it would produce. Version 2: the name rules of
 * `displayName`; 3: the forms kept by bucket (`library-buckets`, schema v7); 4: the forms'
 * sightings kept in their people's records (schema v8); 5: an organisation or a document that
 * speaks is no person, and is kept with the quoted bodies (speakers.ts, `BODIES_KEY`).
 */
export const SUMMARY_VERSION = 5;

/** The setting's key. */
export const SUMMARY_KEY = 'people-summary';

/** People who appear on more pages first, then by mentions, then by name. */
export function byFrequency(a: Person, b: Person): number {
  return (
    b.pages.length - a.pages.length ||
    b.mentions - a.mentions ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

/** People as the panel lists them: most frequent first (records come in no order). */
export function sortPeople(people: PersonRecord[]): PersonRecord[] {
  return people.sort(byFrequency);
}
