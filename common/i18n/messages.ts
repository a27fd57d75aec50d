// Every user-facing string, in English and French. The French catalogue is typed
// from the English one, so a missing or extra key fails to compile.
import type { Catalogue } from './catalogue/catalogue';
import { commsEn, commsFr } from './catalogue/comms';
import { continuityEn, continuityFr } from './catalogue/continuity';
import { dashboardEn, dashboardFr } from './catalogue/dashboard';
import { devicesEn, devicesFr } from './catalogue/devices';
import { exercisesEn, exercisesFr } from './catalogue/exercises';
import { lifecycleEn, lifecycleFr } from './catalogue/lifecycle';
import { monitorsEn, monitorsFr } from './catalogue/monitors';
import { personEn, personFr } from './catalogue/person';
import { rolesEn, rolesFr } from './catalogue/roles';
import { runbooksEn, runbooksFr } from './catalogue/runbooks';
import { shellEn, shellFr } from './catalogue/shell';
import { timelineEn, timelineFr } from './catalogue/timeline';
import type { Locale } from './locales';

const en = {
  app: {
    name: 'War-room',
    loading: 'Opening the war-room…',
    storageError: 'The local record could not be opened: {{message}}',
  },
  header: {
    language: 'Language',
    you: 'You',
    yourName: 'Your name, as it appears in the timeline',
    save: 'Save',
    hostOnline: 'Host connected',
    hostOffline: 'Host unreachable: you can keep working, everything is saved on this device.',
    settingsPending: 'Language and name not saved yet',
    settingsPendingHint:
      'Your language and name are in use in this window, and saved on the host as soon as it answers.',
    lanPeer: 'Teammate’s browser',
    lanPeerHint:
      'You joined this war-room over the LAN: you read and write the shared record. Running commands, secrets, sending messages, the hub, backups, the laptop’s own settings and starting or steering an exercise stay with the person at the laptop.',
    keptInBrowser: 'Kept in this browser: the laptop’s own language and name belong to the person at it.',
  },
  nav: { label: 'Main', dashboard: 'Dashboard', people: 'People' },
  languages: { en: 'English', fr: 'Français' },
  severity: {
    SEV1: 'SEV1 · critical',
    SEV2: 'SEV2 · major',
    SEV3: 'SEV3 · minor',
    SEV4: 'SEV4 · low',
  },
  severityHint: {
    SEV1: 'Core business stopped for many customers: sales, payment or stores.',
    SEV2: 'A key function is down or badly degraded for some customers.',
    SEV3: 'Limited impact, a workaround exists.',
    SEV4: 'No customer impact yet; worth tracking.',
  },
  kind: {
    'technical-failure': 'Technical failure',
    performance: 'Performance',
    security: 'Security',
    'human-error': 'Human error',
  },
  status: {
    investigating: 'Investigating',
    identified: 'Identified',
    monitoring: 'Monitoring',
    resolved: 'Resolved',
    closed: 'Closed',
  },
  role: {
    commander: 'Incident commander',
    deputy: 'Deputy commander',
    scribe: 'Scribe',
    communications: 'Communications lead',
    operations: 'Operations lead',
    security: 'Security lead',
    'customer-liaison': 'Customer liaison',
    'executive-liaison': 'Executive liaison',
  },
  noteKind: { note: 'Note', decision: 'Decision', action: 'Action', observation: 'Observation' },
  keyTime: {
    started: 'Started',
    detected: 'Detected',
    acknowledged: 'Acknowledged',
    mitigated: 'Mitigated',
    resolved: 'Resolved',
  },
  duration: {
    ttd: 'Time to detect',
    tta: 'Time to acknowledge',
    ttm: 'Time to mitigate',
    ttr: 'Time to resolve',
  },
  incidents: {
    title: 'Incidents',
    declare: 'Declare an incident',
    empty: 'No incident yet. When something breaks, declare it here: the clock starts at once.',
    columns: { severity: 'Severity', title: 'Title', kind: 'Type', status: 'Status', declared: 'Declared', by: 'By' },
    count_one: '{{count}} incident',
    count_other: '{{count}} incidents',
  },
  declare: {
    heading: 'Declare an incident',
    title: 'What is happening?',
    titlePlaceholder: 'e.g. Checkout returns errors on payment',
    severity: 'Severity',
    kind: 'Type',
    submit: 'Declare',
    cancel: 'Cancel',
    titleRequired: 'Say in a few words what is happening.',
    services: 'Impacted services (optional)',
    servicesPlaceholder: 'e.g. checkout, payments-api',
    servicesInvalid: 'List each service once, separated by commas, at most 50.',
    titleTooLong: 'Keep the title under {{max}} characters; details go in the timeline.',
    failed: 'The incident could not be saved: {{message}}',
  },
  incident: {
    back: 'All incidents',
    declaredBy: 'Declared {{when}} by {{actor}}',
    notFound: 'This incident is not in the record of this device.',
    timeline: 'Timeline',
    status: 'Status',
    severity: 'Severity',
    changeFailed: 'The change could not be saved: {{message}}',
    entries_one: '{{count}} entry',
    entries_other: '{{count}} entries',
  },
  timeline: timelineEn,
  lifecycle: lifecycleEn,
  roles: rolesEn,
  dashboard: dashboardEn,
  monitors: monitorsEn,
  runbooks: runbooksEn,
  comms: commsEn,
  continuity: continuityEn,
  exercises: exercisesEn,
  shell: shellEn,
  devices: devicesEn,
  person: personEn,
  sync: {
    disabled: 'This laptop only',
    disabledHint: 'No team hub joined: the record stays on this laptop. Join one in Settings.',
    connecting: 'Connecting to the hub…',
    syncing: 'Syncing…',
    online: 'Synced {{when}}',
    onlineNever: 'Synced',
    offline: 'Offline',
    refused: 'Hub refused the sync',
    refusal: {
      malformed: 'it sent something that is not an event of this version.',
      'wrong-workspace': 'an event belongs to another workspace.',
      'bad-hash': 'an event does not match its hash: it was altered.',
      'broken-chain':
        'a device’s events do not follow one another (an event or a signature was changed, or a clock runs backwards).',
      'seq-gap': 'a device’s events skip a number.',
      'seq-conflict': 'the hub holds another event at the same place in a device’s chain.',
      oversized: 'a batch was too large.',
      unauthorized: 'the token is wrong or was rotated: join the hub again.',
      unsigned: 'an event of an enrolled device is not signed.',
      'bad-signature': 'a signature, or an old chain vouched for, does not hold.',
      'wrong-device-key': 'an event is signed by another key than the one its device enrolled with.',
      'wrong-actor': 'an event is written as someone other than the person at its device.',
      'not-enrolled': 'an event comes from a device that never enrolled.',
      'not-allowed': 'an enrolment or a revocation this device may not make.',
      'device-revoked': 'an event comes from a device that was revoked.',
      'clock-ahead': 'an event’s clock runs more than 5 minutes ahead of the hub’s.',
    },
    refusedWhy: 'Hub refused the sync: {{reason}}',
    waiting_one: '{{count}} event waiting',
    waiting_other: '{{count}} events waiting',
    clock: {
      ahead: 'This computer’s clock is {{offset}} ahead: fix it, your events are held back until then.',
      behind: 'This computer’s clock is {{offset}} behind: fix it, the team’s latest events are held back until then.',
      refused:
        'The hub refuses events written while this computer’s clock ran ahead: they wait here until their time comes. Check this computer’s clock.',
      hostAhead:
        'The clock of the laptop hosting this war-room is {{offset}} ahead: until it is fixed, the events written here are held back.',
      hostBehind:
        'The clock of the laptop hosting this war-room is {{offset}} behind: until it is fixed, the team’s latest events are held back.',
      hostRefused:
        'The hub refuses events written while the clock of the laptop hosting this war-room ran ahead: they wait there until their time comes.',
      fix: 'Turn on automatic date and time in the system settings.',
    },
  },
  settings: {
    open: 'Settings',
    heading: 'Settings',
    hubHeading: 'Team hub',
    hubIntro:
      'Join your team’s hub to share this record with every laptop in the room. You keep working offline; changes go out when the network is back.',
    hubUrl: 'Hub address',
    hubUrlPlaceholder: 'e.g. https://hub.example.org',
    hubToken: 'Workspace token',
    hubTokenHint:
      'Given once by whoever created the workspace on the hub (`npm run hub -- workspace add`). It stays on this laptop, never in the record.',
    join: 'Join the hub',
    leave: 'Leave the hub',
    joined: 'Joined {{url}}',
    status: 'Status',
    lastSynced: 'Last synced',
    never: 'never',
    error: 'Last error',
    invalidUrl: 'Give an address starting with http:// or https://.',
    invalidToken: 'The token looks incomplete.',
    failed: 'The hub could not be joined: {{message}}',
  },
  cli: {
    electronMissing: 'Electron is not available here ({{reason}}); starting browser mode instead.',
    reason: {
      asked: 'WARROOM_BROWSER_MODE=1 asks for browser mode',
      'no-package': 'the electron package is not installed',
      'no-binary': 'its binary was not downloaded; `npm run electron:fetch` gets it where the network allows',
      'no-display': 'there is no graphical display: DISPLAY and WAYLAND_DISPLAY are unset',
    },
    opening: 'Opening the record (the very first start prepares its database, a few seconds)…',
    listening: 'War-room (browser mode) is running at {{url}}',
    dataDir: 'Data directory: {{dir}}',
    openBrowser: 'Open that address in a browser to use the war-room.',
    lanUrl: 'Teammates on this network open: {{url}}',
    lanWarning:
      'LAN mode: anyone with that address, token included, can read and write this war-room. Share it only with the team.',
    portTaken: 'Port {{port}} is taken; using {{next}}. Data kept by your browser for the old address stays there.',
  },
  lan: {
    refusal: {
      'exercise-laptop-only':
        'Only the person at the facilitator’s laptop can start or steer the exercise (pause, speed, live actions, injects, end); you follow it from this browser.',
      'settings-laptop-only':
        'The laptop’s language and name belong to the person at it; yours are kept in this browser.',
      'devices-laptop-only':
        'Only the person at the laptop revokes the devices it let in; you see them from this browser.',
    },
    hubLaptopOnly:
      'Only the person at the laptop joins or leaves a team hub; this browser shares whatever the laptop shares.',
  },
} as const;

export type Messages = Catalogue<typeof en>;

const fr: Messages = {
  app: {
    name: 'War-room',
    loading: 'Ouverture de la salle de crise…',
    storageError: 'L’enregistrement local n’a pas pu être ouvert : {{message}}',
  },
  header: {
    language: 'Langue',
    you: 'Vous',
    yourName: 'Votre nom, tel qu’il apparaît dans la chronologie',
    save: 'Enregistrer',
    hostOnline: 'Hôte connecté',
    hostOffline: 'Hôte injoignable : vous pouvez continuer, tout est enregistré sur cet appareil.',
    settingsPending: 'Langue et nom pas encore enregistrés',
    settingsPendingHint:
      'Votre langue et votre nom servent déjà dans cette fenêtre ; ils seront enregistrés sur l’hôte dès qu’il répondra.',
    lanPeer: 'Navigateur d’un coéquipier',
    lanPeerHint:
      'Vous avez rejoint cette salle de crise par le réseau local : vous lisez et écrivez le registre commun. Lancer des commandes, les secrets, l’envoi des messages, le hub, les sauvegardes, les réglages propres au portable, démarrer ou piloter un exercice restent à la personne devant le portable.',
    keptInBrowser:
      'Gardés dans ce navigateur : la langue et le nom du portable appartiennent à la personne qui est devant.',
  },
  nav: { label: 'Principal', dashboard: 'Tableau de bord', people: 'Personnes' },
  languages: { en: 'English', fr: 'Français' },
  severity: {
    SEV1: 'SEV1 · critique',
    SEV2: 'SEV2 · majeur',
    SEV3: 'SEV3 · mineur',
    SEV4: 'SEV4 · faible',
  },
  severityHint: {
    SEV1: 'Activité essentielle à l’arrêt pour de nombreux clients : ventes, paiement ou magasins.',
    SEV2: 'Une fonction clé est indisponible ou très dégradée pour une partie des clients.',
    SEV3: 'Impact limité, un contournement existe.',
    SEV4: 'Pas encore d’impact client ; à suivre.',
  },
  kind: {
    'technical-failure': 'Panne technique',
    performance: 'Performance',
    security: 'Sécurité',
    'human-error': 'Erreur humaine',
  },
  status: {
    investigating: 'Investigation',
    identified: 'Cause identifiée',
    monitoring: 'Surveillance',
    resolved: 'Résolu',
    closed: 'Clos',
  },
  role: {
    commander: 'Responsable de l’incident',
    deputy: 'Adjoint au responsable',
    scribe: 'Scribe',
    communications: 'Responsable communication',
    operations: 'Responsable des opérations',
    security: 'Responsable sécurité',
    'customer-liaison': 'Liaison clients',
    'executive-liaison': 'Liaison direction',
  },
  noteKind: { note: 'Note', decision: 'Décision', action: 'Action', observation: 'Observation' },
  keyTime: {
    started: 'Début',
    detected: 'Détection',
    acknowledged: 'Prise en charge',
    mitigated: 'Atténuation',
    resolved: 'Résolution',
  },
  duration: {
    ttd: 'Délai de détection',
    tta: 'Délai de prise en charge',
    ttm: 'Délai d’atténuation',
    ttr: 'Délai de résolution',
  },
  incidents: {
    title: 'Incidents',
    declare: 'Déclarer un incident',
    empty:
      'Aucun incident pour l’instant. Quand quelque chose casse, déclarez-le ici : le chronomètre démarre aussitôt.',
    columns: { severity: 'Gravité', title: 'Titre', kind: 'Type', status: 'Statut', declared: 'Déclaré', by: 'Par' },
    count_one: '{{count}} incident',
    count_other: '{{count}} incidents',
  },
  declare: {
    heading: 'Déclarer un incident',
    title: 'Que se passe-t-il ?',
    titlePlaceholder: 'ex. : le paiement échoue à la validation du panier',
    severity: 'Gravité',
    kind: 'Type',
    submit: 'Déclarer',
    cancel: 'Annuler',
    titleRequired: 'Dites en quelques mots ce qui se passe.',
    services: 'Services touchés (facultatif)',
    servicesPlaceholder: 'ex. paiement, api-commandes',
    servicesInvalid: 'Citez chaque service une fois, séparés par des virgules, 50 au plus.',
    titleTooLong: 'Le titre tient en moins de {{max}} caractères ; les détails vont dans la chronologie.',
    failed: 'L’incident n’a pas pu être enregistré : {{message}}',
  },
  incident: {
    back: 'Tous les incidents',
    declaredBy: 'Déclaré {{when}} par {{actor}}',
    notFound: 'Cet incident ne figure pas dans l’enregistrement de cet appareil.',
    timeline: 'Chronologie',
    status: 'Statut',
    severity: 'Gravité',
    changeFailed: 'La modification n’a pas pu être enregistrée : {{message}}',
    entries_one: '{{count}} entrée',
    entries_other: '{{count}} entrées',
  },
  timeline: timelineFr,
  lifecycle: lifecycleFr,
  roles: rolesFr,
  dashboard: dashboardFr,
  monitors: monitorsFr,
  runbooks: runbooksFr,
  comms: commsFr,
  continuity: continuityFr,
  exercises: exercisesFr,
  shell: shellFr,
  devices: devicesFr,
  person: personFr,
  sync: {
    disabled: 'Ce portable seulement',
    disabledHint:
      'Aucun hub d’équipe rejoint : l’enregistrement reste sur ce portable. Rejoignez-en un dans les Réglages.',
    connecting: 'Connexion au hub…',
    syncing: 'Synchronisation…',
    online: 'Synchronisé {{when}}',
    onlineNever: 'Synchronisé',
    offline: 'Hors ligne',
    refused: 'Le hub a refusé la synchronisation',
    refusal: {
      malformed: 'il a reçu autre chose qu’un événement de cette version.',
      'wrong-workspace': 'un événement appartient à un autre espace de travail.',
      'bad-hash': 'un événement ne correspond pas à son empreinte : il a été modifié.',
      'broken-chain':
        'les événements d’un appareil ne se suivent pas (un événement ou une signature a été changé, ou une horloge recule).',
      'seq-gap': 'les événements d’un appareil sautent un numéro.',
      'seq-conflict': 'le hub détient un autre événement à la même place dans la chaîne d’un appareil.',
      oversized: 'un lot était trop gros.',
      unauthorized: 'le jeton est faux ou a été renouvelé : rejoignez le hub de nouveau.',
      unsigned: 'un événement d’un appareil enrôlé n’est pas signé.',
      'bad-signature': 'une signature, ou une ancienne chaîne dont on s’est porté garant, ne tient pas.',
      'wrong-device-key': 'un événement est signé par une autre clé que celle avec laquelle son appareil s’est enrôlé.',
      'wrong-actor': 'un événement est écrit au nom d’une autre personne que celle de son appareil.',
      'not-enrolled': 'un événement vient d’un appareil qui ne s’est jamais enrôlé.',
      'not-allowed': 'un enrôlement ou une révocation que cet appareil n’a pas le droit de faire.',
      'device-revoked': 'un événement vient d’un appareil révoqué.',
      'clock-ahead': 'l’horloge d’un événement avance de plus de 5 minutes sur celle du hub.',
    },
    refusedWhy: 'Le hub a refusé la synchronisation : {{reason}}',
    waiting_one: '{{count}} événement en attente',
    waiting_other: '{{count}} événements en attente',
    clock: {
      ahead: 'L’horloge de cet ordinateur avance de {{offset}} : corrigez-la, vos événements sont retenus d’ici là.',
      behind:
        'L’horloge de cet ordinateur retarde de {{offset}} : corrigez-la, les derniers événements de l’équipe sont retenus d’ici là.',
      refused:
        'Le hub refuse les événements écrits pendant que l’horloge de cet ordinateur avançait : ils attendent ici que leur heure vienne. Vérifiez l’horloge de cet ordinateur.',
      hostAhead:
        'L’horloge du portable qui héberge cette salle de crise avance de {{offset}} : tant qu’elle n’est pas corrigée, les événements écrits ici sont retenus.',
      hostBehind:
        'L’horloge du portable qui héberge cette salle de crise retarde de {{offset}} : tant qu’elle n’est pas corrigée, les derniers événements de l’équipe sont retenus.',
      hostRefused:
        'Le hub refuse les événements écrits pendant que l’horloge du portable qui héberge cette salle de crise avançait : ils y attendent que leur heure vienne.',
      fix: 'Activez la date et l’heure automatiques dans les réglages du système.',
    },
  },
  settings: {
    open: 'Réglages',
    heading: 'Réglages',
    hubHeading: 'Hub d’équipe',
    hubIntro:
      'Rejoignez le hub de votre équipe pour partager cet enregistrement avec tous les portables de la salle. Vous continuez hors ligne ; les changements partent dès que le réseau revient.',
    hubUrl: 'Adresse du hub',
    hubUrlPlaceholder: 'ex. : https://hub.exemple.org',
    hubToken: 'Jeton de l’espace de travail',
    hubTokenHint:
      'Donné une fois par la personne qui a créé l’espace sur le hub (`npm run hub -- workspace add`). Il reste sur ce portable, jamais dans l’enregistrement.',
    join: 'Rejoindre le hub',
    leave: 'Quitter le hub',
    joined: 'Hub rejoint : {{url}}',
    status: 'État',
    lastSynced: 'Dernière synchronisation',
    never: 'jamais',
    error: 'Dernière erreur',
    invalidUrl: 'Donnez une adresse qui commence par http:// ou https://.',
    invalidToken: 'Le jeton semble incomplet.',
    failed: 'Le hub n’a pas pu être rejoint : {{message}}',
  },
  cli: {
    electronMissing: 'Electron n’est pas disponible ici ({{reason}}) ; démarrage en mode navigateur.',
    reason: {
      asked: 'WARROOM_BROWSER_MODE=1 demande le mode navigateur',
      'no-package': 'le paquet electron n’est pas installé',
      'no-binary':
        'son binaire n’a pas été téléchargé ; `npm run electron:fetch` le récupère là où le réseau le permet',
      'no-display': 'aucun affichage graphique : DISPLAY et WAYLAND_DISPLAY ne sont pas définis',
    },
    opening: 'Ouverture du registre (au tout premier démarrage, sa base se prépare en quelques secondes)…',
    listening: 'War-room (mode navigateur) est disponible sur {{url}}',
    dataDir: 'Dossier de données : {{dir}}',
    openBrowser: 'Ouvrez cette adresse dans un navigateur pour utiliser la salle de crise.',
    lanUrl: 'Sur ce réseau, l’équipe ouvre : {{url}}',
    lanWarning:
      'Mode réseau local : quiconque a cette adresse, jeton compris, peut lire et écrire dans cette salle de crise. Ne la partagez qu’avec l’équipe.',
    portTaken:
      'Le port {{port}} est pris ; utilisation du {{next}}. Les données gardées par votre navigateur pour l’ancienne adresse y restent.',
  },
  lan: {
    refusal: {
      'exercise-laptop-only':
        'Seule la personne devant le portable de l’animateur peut démarrer ou piloter l’exercice (pause, vitesse, actions réelles, injections, fin) ; vous le suivez depuis ce navigateur.',
      'settings-laptop-only':
        'La langue et le nom du portable appartiennent à la personne qui est devant ; les vôtres sont gardés dans ce navigateur.',
      'devices-laptop-only':
        'Seule la personne devant le portable révoque les appareils qu’il a admis ; vous les voyez depuis ce navigateur.',
    },
    hubLaptopOnly:
      'Seule la personne devant le portable peut rejoindre ou quitter un hub d’équipe ; ce navigateur partage ce que le portable partage.',
  },
};

export const messages: Record<Locale, Messages> = { en, fr };

/**
 * Looks up a dotted key and fills `{{name}}` placeholders. For the host's few
 * lines of text; the renderer uses i18next over the same catalogues.
 */
export function translate(locale: Locale, key: string, values: Record<string, string | number> = {}): string {
  let node: unknown = messages[locale];
  for (const part of key.split('.')) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  }
  if (typeof node !== 'string') return key;
  return node.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
