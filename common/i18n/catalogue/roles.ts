// Strings of the role board and the people directory, in English and French.
import type { Catalogue } from './catalogue';

export const rolesEn = {
  placeholder: 'placeholder',
} as const;

export const rolesFr: Catalogue<typeof rolesEn> = {
  placeholder: 'placeholder',
};
