/** Reading the side panel's library as a reader does, for the library end-to-end tests. */
import type { Page } from 'playwright-core';

/** The people list's rows, as their text. */
export async function people(panel: Page): Promise<string[]> {
  return panel.getByRole('list', { name: 'People' }).getByRole('listitem').allInnerTexts();
}

/** Opens a person's view from the people list and waits for its heading. */
export async function openPerson(panel: Page, name: string): Promise<void> {
  await panel
    .getByRole('list', { name: 'People' })
    .getByRole('button', { name: new RegExp(`^${name}`) })
    .click();
  await panel.getByRole('heading', { level: 2, name }).waitFor();
}
