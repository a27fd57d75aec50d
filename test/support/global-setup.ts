// Before any end-to-end spec: a Chromium must exist and the app must be built.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { requireChromium } from './chromium';

export default function globalSetup(): void {
  requireChromium();
  if (!existsSync(join(__dirname, '..', '..', 'out', 'main', 'web.js'))) {
    throw new Error('The app is not built: run `npm run build` before `npm run test:e2e` (`npm test` does both).');
  }
}
