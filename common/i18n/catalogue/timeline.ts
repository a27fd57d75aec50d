// Strings of the timeline, in English and French.
import type { Catalogue } from './catalogue';

export const timelineEn = {
  declared: 'declared the incident: {{severity}}, {{kind}}.',
  statusChanged: 'moved the incident from {{from}} to {{to}}.',
  severityChanged: 'changed the severity from {{from}} to {{to}}.',
  composerLabel: 'Add a note to the timeline',
  composerPlaceholder: 'What did you see, decide or do?',
  post: 'Post note',
  postHint: 'Ctrl+Enter to post',
  noteTooLong: 'A note holds at most {{max}} characters.',
  failed: 'The note could not be saved: {{message}}',
} as const;

export const timelineFr: Catalogue<typeof timelineEn> = {
  declared: 'a déclaré l’incident : {{severity}}, {{kind}}.',
  statusChanged: 'a fait passer l’incident de {{from}} à {{to}}.',
  severityChanged: 'a changé la gravité de {{from}} à {{to}}.',
  composerLabel: 'Ajouter une note à la chronologie',
  composerPlaceholder: 'Qu’avez-vous constaté, décidé ou fait ?',
  post: 'Publier la note',
  postHint: 'Ctrl+Entrée pour publier',
  noteTooLong: 'Une note contient au plus {{max}} caractères.',
  failed: 'La note n’a pas pu être enregistrée : {{message}}',
};
