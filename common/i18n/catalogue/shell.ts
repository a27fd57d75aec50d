// Strings of the workspace backup (Settings) and of the desktop shell (the
// application menu, the tray, opening files), in English and French.
import type { Catalogue } from './catalogue';

export const shellEn = {
  backup: {
    heading: 'Backup of the workspace',
    intro:
      'One file holding the whole record: every incident, timeline entry, role and document, from every laptop this one has synced with. Secrets, the hub token and this laptop’s own settings are never in it.',
    passphrase: 'Passphrase (optional)',
    passphraseHint:
      'With a passphrase the file is encrypted; without it, anyone who has the file can read it. Nobody can recover a lost passphrase.',
    passphraseConfirm: 'Type the passphrase again',
    passphraseTooShort: 'A passphrase has at least {{min}} characters.',
    passphraseMismatch: 'The two passphrases differ.',
    create: 'Download a backup',
    creating: 'Preparing the backup…',
    created_one: 'Backup of {{count}} event from {{devices}} device saved as {{file}}.',
    created_other: 'Backup of {{count}} events from {{devices}} devices saved as {{file}}.',
    encrypted: 'Encrypted with your passphrase.',
    notEncrypted: 'Not encrypted: keep the file somewhere safe.',
    failed: 'The backup could not be made: {{message}}',
    restoreHeading: 'Restore a backup',
    restoreIntro:
      'Adds the backup’s events to this record, after checking every hash chain in it. Nothing already here is removed; a damaged file is refused and changes nothing.',
    file: 'Backup file',
    restorePassphrase: 'Its passphrase, if it has one',
    restore: 'Restore',
    restoring: 'Checking and restoring…',
    noFile: 'Choose a backup file first.',
    restored_one: 'Restored: {{count}} event checked, {{stored}} new, from a backup made {{when}}.',
    restored_other: 'Restored: {{count}} events checked, {{stored}} new, from a backup made {{when}}.',
    refused: {
      'not-a-backup': 'This file is not a war-room backup.',
      'unsupported-version': 'This backup was made by a newer version of War-room; update the app to restore it.',
      'too-large': 'This file claims a size no backup can have; it was refused before reading it.',
      truncated: 'This backup is incomplete: the file is cut off. Copy it again from where it was saved.',
      corrupted: 'This backup is damaged: its content does not match its checksum.',
      'passphrase-required': 'This backup is encrypted: give its passphrase.',
      'wrong-passphrase': 'This passphrase does not open the backup.',
      'broken-chain':
        'This backup’s record does not hold together: an event was altered, removed or reordered. Nothing was restored.',
      'wrong-workspace': 'This backup belongs to another workspace.',
      conflict: 'This backup tells a different history from the record here for the same device. Nothing was restored.',
      'no-upload': 'The file did not reach the host; try again.',
    },
    refusedDetail: 'Details: {{detail}}',
    refusedFooter: 'Nothing was changed.',
  },
  menu: {
    file: 'File',
    declare: 'Declare an incident',
    quickNote: 'Quick note in the timeline',
    openFile: 'Open a runbook or scenario…',
    settings: 'Settings',
    quit: 'Quit War-room',
    edit: 'Edit',
    view: 'View',
    dashboard: 'Dashboard',
    palette: 'Command palette',
    window: 'Window',
    help: 'Help',
    about: 'About War-room',
  },
  tray: {
    tooltip: 'War-room',
    noIncident: 'No open incident',
    open_one: '{{count}} open incident',
    open_other: '{{count}} open incidents',
    show: 'Show War-room',
    quit: 'Quit',
  },
  openFile: {
    filterName: 'Runbooks and scenarios',
  },
};

export const shellFr: Catalogue<typeof shellEn> = {
  backup: {
    heading: 'Sauvegarde de l’espace de travail',
    intro:
      'Un seul fichier qui contient tout l’enregistrement : chaque incident, entrée de chronologie, rôle et document, venus de tous les portables synchronisés avec celui-ci. Les secrets, le jeton du hub et les réglages propres à ce portable n’y figurent jamais.',
    passphrase: 'Phrase de passe (facultative)',
    passphraseHint:
      'Avec une phrase de passe, le fichier est chiffré ; sans elle, quiconque a le fichier peut le lire. Une phrase de passe perdue ne se récupère pas.',
    passphraseConfirm: 'Retapez la phrase de passe',
    passphraseTooShort: 'Une phrase de passe compte au moins {{min}} caractères.',
    passphraseMismatch: 'Les deux phrases de passe diffèrent.',
    create: 'Télécharger une sauvegarde',
    creating: 'Préparation de la sauvegarde…',
    created_one: 'Sauvegarde de {{count}} événement venu de {{devices}} appareil(s) enregistrée sous {{file}}.',
    created_other: 'Sauvegarde de {{count}} événements venus de {{devices}} appareil(s) enregistrée sous {{file}}.',
    encrypted: 'Chiffrée avec votre phrase de passe.',
    notEncrypted: 'Non chiffrée : rangez le fichier en lieu sûr.',
    failed: 'La sauvegarde n’a pas pu être faite : {{message}}',
    restoreHeading: 'Restaurer une sauvegarde',
    restoreIntro:
      'Ajoute les événements de la sauvegarde à cet enregistrement, après avoir vérifié chacune de ses chaînes de hachage. Rien de ce qui est déjà ici n’est supprimé ; un fichier abîmé est refusé et ne change rien.',
    file: 'Fichier de sauvegarde',
    restorePassphrase: 'Sa phrase de passe, s’il en a une',
    restore: 'Restaurer',
    restoring: 'Vérification et restauration…',
    noFile: 'Choisissez d’abord un fichier de sauvegarde.',
    restored_one: 'Restauré : {{count}} événement vérifié, {{stored}} nouveau(x), sauvegarde faite {{when}}.',
    restored_other: 'Restauré : {{count}} événements vérifiés, {{stored}} nouveaux, sauvegarde faite {{when}}.',
    refused: {
      'not-a-backup': 'Ce fichier n’est pas une sauvegarde de War-room.',
      'unsupported-version':
        'Cette sauvegarde vient d’une version plus récente de War-room ; mettez l’application à jour pour la restaurer.',
      'too-large': 'Ce fichier annonce une taille qu’aucune sauvegarde ne peut avoir ; il a été refusé avant lecture.',
      truncated:
        'Cette sauvegarde est incomplète : le fichier est tronqué. Copiez-le de nouveau depuis son emplacement.',
      corrupted: 'Cette sauvegarde est abîmée : son contenu ne correspond pas à sa somme de contrôle.',
      'passphrase-required': 'Cette sauvegarde est chiffrée : donnez sa phrase de passe.',
      'wrong-passphrase': 'Cette phrase de passe n’ouvre pas la sauvegarde.',
      'broken-chain':
        'L’enregistrement de cette sauvegarde ne tient pas : un événement a été modifié, supprimé ou déplacé. Rien n’a été restauré.',
      'wrong-workspace': 'Cette sauvegarde appartient à un autre espace de travail.',
      conflict:
        'Cette sauvegarde raconte, pour un même appareil, une autre histoire que l’enregistrement d’ici. Rien n’a été restauré.',
      'no-upload': 'Le fichier n’est pas parvenu à l’hôte ; réessayez.',
    },
    refusedDetail: 'Détails : {{detail}}',
    refusedFooter: 'Rien n’a été modifié.',
  },
  menu: {
    file: 'Fichier',
    declare: 'Déclarer un incident',
    quickNote: 'Note rapide dans la chronologie',
    openFile: 'Ouvrir un runbook ou un scénario…',
    settings: 'Réglages',
    quit: 'Quitter War-room',
    edit: 'Édition',
    view: 'Affichage',
    dashboard: 'Tableau de bord',
    palette: 'Palette de commandes',
    window: 'Fenêtre',
    help: 'Aide',
    about: 'À propos de War-room',
  },
  tray: {
    tooltip: 'War-room',
    noIncident: 'Aucun incident ouvert',
    open_one: '{{count}} incident ouvert',
    open_other: '{{count}} incidents ouverts',
    show: 'Afficher War-room',
    quit: 'Quitter',
  },
  openFile: {
    filterName: 'Runbooks et scénarios',
  },
};
