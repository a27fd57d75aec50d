// Strings of the incident lifecycle: key times, durations, impact, types and severity definitions, in English and French.
import type { Catalogue } from './catalogue';

export const lifecycleEn = {
  placeholder: 'placeholder',
} as const;

export const lifecycleFr: Catalogue<typeof lifecycleEn> = {
  placeholder: 'placeholder',
};
