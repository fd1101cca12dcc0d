import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipFiles } from '../../../lib/export/zip';

describe('zipFiles', () => {
  const files = [
    { path: 'Caspian — énergie 🚀.md', content: '# Hello\n\nÜnïcödé' },
    { path: 'Other.md', content: '' },
  ];

  it('packs every file with its UTF-8 name and content', () => {
    const unzipped = unzipSync(zipFiles(files));
    expect(Object.keys(unzipped).sort()).toEqual(['Caspian — énergie 🚀.md', 'Other.md']);
    expect(strFromU8(unzipped['Caspian — énergie 🚀.md']!)).toBe('# Hello\n\nÜnïcödé');
  });

  it('gives the same bytes for the same files', () => {
    expect(zipFiles(files)).toEqual(zipFiles(files));
    const now = new Date('2026-11-28T12:00:00Z');
    expect(zipFiles(files, { now })).not.toEqual(zipFiles(files));
  });

  it('refuses two files with one name', () => {
    expect(() => zipFiles([files[1]!, files[1]!])).toThrow(/Other\.md/);
  });
});
