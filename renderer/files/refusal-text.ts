// The words of a file refusal: a size and the limit as a reader says them
// ("50 MiB", "50 Mio"), in exact bytes when the rounded figures would read the
// same (a file of 1 MiB and one byte is not refused for being "1 MiB").
import { assertNever } from '../../common/assert';
import type { Locale } from '../../common/i18n/locales';
import type { FileRefusal } from './read-yaml';

type Translate = (key: string, values: Record<string, string | number>) => string;

const KIB = 1024;
const MIB = KIB * KIB;

function bytesText(bytes: number, locale: Locale, t: Translate): string {
  return t('shell.files.bytes', { count: bytes, bytes: new Intl.NumberFormat(locale).format(bytes) });
}

function roundedText(bytes: number, locale: Locale, t: Translate): string {
  const value = (amount: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(amount);
  if (bytes >= MIB) return t('shell.files.mib', { value: value(bytes / MIB) });
  if (bytes >= KIB) return t('shell.files.kib', { value: value(bytes / KIB) });
  return bytesText(bytes, locale, t);
}

export function describeSizes(
  size: number,
  limit: number,
  locale: Locale,
  t: Translate,
): { readonly size: string; readonly limit: string } {
  const rounded = { size: roundedText(size, locale, t), limit: roundedText(limit, locale, t) };
  if (rounded.size !== rounded.limit || size === limit) return rounded;
  return { size: bytesText(size, locale, t), limit: bytesText(limit, locale, t) };
}

export function refusalText(refusal: FileRefusal, locale: Locale, t: Translate): string {
  switch (refusal.reason) {
    case 'too-large': {
      const sizes = describeSizes(refusal.size, refusal.limit, locale, t);
      return refusal.name === null
        ? t('shell.files.tooLargeText', sizes)
        : t('shell.files.tooLarge', { name: refusal.name, ...sizes });
    }
    case 'unreadable':
      return refusal.name === null
        ? t('shell.files.unreadableText', { message: refusal.message })
        : t('shell.files.unreadable', { name: refusal.name, message: refusal.message });
    default:
      return assertNever(refusal);
  }
}
