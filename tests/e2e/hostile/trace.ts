/**
 * Dossier's share of a page's main-thread tasks, read from a Chromium trace. Each task
 * (`RunTask`) on the thread that parsed the page is charged with the time spent in functions of
 * Dossier's content script (`FunctionCall` / `EvaluateScript` events whose script is a
 * `chrome-extension://` URL), counting nested calls once. The page's own work in the same task
 * is not Dossier's.
 */

/** The parts of a trace event read here. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { beginData?: { url?: string }; data?: { url?: string } };
}

/** Dossier's longest share of one task (ms) on the thread that parsed `url`, from then on. */
export function longestDossierTask(
  events: readonly TraceEvent[],
  url: string,
): { found: boolean; longest: number } {
  const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url === url);
  if (!parse) return { found: false, longest: 0 };
  const onThread = events.filter(
    (e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X' && e.ts >= parse.ts,
  );
  const tasks = onThread.filter((e) => e.name === 'RunTask');
  const dossier = onThread
    .filter(
      (e) =>
        (e.name === 'FunctionCall' || e.name === 'EvaluateScript') &&
        (e.args?.data?.url ?? '').startsWith('chrome-extension://'),
    )
    .sort((a, b) => a.ts - b.ts);
  let longest = 0;
  let d = 0;
  for (const task of tasks.sort((a, b) => a.ts - b.ts)) {
    const end = task.ts + (task.dur ?? 0);
    while (d < dossier.length && (dossier[d] as TraceEvent).ts < task.ts) d++;
    let spent = 0;
    let covered = task.ts;
    for (let k = d; k < dossier.length && (dossier[k] as TraceEvent).ts < end; k++) {
      const call = dossier[k] as TraceEvent;
      const callEnd = Math.min(end, call.ts + (call.dur ?? 0));
      if (callEnd <= covered) continue; // nested in a call already counted
      spent += callEnd - Math.max(call.ts, covered);
      covered = callEnd;
    }
    longest = Math.max(longest, spent / 1000);
  }
  return { found: true, longest };
}
