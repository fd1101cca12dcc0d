/**
 * The popup's citations: "Copy citation" puts the current page's reference (APA) on the
 * clipboard; "Export citations" downloads every page read (for now: every page with notes) as
 * BibTeX or CSL-JSON, ready for Zotero or LaTeX. citation-js is loaded on the first click only,
 * so the popup opens as fast as before.
 */
import { useMemo, useState } from 'preact/hooks';
import type { PageInfo } from '../lib/protocol';
import type { PopupApi } from '../lib/view-api';

/** The buttons and their one status line, for the article on the popup's tab. */
export function CitationTools({ api, info }: { api: PopupApi; info: PageInfo }) {
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);
  const deps = useMemo(() => api.transfer(), [api]);
  const citation = () => import('../lib/export/citation');
  const reference = () => import('../lib/export/citation-reference');

  const run = (work: () => Promise<string>) => {
    setStatus({ ok: true, message: 'Working…' });
    work().then(
      (message) => setStatus({ ok: true, message }),
      (e: unknown) => setStatus({ ok: false, message: e instanceof Error ? e.message : String(e) }),
    );
  };

  const copy = () =>
    run(async () => {
      const { formatReference } = await reference();
      const text = formatReference(
        {
          url: info.url,
          title: info.title,
          byline: info.byline,
          site: info.site ?? null,
          published: info.published ?? null,
        },
        { now: deps.now() },
      );
      await navigator.clipboard.writeText(text);
      return `Copied: ${text}`;
    });

  const exportAs = (format: 'bibtex' | 'csl-json') =>
    run(async () => {
      const { formatCitations, pagesReadFromNotes } = await citation();
      const pages = pagesReadFromNotes((await deps.listAll()).annotations);
      if (pages.length === 0) return 'No pages with notes yet: nothing to cite.';
      const now = deps.now();
      const text = formatCitations(pages, format, { now });
      const day = now.toISOString().slice(0, 10);
      if (format === 'bibtex') {
        deps.download(`Dossier citations ${day}.bib`, text, 'application/x-bibtex;charset=utf-8');
      } else {
        deps.download(`Dossier citations ${day}.json`, text, 'application/json;charset=utf-8');
      }
      return `Exported the citations of ${pages.length} ${pages.length === 1 ? 'page' : 'pages'}.`;
    });

  return (
    <fieldset class="citations">
      <legend class="visually-hidden">Citations</legend>
      <div class="actions">
        <button type="button" onClick={copy}>
          Copy citation
        </button>
        <button type="button" onClick={() => exportAs('bibtex')}>
          Export citations (BibTeX)
        </button>
        <button type="button" onClick={() => exportAs('csl-json')}>
          Export citations (CSL-JSON)
        </button>
      </div>
      {status && (
        <p role={status.ok ? 'status' : 'alert'} class={status.ok ? 'muted' : 'error'}>
          {status.message}
        </p>
      )}
    </fieldset>
  );
}
