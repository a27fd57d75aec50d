// How the benchmarks launch Chromium: the same executable and flags as the
// end-to-end suite, headless.
import { type LaunchOptions } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../../test/support/chromium';

export function chromiumLaunchOptions(): LaunchOptions {
  return { executablePath: requireChromium(), args: CHROMIUM_ARGS, headless: true };
}
