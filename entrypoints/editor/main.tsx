/**
 * The note editor frame that the selection toolbar shows on web pages (issue 19: keystrokes
 * typed here go to this extension document, which the page cannot listen to). It shows
 * nothing and asks for nothing until the toolbar has handed it its port with the secret it was
 * given as the frame's name (components/page/editor-bridge.ts), so a page that frames this
 * page itself gets an empty frame.
 */
import { render } from 'preact';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { EditorPage } from '@/components/page/EditorPage';
import { receivePort } from '@/components/page/editor-bridge';
import { EDITOR_FRAME_CSS, PAGE_UI_CSS } from '@/components/page/styles';
import { sendToBackground } from '@/lib/platform/messaging';

const secret = window.name;
// The secret is used once; nothing in the frame needs it again.
window.name = '';

const loadTags = async () => {
  const reply = await sendToBackground('tags/list', {});
  return reply.ok ? reply.value.map((t) => t.tag) : [];
};

void receivePort(window, secret).then((handover) => {
  const app = document.getElementById('app');
  if (!app) return;
  const shadow = app.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = PAGE_UI_CSS + EDITOR_FRAME_CSS;
  const root = document.createElement('div');
  shadow.append(style, root);
  render(
    <ErrorBoundary onReload={() => location.reload()}>
      <EditorPage handover={handover} loadTags={loadTags} />
    </ErrorBoundary>,
    root,
  );
});
