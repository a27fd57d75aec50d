// Screenshots for the README, written only when asked: `npm run screenshots`.
import type { Page } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.WARROOM_SCREENSHOTS;
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}
