/**
 * The look of Dossier's in-page panels (selection toolbar, entity cards), as one string the
 * lead puts in a `<style>` inside the shadow root. `:host { all: initial }` cuts off every
 * property the page would otherwise pass down by inheritance, so a page's fonts, colours or
 * `line-height` never leak in; the shadow root keeps these rules from leaking out. Colours are
 * custom properties with a dark set under `prefers-color-scheme`, and every control shows a
 * clear focus ring for keyboard readers.
 */

/**
 * Inside the editor frame (`editor.html`), on top of {@link PAGE_UI_CSS}: the frame is the
 * editor's box, painted in the panel's colour (what is behind a frame is not the frame's to
 * know, so its contrast is judged on its own), the editor starts at its top, and the tag suggestions take room in the flow
 * (a list hanging out of the frame would be cut off); the frame grows to show them.
 */
export const EDITOR_FRAME_CSS = `
:host { display: block; background: var(--d-bg); }
.editor { margin-top: 0; }
.suggestions { position: static; }
`;

/** CSS for the shadow root holding {@link SelectionToolbar} and {@link EntityCard}. */
export const PAGE_UI_CSS = `
:host {
  all: initial;
  --d-bg: #ffffff;
  --d-fg: #1f2328;
  --d-muted: #59636e;
  --d-border: rgb(31 35 40 / 0.16);
  --d-hover: rgb(31 35 40 / 0.07);
  --d-field: #f6f8fa;
  --d-accent: #0b57d0;
  --d-accent-fg: #ffffff;
  --d-focus: #0b57d0;
  --d-chip: rgb(11 87 208 / 0.1);
  --d-shadow: 0 6px 20px rgb(0 0 0 / 0.14), 0 1px 3px rgb(0 0 0 / 0.1);
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :host {
    --d-bg: #1f2328;
    --d-fg: #e6edf3;
    --d-muted: #9aa5b1;
    --d-border: rgb(230 237 243 / 0.16);
    --d-hover: rgb(230 237 243 / 0.08);
    --d-field: #161a1f;
    --d-accent: #8ab4f8;
    --d-accent-fg: #0d1117;
    --d-focus: #8ab4f8;
    --d-chip: rgb(138 180 248 / 0.16);
    --d-shadow: 0 6px 20px rgb(0 0 0 / 0.5), 0 1px 3px rgb(0 0 0 / 0.4);
  }
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }

.panel {
  position: fixed;
  left: 0;
  top: 0;
  z-index: 2147483647;
  max-width: min(360px, calc(100vw - 16px));
  margin: 0;
  padding: 4px;
  font: 400 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--d-fg);
  background: var(--d-bg);
  border: 1px solid var(--d-border);
  border-radius: 8px;
  box-shadow: var(--d-shadow);
  text-align: start;
  -webkit-font-smoothing: antialiased;
  cursor: default;
}
.panel:focus { outline: none; }
.panel:focus-visible { outline: 2px solid var(--d-focus); outline-offset: 2px; }

button, input, textarea {
  font: inherit;
  color: inherit;
  margin: 0;
}
button {
  display: inline-flex;
  align-items: center;
  justify-content: center;
  gap: 4px;
  min-height: 26px;
  padding: 3px 8px;
  border: 1px solid transparent;
  border-radius: 6px;
  background: transparent;
  cursor: pointer;
  white-space: nowrap;
}
button:hover:not(:disabled) { background: var(--d-hover); }
button:disabled { opacity: 0.4; cursor: default; }
button:focus { outline: none; }
button:focus-visible, input:focus-visible, textarea:focus-visible, .suggestion:focus-visible {
  outline: 2px solid var(--d-focus);
  outline-offset: 1px;
}
button.primary { background: var(--d-accent); color: var(--d-accent-fg); font-weight: 600; }
button.primary:hover { background: var(--d-accent); filter: brightness(1.08); }
button.secondary { border-color: var(--d-border); }
button.icon { min-width: 26px; padding: 0 6px; font-size: 16px; line-height: 1; }

/* Selection toolbar */
.toolbar { width: max-content; }
.toolbar:has(.editor) { width: 300px; }
.row { display: flex; align-items: center; gap: 2px; flex-wrap: wrap; }
.action { font-weight: 500; }
.action[aria-expanded="true"] { background: var(--d-hover); }
.divider { width: 1px; align-self: stretch; margin: 3px 4px; background: var(--d-border); }
.swatches { display: flex; gap: 2px; min-inline-size: 0; margin: 0; padding: 0; border: 0; }
.swatch { width: 24px; min-width: 24px; min-height: 24px; padding: 0; border-radius: 50%; }
.swatch::after {
  content: "";
  width: 14px;
  height: 14px;
  border-radius: 50%;
  background: var(--swatch);
  box-shadow: inset 0 0 0 1px rgb(0 0 0 / 0.18);
}
.swatch[aria-pressed="true"] { box-shadow: inset 0 0 0 2px var(--d-fg); }
.swatch-yellow { --swatch: rgb(255 222 0); }
.swatch-green { --swatch: rgb(80 200 110); }
.swatch-blue { --swatch: rgb(90 160 255); }
.swatch-pink { --swatch: rgb(255 120 190); }
.swatch-purple { --swatch: rgb(170 120 255); }

.editor { display: flex; flex-direction: column; gap: 4px; padding: 6px 4px 2px; border-top: 1px solid var(--d-border); margin-top: 4px; }
.field-label { font-size: 11px; font-weight: 600; color: var(--d-muted); text-transform: uppercase; letter-spacing: 0.04em; }
.note-text {
  display: block;
  width: 100%;
  min-height: 60px;
  max-height: 40vh;
  padding: 6px 8px;
  resize: vertical;
  border: 1px solid var(--d-border);
  border-radius: 6px;
  background: var(--d-field);
  white-space: pre-wrap;
}
.tag-input { position: relative; display: flex; flex-direction: column; gap: 4px; margin-top: 4px; }
.tag-field {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 4px;
  padding: 3px 4px;
  border: 1px solid var(--d-border);
  border-radius: 6px;
  background: var(--d-field);
}
.tag-field:focus-within { outline: 2px solid var(--d-focus); outline-offset: 1px; }
.tag-field input { flex: 1 1 80px; min-width: 80px; padding: 2px 4px; border: 0; background: transparent; }
.tag-field input:focus-visible { outline: none; }
.chips { display: flex; flex-wrap: wrap; gap: 4px; list-style: none; margin: 0; padding: 0; }
.chip { display: inline-flex; align-items: center; gap: 2px; max-width: 100%; padding: 0 2px 0 8px; border-radius: 999px; background: var(--d-chip); }
.chip-text { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.chip-remove { min-height: 20px; min-width: 20px; padding: 0; border-radius: 50%; font-size: 14px; line-height: 1; }
.suggestions {
  position: absolute;
  top: 100%;
  left: 0;
  right: 0;
  z-index: 1;
  max-height: 200px;
  overflow-y: auto;
  list-style: none;
  margin: 2px 0 0;
  padding: 4px;
  background: var(--d-bg);
  border: 1px solid var(--d-border);
  border-radius: 6px;
  box-shadow: var(--d-shadow);
}
.suggestion { padding: 4px 8px; border-radius: 4px; cursor: pointer; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.suggestion:hover { background: var(--d-hover); }
.suggestion[aria-selected="true"] { background: var(--d-accent); color: var(--d-accent-fg); }
.editor-actions { display: flex; align-items: center; justify-content: flex-end; gap: 6px; margin-top: 6px; }
.hint { margin-inline-end: auto; font-size: 11px; color: var(--d-muted); }
/* The editor in its extension frame (EditorFrame): the frame fits the editor it shows. */
.editor-frame { display: block; width: 100%; margin: 0; padding: 0; border: 0; background: transparent; color-scheme: light dark; }

/* Entity cards */
.card { width: 280px; padding: 8px 10px 10px; }
.card-head { display: flex; align-items: center; justify-content: space-between; margin: -2px -4px 2px 0; }
.card-kind { font-size: 11px; font-weight: 600; color: var(--d-muted); text-transform: uppercase; letter-spacing: 0.04em; }
.card-name { margin: 0; font-size: 14px; font-weight: 600; overflow-wrap: anywhere; }
.card-name.unattributed { font-weight: 400; font-style: italic; color: var(--d-muted); }
.titles { margin: 2px 0 0; padding: 0; list-style: none; color: var(--d-muted); }
.titles li { overflow-wrap: anywhere; }
.card-nav { display: flex; align-items: center; justify-content: space-between; gap: 6px; margin-top: 8px; }
.mention-count { color: var(--d-muted); font-variant-numeric: tabular-nums; }
.card-quote {
  margin: 6px 0 0;
  padding: 0 0 0 8px;
  border-inline-start: 3px solid var(--d-border);
  color: var(--d-fg);
  overflow-wrap: anywhere;
}
.card-actions { display: flex; justify-content: flex-end; margin-top: 8px; }

@media (forced-colors: active) {
  .panel { border-color: CanvasText; }
  .swatch[aria-pressed="true"] { outline: 2px solid Highlight; }
  .suggestion[aria-selected="true"] { outline: 2px solid Highlight; }
}
@media (prefers-reduced-motion: no-preference) {
  .panel { animation: dossier-in 120ms ease-out; }
}
@keyframes dossier-in {
  from { opacity: 0; transform: translateY(2px); }
  to { opacity: 1; transform: none; }
}
`;
