import type { VNode } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SelectionToolbarProps } from '../../../components/page/SelectionToolbar';
import type { Annotation } from '../../../lib/annotation';
import {
  type NoteTarget,
  type Picked,
  startNoteController,
} from '../../../lib/content/note-controller';
import type { UiHost } from '../../../lib/content/ui-host';
import { sendToBackground } from '../../../lib/platform/messaging';

// The background is faked at the messaging edge: what the controller sends is what is checked.
vi.mock('../../../lib/platform/messaging', () => ({ sendToBackground: vi.fn() }));
const send = vi.mocked(sendToBackground);

/** A place in these tests is a pair of offsets, as in the PDF viewer. */
type Place = { start: number; end: number };

const PAGE = {
  url: 'https://www.caspianpolicy.org/research/x',
  title: 'X',
  site: 'caspianpolicy.org',
  author: null,
  published: null,
};

function stored(fields: Record<string, unknown>): Annotation {
  return {
    id: String(fields.id),
    page: PAGE,
    quote: { type: 'TextQuoteSelector', exact: 'Vale', prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: 3, end: 7 },
    note: String(fields.note ?? ''),
    tags: [],
    colour: 'yellow',
    created: '2026-12-04T00:00:00.000Z',
    updated: '2026-12-04T00:00:00.000Z',
    ...fields,
  } as Annotation;
}

/** A host that keeps what it was asked to show, so the toolbar's props can be read. */
function fakeHost() {
  const shown: (VNode<SelectionToolbarProps> | null)[] = [];
  const host: UiHost & { inside: boolean } = {
    inside: false,
    show: (child) => void shown.push(child as VNode<SelectionToolbarProps> | null),
    contains: () => host.inside,
    focusFirst: () => {},
    destroy: () => {},
  };
  const toolbar = () => shown.at(-1)?.props ?? null;
  return { host, shown, toolbar };
}

function setUp(
  selection: Picked<Place> | null = {
    place: { start: 3, end: 7 },
    rect: new DOMRect(10, 20, 30, 10),
  },
) {
  const { host, shown, toolbar } = fakeHost();
  const target: NoteTarget<Place> & { current: Picked<Place> | null } = {
    current: selection,
    selection: () => target.current,
    describe: vi.fn((place: Place) => ({
      page: PAGE,
      quote: { type: 'TextQuoteSelector' as const, exact: 'Vale', prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector' as const, ...place },
    })),
    saved: vi.fn(),
    report: vi.fn(),
  };
  const controller = startNoteController<Place>({ doc: document, host, target });
  return { host, shown, toolbar, target, controller };
}

/** A mouse-up as the reader makes it (a page script's made-up events are not trusted). */
async function readerMouseUp(trusted = true) {
  const event = new MouseEvent('mouseup', { bubbles: true });
  if (trusted) Object.defineProperty(event, 'isTrusted', { value: true });
  document.body.dispatchEvent(event);
  await new Promise((resolve) => setTimeout(resolve, 0));
}

beforeEach(() => {
  send.mockReset();
  send.mockImplementation(async (_type, payload) => ({
    ok: true,
    value: stored((payload as { annotation: Record<string, unknown> }).annotation),
  }));
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('the note controller shared by pages and the PDF viewer', () => {
  it('opens the toolbar under a mouse selection; Highlight saves it with its own id and colour', async () => {
    const { toolbar, target, controller } = setUp();
    await readerMouseUp();
    const props = toolbar();
    expect(props?.anchor).toEqual({ x: 25, y: 30, top: 20 });
    expect(props?.mode).toBe('buttons');
    props?.onHighlight('green');
    await vi.waitFor(() => expect(target.saved).toHaveBeenCalled());
    expect(send).toHaveBeenCalledWith(
      'notes/create',
      {
        annotation: expect.objectContaining({
          id: expect.stringMatching(/\S/),
          page: PAGE,
          position: { type: 'TextPositionSelector', start: 3, end: 7 },
          note: '',
          tags: [],
          colour: 'green',
        }),
      },
      // Safe to resend: the note carries its own id.
      { retry: true },
    );
    expect(vi.mocked(target.saved).mock.calls[0]?.[0]).toMatchObject({ colour: 'green' });
    // The toolbar closed when the reader chose.
    expect(toolbar()).toBeNull();
    controller.destroy();
  });

  it('saves the note and tags typed in the editor, and remembers the colour for the next one', async () => {
    const { toolbar, controller } = setUp();
    await readerMouseUp();
    toolbar()?.onNote('Check this', ['energy'], 'blue');
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    expect(send.mock.calls[0]?.[1]).toMatchObject({
      annotation: { note: 'Check this', tags: ['energy'], colour: 'blue' },
    });
    // Alt+Shift+H (or the context menu) highlights in the reader's last colour.
    expect(controller.act('highlight')).toBe(true);
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(2));
    expect(send.mock.calls[1]?.[1]).toMatchObject({ annotation: { note: '', colour: 'blue' } });
    controller.destroy();
  });

  it('opens the editor at once for Alt+Shift+N, and does nothing without a selection', async () => {
    const { toolbar, target, controller } = setUp();
    expect(controller.act('note')).toBe(true);
    expect(toolbar()?.mode).toBe('note');
    target.current = null;
    expect(controller.act('note')).toBe(false);
    expect(controller.act('highlight')).toBe(false);
    expect(send).not.toHaveBeenCalled();
    controller.destroy();
  });

  it('says in words when a note was not saved, and places nothing', async () => {
    send.mockResolvedValue({ ok: false, error: 'the disk is full' });
    const { target, controller } = setUp();
    controller.act('highlight');
    await vi.waitFor(() =>
      expect(target.report).toHaveBeenCalledWith('Your note was not saved: the disk is full'),
    );
    expect(target.saved).not.toHaveBeenCalled();
    controller.destroy();
  });

  it('keeps a quotation card’s origin on the note it saves', async () => {
    const { target, controller } = setUp();
    await controller.save({ start: 3, end: 7 }, '', [], undefined, {
      kind: 'quote',
      speaker: 'Ilsa Marrow',
    });
    expect(send.mock.calls[0]?.[1]).toMatchObject({
      annotation: { origin: { kind: 'quote', speaker: 'Ilsa Marrow' }, colour: 'yellow' },
    });
    expect(target.saved).toHaveBeenCalledTimes(1);
    controller.destroy();
  });

  it('ignores made-up mouse-ups, those in its own host, and a place it cannot describe', async () => {
    const { host, shown, target, controller } = setUp();
    await readerMouseUp(false);
    expect(shown).toEqual([]);
    host.inside = true;
    await readerMouseUp();
    expect(shown).toEqual([]);
    vi.mocked(target.describe).mockReturnValueOnce(null);
    controller.act('highlight');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(send).not.toHaveBeenCalled();
    controller.destroy();
  });

  it('closes the toolbar when the selection is gone, on Escape, and listens no more once destroyed', async () => {
    const { shown, target, controller } = setUp();
    await readerMouseUp();
    expect(shown.at(-1)).not.toBeNull();
    target.current = null;
    await readerMouseUp();
    expect(shown.at(-1)).toBeNull();
    target.current = { place: { start: 1, end: 2 }, rect: new DOMRect() };
    await readerMouseUp();
    const esc = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true });
    Object.defineProperty(esc, 'isTrusted', { value: true });
    document.body.dispatchEvent(esc);
    expect(shown.at(-1)).toBeNull();
    const before = shown.length;
    controller.destroy();
    await readerMouseUp();
    expect(shown.length).toBe(before);
  });
});
