/**
 * The popup's view of the automatic analysis: who is in the article (officials with titles and
 * mention counts) and who said what (quotations grouped by speaker). Clicking an entry scrolls
 * the page to it and flashes it.
 */
import type { AnalysisSummary } from '../lib/protocol';

/** Props: the summary, and how to reveal an entry on the page. */
export interface AnalysisPanelProps {
  summary: AnalysisSummary;
  onReveal(kind: 'official' | 'quote', index: number): void;
}

/** Quotations grouped by speaker, in order of first appearance; unattributed ones last. */
export function groupBySpeaker(
  quotes: AnalysisSummary['quotes'],
): { speaker: string | null; items: { text: string; index: number }[] }[] {
  const groups = new Map<string | null, { text: string; index: number }[]>();
  quotes.forEach((q, index) => {
    const list = groups.get(q.speaker) ?? [];
    list.push({ text: q.text, index });
    groups.set(q.speaker, list);
  });
  const named = [...groups.entries()].filter(([s]) => s !== null);
  const unnamed = groups.get(null);
  return [
    ...named.map(([speaker, items]) => ({ speaker, items })),
    ...(unnamed ? [{ speaker: null, items: unnamed }] : []),
  ];
}

function shorten(text: string, max = 140): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  return folded.length > max ? `${folded.slice(0, max - 1).trimEnd()}…` : folded;
}

/** Who's who and who said what. */
export function AnalysisPanel({ summary, onReveal }: AnalysisPanelProps) {
  const groups = groupBySpeaker(summary.quotes);
  return (
    <>
      <section aria-label="Who's who" class="analysis">
        <h2>Who’s who</h2>
        {summary.officials.length === 0 ? (
          <p class="muted">No named officials found in this article.</p>
        ) : (
          <ul class="entries">
            {summary.officials.map((o, i) => (
              <li key={`${o.name}-${i}`}>
                <button type="button" class="entry" onClick={() => onReveal('official', i)}>
                  <span class="name">{o.name}</span>
                  {o.titles.length > 0 && <span class="muted"> — {o.titles.join('; ')}</span>}
                  <span class="count">
                    {o.mentions} {o.mentions === 1 ? 'mention' : 'mentions'}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Who said what" class="analysis">
        <h2>Who said what</h2>
        {groups.length === 0 ? (
          <p class="muted">No quotations found in this article.</p>
        ) : (
          groups.map((g) => (
            <div key={g.speaker ?? '(unattributed)'} class="speaker">
              <h3>{g.speaker ?? 'Unattributed'}</h3>
              <ul class="entries">
                {g.items.map((q) => (
                  <li key={q.index}>
                    <button
                      type="button"
                      class="entry quote"
                      onClick={() => onReveal('quote', q.index)}
                    >
                      “{shorten(q.text)}”
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ))
        )}
      </section>
    </>
  );
}
