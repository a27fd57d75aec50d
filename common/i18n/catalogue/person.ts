// Strings of the person at a device: the header's "You" box, the first-visit
// question a window or a teammate's browser asks before anything is written
// ("Who are you?"), and the deliberate hand-over of a device to someone else,
// in English and French.
import type { Catalogue } from './catalogue';

export const personEn = {
  signedAs: 'What you write here is signed as {{name}}.',
  notYou: 'Not you?',
  notYouLabel: 'Not {{name}}? Hand this device over to someone else',
  proposedHint:
    'Nothing is written from here yet: your first entry will be signed with this name. After that, only a deliberate hand-over changes it.',
  nameRequired: 'Type a name: an entry cannot be signed by nobody.',
  nameTooLong: 'A name has at most {{max}} characters.',
  ask: {
    heading: 'Who are you?',
    introBrowser:
      'You joined this war-room from your own browser. Everything written from it is signed with its key and your name, so the team knows who said what.',
    introWindow:
      'Everything written from this window is signed with this laptop’s key and your name, so the team knows who said what.',
    behind: 'The record stays readable behind this question; writing starts once you have answered.',
    name: 'Your name',
    placeholder: 'First and last name, as your team knows you',
    submit: 'That’s me',
    later:
      'Should someone else take over this device later, they hand it over explicitly: what you wrote keeps your name.',
  },
  handOver: {
    heading: 'Hand this device over',
    current: 'Entries written here so far are signed as {{current}}.',
    name: 'Name of the person taking over',
    next: 'Continue',
    back: 'Back',
    cancel: 'Cancel',
    confirmHeading: 'Hand this device over to {{next}}?',
    earlier: 'Everything already written from this device stays under {{current}}.',
    later: 'Everything written from now on will be signed as {{next}}.',
    recorded: 'The hand-over itself goes into the record, for the whole team to see.',
    confirm: 'Hand over to {{next}}',
    saving: 'Handing over…',
    same: '{{name}} is already the person at this device.',
    failed: 'The hand-over was not recorded: {{message}}',
    done: 'Entries from this device are now signed as {{name}}.',
  },
} as const;

export const personFr: Catalogue<typeof personEn> = {
  signedAs: 'Ce que vous écrivez ici est signé {{name}}.',
  notYou: 'Ce n’est pas vous ?',
  notYouLabel: 'Vous n’êtes pas {{name}} ? Confier cet appareil à quelqu’un d’autre',
  proposedHint:
    'Rien n’a encore été écrit d’ici : votre première entrée sera signée de ce nom. Ensuite, seule une passation volontaire le change.',
  nameRequired: 'Saisissez un nom : une entrée ne peut pas être signée par personne.',
  nameTooLong: 'Un nom compte au plus {{max}} caractères.',
  ask: {
    heading: 'Qui êtes-vous ?',
    introBrowser:
      'Vous avez rejoint cette salle de crise depuis votre propre navigateur. Tout ce qui y est écrit est signé de sa clé et de votre nom, pour que l’équipe sache qui a dit quoi.',
    introWindow:
      'Tout ce qui est écrit depuis cette fenêtre est signé de la clé de ce portable et de votre nom, pour que l’équipe sache qui a dit quoi.',
    behind: 'Le registre reste lisible derrière cette question ; l’écriture commence dès que vous avez répondu.',
    name: 'Votre nom',
    placeholder: 'Prénom et nom, tels que votre équipe vous connaît',
    submit: 'C’est moi',
    later:
      'Si quelqu’un d’autre reprend cet appareil plus tard, il le fait par une passation explicite : ce que vous avez écrit garde votre nom.',
  },
  handOver: {
    heading: 'Confier cet appareil',
    current: 'Les entrées écrites ici jusqu’à présent sont signées {{current}}.',
    name: 'Nom de la personne qui prend la suite',
    next: 'Continuer',
    back: 'Retour',
    cancel: 'Annuler',
    confirmHeading: 'Confier cet appareil à {{next}} ?',
    earlier: 'Tout ce qui a déjà été écrit depuis cet appareil reste signé {{current}}.',
    later: 'Tout ce qui sera écrit à partir de maintenant sera signé {{next}}.',
    recorded: 'La passation elle-même est inscrite au registre, à la vue de toute l’équipe.',
    confirm: 'Confier à {{next}}',
    saving: 'Passation en cours…',
    same: '{{name}} est déjà la personne devant cet appareil.',
    failed: 'La passation n’a pas été enregistrée : {{message}}',
    done: 'Les entrées de cet appareil sont désormais signées {{name}}.',
  },
};
