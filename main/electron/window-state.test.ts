import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, fitWindowBounds, loadWindowState, saveWindowState, type Rect } from './window-state';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1050 };
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('window bounds against the displays', () => {
  it('keeps saved bounds that are on a display', () => {
    const saved = { x: 2100, y: 100, width: 1600, height: 1000 };
    expect(fitWindowBounds(saved, [laptop, rightMonitor])).toEqual(saved);
  });

  it('centres the window on the primary display when its monitor is gone', () => {
    const centred = {
      x: (1920 - DEFAULT_SIZE.width) / 2,
      y: Math.round((1050 - DEFAULT_SIZE.height) / 2),
      ...DEFAULT_SIZE,
    };
    expect(fitWindowBounds({ x: 2100, y: 100, width: 1600, height: 1000 }, [laptop])).toEqual(centred);
    expect(fitWindowBounds(null, [laptop])).toEqual(centred);
    // A window whose title bar is above the screen cannot be dragged back.
    expect(fitWindowBounds({ x: 100, y: -900, width: 1000, height: 800 }, [laptop])).toEqual(centred);
    // Hostile numbers.
    expect(fitWindowBounds({ x: Number.NaN, y: 0, width: 800, height: 600 }, [laptop])).toEqual(centred);
    expect(fitWindowBounds({ x: 1e9, y: 1e9, width: 800, height: 600 }, [laptop])).toEqual(centred);
  });

  it('shrinks a window larger than its display and pulls it fully inside', () => {
    expect(fitWindowBounds({ x: 1800, y: 10, width: 5000, height: 3000 }, [laptop, rightMonitor])).toEqual({
      x: 1920,
      y: 0,
      width: 2560,
      height: 1400,
    });
    expect(fitWindowBounds({ x: 1500, y: 500, width: 1000, height: 800 }, [laptop])).toEqual({
      x: 920,
      y: 250,
      width: 1000,
      height: 800,
    });
    // Too small to use: grown to the minimum.
    expect(fitWindowBounds({ x: 10, y: 10, width: 100, height: 50 }, [laptop])).toEqual({
      x: 10,
      y: 10,
      width: 720,
      height: 480,
    });
  });

  it('fits a tiny display rather than overflowing it', () => {
    const tiny = { x: 0, y: 0, width: 640, height: 400 };
    expect(fitWindowBounds(null, [tiny])).toEqual(tiny);
    expect(fitWindowBounds({ x: 0, y: 0, width: 2000, height: 2000 }, [tiny])).toEqual(tiny);
  });

  it('saves and reads back, and ignores a damaged or hostile file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'warroom-window-'));
    try {
      expect(await loadWindowState(dir)).toBeNull();
      await saveWindowState(dir, { bounds: { x: 10.4, y: 20.6, width: 900, height: 700 }, isMaximized: true });
      expect(await loadWindowState(dir)).toEqual({
        bounds: { x: 10, y: 21, width: 900, height: 700 },
        isMaximized: true,
      });
      for (const text of ['{', 'null', '{"bounds":{"x":"0"},"isMaximized":false}', '{"__proto__":{"x":1}}']) {
        await writeFile(join(dir, 'window-state.json'), text);
        expect(await loadWindowState(dir), text).toBeNull();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
