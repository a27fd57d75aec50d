// The main window's size and place, remembered between runs in the data dir.
// A saved position is only trusted if it still lands on a display: a monitor
// unplugged since, or a hand-edited file, must not put the window off screen.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../services/atomic-file';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  readonly bounds: Rect;
  readonly isMaximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 720, height: 480 } as const;
/** How much of the title bar must show on a display for the window to be reachable. */
const MIN_VISIBLE = 64;
const FILE = 'window-state.json';

const coordinate = z.number().int().min(-100_000).max(100_000);
const stateSchema = z.strictObject({
  bounds: z.strictObject({
    x: coordinate,
    y: coordinate,
    width: z.number().int().min(1).max(100_000),
    height: z.number().int().min(1).max(100_000),
  }),
  isMaximized: z.boolean(),
});

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Where the window opens: the saved bounds if their top strip (the title bar)
 * shows on some display's work area, shrunk to fit that display; else centred on
 * the primary display at the default size. `displays` are work areas, primary first.
 */
export function fitWindowBounds(saved: Rect | null, displays: readonly Rect[]): Rect {
  const primary = displays[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const centred = (): Rect => {
    const width = Math.min(DEFAULT_SIZE.width, primary.width);
    const height = Math.min(DEFAULT_SIZE.height, primary.height);
    return {
      x: primary.x + Math.round((primary.width - width) / 2),
      y: primary.y + Math.round((primary.height - height) / 2),
      width,
      height,
    };
  };
  if (!saved || ![saved.x, saved.y, saved.width, saved.height].every(Number.isFinite)) return centred();
  const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: Math.min(saved.height, 32) };
  // The display showing most of the title bar is the window's home.
  let home: Rect | undefined;
  let best = 0;
  for (const display of displays) {
    const shared = overlap(titleBar, display);
    if (shared.width >= MIN_VISIBLE && shared.height > 0 && shared.width > best) {
      home = display;
      best = shared.width;
    }
  }
  if (!home) return centred();
  const width = Math.max(Math.min(saved.width, home.width), Math.min(MIN_SIZE.width, home.width));
  const height = Math.max(Math.min(saved.height, home.height), Math.min(MIN_SIZE.height, home.height));
  // Pulled back inside the display, the whole window shows.
  const x = Math.min(Math.max(saved.x, home.x), home.x + home.width - width);
  const y = Math.min(Math.max(saved.y, home.y), home.y + home.height - height);
  return { x, y, width, height };
}

/** The saved state, or null when there is none or it is not one this version wrote. */
export async function loadWindowState(dataDir: string): Promise<WindowState | null> {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(await readFile(join(dataDir, FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function saveWindowState(dataDir: string, state: WindowState): Promise<void> {
  const rounded: WindowState = {
    bounds: {
      x: Math.round(state.bounds.x),
      y: Math.round(state.bounds.y),
      width: Math.round(state.bounds.width),
      height: Math.round(state.bounds.height),
    },
    isMaximized: state.isMaximized,
  };
  const parsed = stateSchema.safeParse(rounded);
  if (parsed.success) await writeFileAtomic(join(dataDir, FILE), `${JSON.stringify(parsed.data)}\n`);
}
