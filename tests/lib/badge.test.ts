/** The toolbar button's badge, title and icon for a tab, highlights on and off. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { badgeFor, iconPaths } from '../../lib/badge';

describe('badgeFor', () => {
  it('shows the number of officials, and the counts in the title', () => {
    const b = badgeFor({ officials: 3, notes: 1, highlights: true, host: 'www.csis.org' });
    expect(b).toMatchObject({ text: '3', iconFolder: 'icon' });
    expect(b.title).toBe('Dossier: 3 officials, 1 note on this page');
  });

  it('shows no number where no official was found', () => {
    expect(badgeFor({ officials: 0, notes: 0, highlights: true, host: 'x.org' }).text).toBe('');
  });

  it('says "off" on a grey badge with the grey icon where highlights are off on the site', () => {
    const b = badgeFor({ officials: 3, notes: 2, highlights: false, host: 'www.csis.org' });
    expect(b).toMatchObject({ text: 'off', iconFolder: 'icon-off' });
    expect(b.color).not.toBe(
      badgeFor({ officials: 3, notes: 2, highlights: true, host: '' }).color,
    );
    expect(b.title).toMatch(/highlights are off on www\.csis\.org/);
  });
});

describe('iconPaths', () => {
  it('names a PNG in public/ for each size, for both states', () => {
    for (const folder of ['icon', 'icon-off'] as const) {
      const paths = Object.values(iconPaths(folder));
      expect(paths).toHaveLength(4);
      for (const p of paths) expect(existsSync(path.join('public', p))).toBe(true);
    }
  });
});
