/**
 * Who may ask the background for what (issue 19: code in a content script's world read every
 * site's notes, deleted another site's note, renamed tags and imported a file). A content script
 * runs in a renderer that the page may have compromised, so it is trusted only with its own
 * page's notes; everything that reaches across pages (all notes, search, every tag, rename and
 * merge, import, site permissions) answers only Dossier's own extension pages (the popup).
 *
 * A note belongs to a content script's page when its page address is on the same site as the
 * frame that sent the message: page identity may be a same-site canonical link (lib/url.ts), so
 * the address a note carries can differ from the tab's, but never by site.
 */
import type { Browser } from 'wxt/browser';
import type { MessageType } from '../protocol';
import { siteOf } from '../url';

/** Who sent a message. */
export type Caller =
  | { kind: 'extension' }
  | { kind: 'content'; site: string; tabId: number | undefined }
  | { kind: 'unknown' };

/** Messages a content script may send (each still limited to its own site's notes). */
const FROM_CONTENT = new Set<MessageType>([
  'notes/list',
  'notes/create',
  'notes/update',
  'notes/delete',
  'notes/undo',
  'tags/list',
  'article/analyze',
  'badge/set',
  // A page's own analysis, for the library (checked against the sender's site).
  'library/record',
]);

/** Says who sent a message: an extension page of this extension, a content script, or neither. */
export function callerOf(
  sender: Browser.runtime.MessageSender,
  self: { id: string; origin: string },
): Caller {
  if (sender.id !== self.id) return { kind: 'unknown' };
  const url = sender.url ?? '';
  const origin = (sender as { origin?: string }).origin;
  if (url.startsWith(`${self.origin}/`) && (origin === undefined || origin === self.origin)) {
    return { kind: 'extension' };
  }
  try {
    const page = new URL(url);
    if ((page.protocol === 'http:' || page.protocol === 'https:') && sender.tab) {
      return { kind: 'content', site: siteOf(page.hostname), tabId: sender.tab.id };
    }
  } catch {
    // Not a web page: refused below.
  }
  return { kind: 'unknown' };
}

/** Null when `caller` may send `type` at all, else the refusal in plain words. */
export function refusal(type: MessageType, caller: Caller): string | null {
  if (caller.kind === 'extension') return null;
  if (caller.kind === 'content' && FROM_CONTENT.has(type)) return null;
  return `Dossier only answers ${type} from its own pages.`;
}

/** True when a note on `pageUrl` belongs to the caller (always, for an extension page). */
export function mayTouch(caller: Caller, pageUrl: string): boolean {
  if (caller.kind === 'extension') return true;
  if (caller.kind !== 'content') return false;
  try {
    const page = new URL(pageUrl);
    return (
      (page.protocol === 'http:' || page.protocol === 'https:') &&
      siteOf(page.hostname) === caller.site
    );
  } catch {
    return false;
  }
}

/** The refusal for a note of another site (the same words whether or not the note exists). */
export const OTHER_SITE = 'A page can only read and change its own notes.';
