/**
 * The PDF viewer's answers to the popup and the side panel. They ask a tab what it shows with
 * the same messages whether it holds a web page (its content script answers) or Dossier's PDF
 * viewer (this module answers, from the viewer's own extension page): the page's title and
 * size (`page/info`), its officials and quotations (`page/analysis`), going to one of them
 * (`page/reveal`), and the reader's notes on it (`notes/reveal`, `notes/orphans`). So "This
 * page" and the popup list a report's analysis, and the page export includes it, with no code
 * of their own for PDFs.
 *
 * Questions asked before the answer is known wait for it (the text read, the analysis done),
 * as a content script makes them wait for its analysis; a PDF that cannot be read answers with
 * the reason. Only Dossier's own pages are answered: a content script may broadcast too.
 */
import { handleMessages } from '../platform/messaging';
import type { AnalysisSummary, PageInfo } from '../protocol';

/** What the viewer reports as it goes. */
export interface ViewAnswers {
  /** The text is read: the report's title and size. */
  read(info: Omit<PageInfo, 'url' | 'isArticle'>): void;
  /** The analysis is done (or failed: an empty summary). */
  analysed(
    summary: AnalysisSummary,
    reveal: (kind: 'official' | 'quote', index: number, mention?: number) => Promise<boolean>,
  ): void;
  /** The reader's notes are placed. */
  notes(notes: { reveal(id: string): Promise<boolean>; orphans(): string[] }): void;
  /** The PDF cannot be shown or analysed: every question gets `message`. */
  fail(message: string): void;
  /** Stops answering. */
  stop(): void;
}

/** A promise with its resolver outside, settled once. */
function later<T>(): { promise: Promise<T>; settle(value: T): void } {
  let settle!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    settle = resolve;
  });
  return { promise, settle };
}

/** Starts answering for the viewer of the PDF whose identity is `url`. */
export function answerViews(doc: Document, url: string, fileName: string): ViewAnswers {
  const info = later<PageInfo>();
  const analysis = later<{
    summary: AnalysisSummary;
    reveal: (kind: 'official' | 'quote', index: number, mention?: number) => Promise<boolean>;
  }>();
  const notes = later<{ reveal(id: string): Promise<boolean>; orphans(): string[] } | null>();
  const origin = doc.location.origin;
  const stop = handleMessages(
    {
      'page/info': () => info.promise,
      'page/analysis': async () => (await analysis.promise).summary,
      'page/reveal': async ({ kind, index, mention }) => ({
        found: await (await analysis.promise).reveal(kind, index, mention),
      }),
      'notes/reveal': async ({ id }) => {
        const placed = await notes.promise;
        return { found: placed ? await placed.reveal(id) : false };
      },
      'notes/orphans': async () => (await notes.promise)?.orphans() ?? [],
    },
    {
      authorize: (type, sender) =>
        (sender.url ?? '').startsWith(`${origin}/`)
          ? null
          : `Dossier's PDF viewer answers ${type} only to Dossier's own pages.`,
    },
  );
  const empty: AnalysisSummary = { officials: [], quotes: [] };
  return {
    read: (read) => info.settle({ ...read, url, isArticle: true }),
    analysed: (summary, reveal) => analysis.settle({ summary, reveal }),
    notes: (placed) => notes.settle(placed),
    fail(message) {
      info.settle({
        url,
        title: fileName,
        wordCount: 0,
        byline: null,
        isArticle: false,
        message,
      });
      analysis.settle({ summary: empty, reveal: async () => false });
      notes.settle(null);
    },
    stop,
  };
}
