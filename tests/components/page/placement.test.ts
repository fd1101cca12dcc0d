import { describe, expect, it } from 'vitest';
import { PANEL_GAP, placePanel } from '../../../components/page/placement';

const VIEWPORT = { width: 1000, height: 800 };
const PANEL = { width: 200, height: 100 };

describe('placePanel', () => {
  it('centres the panel below the anchor when it fits', () => {
    expect(placePanel({ x: 500, y: 300 }, PANEL, VIEWPORT)).toEqual({
      left: 400,
      top: 300 + PANEL_GAP,
      side: 'below',
    });
  });

  it('flips above the top of the selection near the bottom of the viewport', () => {
    const spot = placePanel({ x: 500, y: 780, top: 760 }, PANEL, VIEWPORT);
    expect(spot).toEqual({ left: 400, top: 760 - PANEL_GAP - 100, side: 'above' });
  });

  it('stays inside the viewport at the left and right edges', () => {
    expect(placePanel({ x: 10, y: 300 }, PANEL, VIEWPORT).left).toBe(PANEL_GAP);
    expect(placePanel({ x: 995, y: 300 }, PANEL, VIEWPORT).left).toBe(1000 - 200 - PANEL_GAP);
  });

  it('keeps a panel taller than both sides on screen', () => {
    const spot = placePanel({ x: 500, y: 400 }, { width: 200, height: 700 }, VIEWPORT);
    expect(spot.top).toBeGreaterThanOrEqual(PANEL_GAP);
    expect(spot.top + 700).toBeLessThanOrEqual(800);
  });
});
