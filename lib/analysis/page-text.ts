/**
 * The page's text as two documents agree on it: the live page, and the copy an extension page
 * parses from the live page's HTML. Offsets into this text (the concatenated data of the text
 * nodes it counts, in document order) are how an analysis made on the copy finds its way back to
 * live nodes. Adjacent text nodes merging when the HTML is parsed again leaves the offsets
 * unchanged. Not counted: `<noscript>` (its content is one text node on a page with scripts, and
 * elements in a parsed copy, which has none), Dossier's own UI, and text deeper than every
 * Dossier walk reads (lib/dom/text-walk.ts).
 */
import { type TextWalk, walkText } from '../dom/text-walk';

/** `<noscript>`: the one element the page text leaves out (see above). */
const NOSCRIPT: ReadonlySet<string> = new Set(['noscript']);

/** A walk over the counted text nodes of `doc`, in document order. */
export function createPageTextWalker(doc: Document): TextWalk {
  return walkText(doc.documentElement, { skipElements: NOSCRIPT, skipDossierUi: true });
}

/** The HTML to hand to the parsed copy: the live page as it is now, with its doctype. */
export function serializePage(doc: Document): string {
  const doctype = doc.doctype ? `<!doctype ${doc.doctype.name}>` : '';
  return doctype + doc.documentElement.outerHTML;
}
