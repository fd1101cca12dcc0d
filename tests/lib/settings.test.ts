/** The reader's settings as stored: parsed safely, highlights per site, the trash's retention. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  highlightsOn,
  parseSettings,
  trashCutoff,
  withHighlights,
} from '../../lib/settings';

describe('settings', () => {
  it('keeps deleted notes for 30 days on a fresh install and in settings stored before the choice existed', () => {
    expect(parseSettings(undefined).keepTrashDays).toBe(30);
    expect(parseSettings({ highlights: false, sites: {} })).toEqual({
      highlights: false,
      sites: {},
      keepTrashDays: 30,
    });
  });

  it('reads each retention the reader can choose, and falls back to the defaults on a damaged value', () => {
    for (const days of [7, 30, 90, null] as const) {
      expect(parseSettings({ keepTrashDays: days }).keepTrashDays).toBe(days);
    }
    expect(parseSettings({ keepTrashDays: 1 })).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ keepTrashDays: '30' })).toEqual(DEFAULT_SETTINGS);
  });

  it('purges before the chosen number of days ago, and never when the trash is kept for ever', () => {
    const now = new Date('2026-12-04T12:00:00.000Z');
    expect(trashCutoff({ ...DEFAULT_SETTINGS, keepTrashDays: 7 }, now)?.toISOString()).toBe(
      '2026-11-27T12:00:00.000Z',
    );
    expect(trashCutoff(DEFAULT_SETTINGS, now)?.toISOString()).toBe('2026-11-04T12:00:00.000Z');
    expect(trashCutoff({ ...DEFAULT_SETTINGS, keepTrashDays: null }, now)).toBeNull();
  });

  it('switches highlights per site or everywhere without losing the other settings', () => {
    const settings = { ...DEFAULT_SETTINGS, keepTrashDays: 90 as const };
    const offHere = withHighlights(settings, false, 'www.CSIS.org');
    expect(highlightsOn(offHere, 'www.csis.org')).toBe(false);
    expect(highlightsOn(offHere, 'www.rand.org')).toBe(true);
    expect(offHere.keepTrashDays).toBe(90);
    const offEverywhere = withHighlights(offHere, false);
    expect(offEverywhere).toEqual({ highlights: false, sites: {}, keepTrashDays: 90 });
  });
});
