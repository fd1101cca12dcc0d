/**
 * The page's text as two documents agree on it: the live page, and the copy an extension page
 * parses from the live page's HTML. Offsets into this text (the concatenated data of the text
 * nodes it counts, in document order) are how an analysis made on the copy finds its way back to
 * live nodes. Adjacent text nodes merging when the HTML is parsed again leaves the offsets
 * unchanged. Not counted: `<noscript>` (its content is one text node on a page with scripts, and
 * elements in a parsed copy, which has none) and Dossier's own UI.
 */
import { DOSSIER_UI_ATTRIBUTE } from '../anchoring/text-index';

/** A walker over the counted text nodes of `doc`, in document order. */
export function createPageTextWalker(doc: Document): TreeWalker {
  return doc.createTreeWalker(doc.documentElement, 0x1 | 0x4, {
    acceptNode(node) {
      if (node.nodeType === 3) return 1; // FILTER_ACCEPT
      const element = node as Element;
      if (element.localName === 'noscript' || element.hasAttribute(DOSSIER_UI_ATTRIBUTE)) {
        return 2; // FILTER_REJECT: not counted, with everything inside
      }
      return 3; // FILTER_SKIP: look inside
    },
  });
}

/** The HTML to hand to the parsed copy: the live page as it is now, with its doctype. */
export function serializePage(doc: Document): string {
  const doctype = doc.doctype ? `<!doctype ${doc.doctype.name}>` : '';
  return doctype + doc.documentElement.outerHTML;
}
