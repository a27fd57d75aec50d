// Entry of `npm start` (out/main/start.js): the Electron app where it can run,
// otherwise one line saying why, then browser mode. Never a stack trace.
import { spawn } from 'node:child_process';
import { matchLocale } from '../../common/i18n/locales';
import { translate } from '../../common/i18n/messages';
import { APP_ROOT } from './app-paths';
import { systemLocaleFromEnv } from './host';
import { decideLaunch, readLaunchFacts, type FallbackReason } from './launch-decision';
import { main as runBrowserMode } from './web-cli';

const argv = process.argv.slice(2);
const decision = decideLaunch(readLaunchFacts());

let hasFallenBack = false;
function fallBack(reason: { key: FallbackReason } | { message: string }): void {
  if (hasFallenBack) return;
  hasFallenBack = true;
  const locale = matchLocale(systemLocaleFromEnv());
  const why = 'key' in reason ? translate(locale, `cli.reason.${reason.key}`) : reason.message;
  process.stdout.write(`${translate(locale, 'cli.electronMissing', { reason: why })}\n`);
  runBrowserMode(argv);
}

if (decision.mode === 'electron') {
  const child = spawn(decision.binary, [APP_ROOT, ...argv], { stdio: 'inherit' });
  child.on('error', (error) => fallBack({ message: error.message }));
  child.on('exit', (code, signal) => {
    if (hasFallenBack) return;
    if (code !== null) process.exit(code);
    process.exit(signal ? 1 : 0);
  });
} else {
  fallBack({ key: decision.reason });
}
