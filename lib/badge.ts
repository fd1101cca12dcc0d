/**
 * What the toolbar button shows for a tab: the number of officials found, or, where the reader
 * switched highlights off for the site, the word "off" on a grey badge and a grey icon, so that
 * a page without highlights is never mistaken for a page where Dossier found nothing.
 */

/** The toolbar state of one tab. */
export interface BadgeState {
  text: string;
  color: string;
  title: string;
  /** The folder of `public/` holding the icon PNGs for this state (`icon` or `icon-off`). */
  iconFolder: 'icon' | 'icon-off';
}

/** The icon sizes `npm run icons` renders: toolbar (16, 32), extensions page (48), store (128). */
export const ICON_SIZES = [16, 32, 48, 128] as const;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The badge for a tab with `officials` found and `notes` made, highlights on or off. */
export function badgeFor({
  officials,
  notes,
  highlights,
  host,
}: {
  officials: number;
  notes: number;
  highlights: boolean;
  host: string;
}): BadgeState {
  const counts = `${plural(officials, 'official', 'officials')}, ${plural(notes, 'note', 'notes')} on this page`;
  if (!highlights) {
    return {
      text: 'off',
      color: '#5f6368',
      title: `Dossier: highlights are off on ${host || 'this site'} (${counts})`,
      iconFolder: 'icon-off',
    };
  }
  return {
    text: officials > 0 ? String(officials) : '',
    color: '#8a5a00',
    title: `Dossier: ${counts}`,
    iconFolder: 'icon',
  };
}

/** The `path` argument of `action.setIcon` for an icon folder. */
export function iconPaths(folder: BadgeState['iconFolder']): Record<string, string> {
  return Object.fromEntries(ICON_SIZES.map((s) => [String(s), `/${folder}/${s}.png`]));
}
