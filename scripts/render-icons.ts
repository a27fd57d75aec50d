// Renders assets/icon.svg to the PNG icons packaging and the window need, in
// Chromium (the same engine that draws the app): `npx tsx scripts/render-icons.ts`.
// electron-builder derives the Windows .ico and macOS .icns from the 512 px PNG;
// Linux takes the sized PNGs of assets/icons/. The PNGs are committed.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../test/support/chromium';

const ROOT = join(__dirname, '..');
const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512];

async function main(): Promise<void> {
  const svg = await readFile(join(ROOT, 'assets', 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const render = async (size: number, path: string) => {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
      );
      await mkdir(join(path, '..'), { recursive: true });
      await page.screenshot({ path, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    };
    await render(512, join(ROOT, 'assets', 'icon.png'));
    for (const size of LINUX_SIZES) await render(size, join(ROOT, 'assets', 'icons', `${size}x${size}.png`));
    // The window and tray icon, served with the renderer.
    await render(256, join(ROOT, 'renderer', 'public', 'app-icon.png'));
  } finally {
    await browser.close();
  }
}

void main();
