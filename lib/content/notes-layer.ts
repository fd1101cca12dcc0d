/**
 * The reader's notes on the live page: anchors the page's notes and paints them, shows the
 * selection toolbar, saves new notes through the background, follows changes made in other
 * tabs and the popup, and answers the popup's "reveal" and "orphans" questions.
 */
import { h } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { EditorFrame } from '../../components/page/EditorFrame';
import type { NoteFormProps } from '../../components/page/NoteForm';
import { PAGE_UI_CSS } from '../../components/page/styles';
import { type AnchorResult, anchorAll } from '../anchoring/anchor';
import { describeRange } from '../anchoring/selectors';
import { buildTextIndex, offsetsToRange, type TextIndex } from '../anchoring/text-index';
import type { Annotation, AnnotationOrigin, Colour, PageRef } from '../annotation';
import { type Painter, TEAM_HIGHLIGHT } from '../highlight/paint';
import { scrollBehavior } from '../motion';
import { editorPage } from '../platform/editor-page';
import { handleMessages, sendToBackground } from '../platform/messaging';
import { subscribeToChanges } from '../platform/sync-client';
import type { NotesChange } from '../protocol';
import { startNoteController } from './note-controller';
import { createScope } from './scope';
import { createUiHost } from './ui-host';

/** What the layer needs from its page session. */
export interface NotesLayerOptions {
  ctx: ContentScriptContext;
  doc: Document;
  page: PageRef;
  painter: Painter;
  /** Called with a plain-words message when saving fails, so nothing is lost silently. */
  onError?(message: string): void;
}

/** The running layer. */
export interface NotesLayer {
  /** Saves a passage as a note (the "Save as note" of a quotation card). */
  saveRange(range: Range, origin: AnnotationOrigin): void;
  /** Notes currently known for the page, in page order. */
  notes(): Annotation[];
  orphans(): string[];
  destroy(): void;
}

interface Placed {
  annotation: Annotation;
  result: AnchorResult;
  range: Range | null;
}

/** Starts the notes layer for a page. */
export function startNotesLayer({
  ctx,
  doc,
  page,
  painter,
  onError,
}: NotesLayerOptions): NotesLayer {
  // Everything below ends with this layer (a navigation replaces it), not only with `ctx`.
  const scope = createScope(ctx);
  // Failures are said on the page, calmly, so that a note is never lost without a word.
  const report = (message: string) => {
    onError?.(message);
    host.show(
      h(
        'div',
        {
          role: 'alert',
          style:
            'position:fixed;right:16px;bottom:16px;max-width:360px;padding:10px 14px;border-radius:8px;' +
            'background:#fff4f2;color:#7a1d12;border:1px solid #e3b1a9;font:13px/1.4 system-ui,sans-serif;' +
            'box-shadow:0 4px 16px rgb(0 0 0 / 0.18);',
        },
        message,
      ),
    );
    scope.setTimeout(() => host.show(null), 8_000);
  };
  const placed = new Map<string, Placed>();
  let destroyed = false;
  let index: TextIndex | null = null;
  let dirty = true;
  // Dossier's own UI lives outside <body>, so every change seen here is the page's.
  const observer = new MutationObserver(() => {
    dirty = true;
  });
  observer.observe(doc.body, { subtree: true, childList: true, characterData: true });

  const currentIndex = (): TextIndex => {
    if (!index || dirty) {
      index = buildTextIndex(doc.body);
      dirty = false;
      // The page changed: ranges made on the old index may be stale; re-anchor everything.
      for (const p of placed.values()) place(p, index);
    }
    return index;
  };

  const place = (p: Placed, idx: TextIndex) => {
    const [result] = anchorAll(idx, [
      { quote: p.annotation.quote, position: p.annotation.position },
    ]);
    p.result = result ?? { orphan: true };
    p.range = p.result.orphan ? null : offsetsToRange(idx, p.result.start, p.result.end);
  };

  const repaint = () => {
    const byColour = new Map<Colour, Range[]>();
    const all: Range[] = [];
    // Teammates' notes (they carry an `author`) are painted apart, under their own name.
    const team: Range[] = [];
    for (const p of placed.values()) {
      if (!p.range) continue;
      all.push(p.range);
      if (p.annotation.author !== undefined) team.push(p.range);
      else
        byColour.set(p.annotation.colour, [...(byColour.get(p.annotation.colour) ?? []), p.range]);
    }
    if (painter.kind === 'highlight-api') painter.paint('dossier-note', all);
    for (const colour of ['yellow', 'green', 'blue', 'pink', 'purple'] as const) {
      painter.paint(`dossier-note-${colour}`, byColour.get(colour) ?? []);
    }
    painter.paint(TEAM_HIGHLIGHT, team);
  };

  const load = async () => {
    const reply = await sendToBackground('notes/list', { url: page.url });
    if (destroyed) return;
    if (!reply.ok) return report(`Dossier could not load your notes: ${reply.error}`);
    placed.clear();
    // Most pages have no notes: the page's text index (a walk over all of it) waits until a
    // note needs placing or saving.
    if (reply.value.length === 0) return repaint();
    const idx = currentIndex();
    const results = anchorAll(
      idx,
      reply.value.map((a) => ({ quote: a.quote, position: a.position })),
    );
    reply.value.forEach((annotation, i) => {
      const result = results[i] ?? { orphan: true as const };
      const range = result.orphan ? null : offsetsToRange(idx, result.start, result.end);
      placed.set(annotation.id, { annotation, result, range });
    });
    repaint();
  };

  const apply = (change: NotesChange) => {
    if (destroyed) return;
    if (change.kind === 'reload') return void load();
    if (change.kind === 'delete') placed.delete(change.id);
    else {
      const p: Placed = { annotation: change.annotation, result: { orphan: true }, range: null };
      place(p, currentIndex());
      placed.set(change.annotation.id, p);
    }
    repaint();
  };

  // --- The selection toolbar and saving (shared with the PDF viewer) -----------------------
  const host = createUiHost(doc, PAGE_UI_CSS);
  // The note editor is a frame of the extension's origin: what the reader types there (and
  // the tags it suggests) never passes through the page's document.
  const editor = editorPage();
  const renderEditor = (props: NoteFormProps) => h(EditorFrame, { ...props, ...editor });

  const selectionRange = (): Range | null => {
    const sel = doc.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
    const range = sel.getRangeAt(0);
    const container = range.commonAncestorContainer;
    if (!doc.body.contains(container)) return null;
    // Text the reader is editing (a comment box, a rich editor) is theirs, not the article's.
    const element = container instanceof Element ? container : container.parentElement;
    if (element?.closest('[contenteditable]:not([contenteditable="false"]), input, textarea')) {
      return null;
    }
    return range.toString().trim() ? range.cloneRange() : null;
  };

  const notes = startNoteController<Range>({
    doc,
    host,
    renderEditor,
    target: {
      selection: () => {
        const range = selectionRange();
        return range ? { place: range, rect: range.getBoundingClientRect() } : null;
      },
      describe: (range) => {
        const selectors = describeRange(currentIndex(), range);
        return selectors ? { page, ...selectors } : null;
      },
      saved: (annotation) => apply({ kind: 'upsert', annotation }),
      report,
    },
  });

  const flash = (range: Range) => {
    painter.paint('dossier-flash', [range]);
    scope.setTimeout(() => painter.clear('dossier-flash'), 1200);
  };

  const stopMessages = handleMessages({
    'notes/reveal': ({ id }) => {
      currentIndex();
      const range = placed.get(id)?.range;
      if (!range) return { found: false };
      const target = range.startContainer.parentElement;
      target?.scrollIntoView({ block: 'center', behavior: scrollBehavior(doc.defaultView) });
      flash(range);
      return { found: true };
    },
    'notes/orphans': () => orphans(),
    'selection/act': ({ action }) => ({ done: notes.act(action) }),
  });

  const orphans = () =>
    [...placed.values()].filter((p) => p.result.orphan).map((p) => p.annotation.id);

  const stopSync = subscribeToChanges({
    url: page.url,
    onChange: apply,
    onResync: () => void load(),
  });
  void load();

  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    observer.disconnect();
    stopMessages();
    stopSync();
    notes.destroy();
    host.destroy();
    placed.clear();
    index = null;
    scope.end();
  };
  scope.onEnd(destroy);

  return {
    saveRange: (range, origin) => void notes.save(range, '', [], undefined, origin),
    notes: () =>
      [...placed.values()]
        .map((p) => p.annotation)
        .sort((a, b) => a.position.start - b.position.start),
    orphans,
    destroy,
  };
}
