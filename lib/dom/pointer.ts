/**
 * Where the reader's pointer is, for the hover cards and the selection toolbar of web pages
 * (lib/content) and of the PDF viewer (lib/pdf): the text position under a point, and whether
 * an event happened over one of Dossier's own panels (whose text is not the page's). One copy,
 * so both views treat the pointer alike.
 */
import { DOSSIER_UI_ATTRIBUTE } from './text-walk';

/** True when an event happened over one of Dossier's own panels (the toolbar, a card). */
export function overDossierUi(event: Event): boolean {
  const target = event.target;
  return target instanceof Element && target.closest(`[${DOSSIER_UI_ATTRIBUTE}]`) !== null;
}

/** The text position under a viewport point, in whichever API the browser has (null: none). */
export function caretAt(
  doc: Document,
  x: number,
  y: number,
): { node: Node; offset: number } | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (typeof d.caretPositionFromPoint === 'function') {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = d.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}
