// Strings of the dashboard, the command palette and record verification, in English and French.
import type { Catalogue } from './catalogue';

export const dashboardEn = {
  placeholder: 'placeholder',
} as const;

export const dashboardFr: Catalogue<typeof dashboardEn> = {
  placeholder: 'placeholder',
};
