import { describe, expect, it } from 'vitest';
import { safeBaseName, uniqueFileNames } from '../../../lib/export/file-names';

describe('safeBaseName', () => {
  it.each([
    ['Energy: "Round 2" / What?', 'Energy Round 2 What'],
    ['CON', '_CON'],
    ['lpt1.txt', '_lpt1.txt'],
    ['..hidden. ', 'hidden'],
    ['tab\tand\nnewline', 'tab and newline'],
    ['#tag ^block [[link]] | pipe', 'tag block link pipe'],
    ['\u202eevil\u202c', 'evil'],
    ['', 'Untitled'],
    ['???', 'Untitled'],
  ])('%j becomes %j', (input, expected) => {
    expect(safeBaseName(input)).toBe(expected);
  });

  it('uses the fallback when the title leaves nothing, and caps the length', () => {
    expect(safeBaseName('', 'example.org')).toBe('example.org');
    const long = safeBaseName('🚀'.repeat(300));
    expect(Array.from(long)).toHaveLength(100);
    expect(long.isWellFormed?.() ?? true).toBe(true);
  });
});

describe('uniqueFileNames', () => {
  it('numbers names that clash, ignoring case', () => {
    expect(uniqueFileNames(['A', 'a', 'A', 'B'], '.md')).toEqual([
      'A.md',
      'a (2).md',
      'A (3).md',
      'B.md',
    ]);
  });
});
