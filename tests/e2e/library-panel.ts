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

/** In an open person's view: "Not the same person", tick the name form `name`, Separate. */
export async function separate(panel: Page, name: string): Promise<void> {
  await panel.getByRole('button', { name: 'Not the same person' }).click();
  await panel.getByRole('checkbox', { name, exact: true }).check();
  await panel.getByRole('button', { name: 'Separate', exact: true }).click();
}

/** In an open person's view: "Merge with…", search `query`, pick the person `choice` names. */
export async function mergeWith(panel: Page, query: string, choice: RegExp): Promise<void> {
  await panel.getByRole('button', { name: 'Merge with…' }).click();
  await panel.getByRole('searchbox', { name: 'Merge with whom?' }).fill(query);
  await panel
    .getByRole('list', { name: 'People to merge with' })
    .getByRole('button', { name: choice })
    .click();
}
