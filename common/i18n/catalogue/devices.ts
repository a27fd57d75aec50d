// Strings of the devices of a workspace (Settings → Devices: who writes, who
// let whom in, revoking) and of the message a window shows when its host
// refuses what it writes, in English and French.
import type { Catalogue } from './catalogue';

export const devicesEn = {
  heading: 'Devices',
  intro:
    'Every device that writes to this record signs with a key of its own: laptops, their windows, teammates’ browsers on the LAN, the team hub. A revoked device keeps what it wrote before; everything it writes after is refused by every laptop and by the hub.',
  timeZone: 'Times are in the {{timeZone}} time zone.',
  empty: 'No device has written to this record yet.',
  columns: {
    device: 'Device',
    person: 'Person',
    kind: 'Kind',
    sponsor: 'Let in by',
    firstSeen: 'First seen',
    lastSeen: 'Last seen',
    events: 'Events',
    state: 'Revocation',
  },
  kind: {
    host: 'Laptop',
    window: 'Laptop window',
    lan: 'Teammate’s browser on the LAN',
    hub: 'Team hub',
    unsigned: 'Written before signing',
  },
  thisLaptop: 'This laptop',
  thisWindow: 'This window',
  ofThisLaptop: 'Let in by this laptop',
  /** A laptop that let a device in but has written nothing itself. */
  otherLaptop: 'Another laptop ({{device}})',
  hubPerson: 'the team hub',
  unknownPerson: 'unknown',
  none: '—',
  active: 'Active',
  revoked: 'Revoked {{when}} by {{by}}, after event #{{after}}',
  forked: 'it signed two different histories; both events are the proof, in the record',
  revoke: 'Revoke…',
  notRevocable:
    'Another laptop’s device: its owner, or the team hub’s administrator (`npm run hub -- device revoke`), revokes it.',
  confirmTitle: 'Revoke {{person}}’s device ({{kind}}, {{device}})?',
  confirmText_one:
    'The {{count}} event it wrote stays in the record. Anything it writes from now on is refused by this laptop, the hub and every other laptop. This cannot be undone.',
  confirmText_other:
    'The {{count}} events it wrote stay in the record. Anything it writes from now on is refused by this laptop, the hub and every other laptop. This cannot be undone.',
  reason: 'Reason (optional, kept in the record)',
  confirm: 'Revoke this device',
  cancel: 'Cancel',
  revoking: 'Revoking…',
  done: '{{device}} is revoked: its events after #{{after}} are refused.',
  failed: 'The device could not be revoked: {{message}}',
  refusal: {
    'unknown-device': 'This laptop holds nothing written by that device.',
    'already-revoked': 'That device is revoked already.',
    'not-sponsored':
      'This laptop did not let that device in: only its own laptop, or the team hub’s administrator, can revoke it.',
    'this-laptop':
      'A laptop does not revoke itself here: everything it writes would be refused. The team hub’s administrator revokes a lost laptop.',
  },
  blocked: {
    browserRevokedBy:
      'This browser was revoked by {{who}}: what you write here is no longer accepted and reaches nobody.',
    browserRevoked: 'This browser was revoked: what you write here is no longer accepted and reaches nobody.',
    windowRevokedBy:
      'This window was revoked by {{who}}: what you write here is no longer accepted and reaches nobody.',
    windowRevoked: 'This window was revoked: what you write here is no longer accepted and reaches nobody.',
    other:
      'The laptop refuses what you write here ({{code}}): it stays in this window and reaches nobody until the cause is fixed.',
    detail: 'Details: {{message}}',
  },
};

export const devicesFr: Catalogue<typeof devicesEn> = {
  heading: 'Appareils',
  intro:
    'Chaque appareil qui écrit dans cet enregistrement signe avec sa propre clé : les portables, leurs fenêtres, les navigateurs des coéquipiers sur le réseau local, le hub d’équipe. Un appareil révoqué garde ce qu’il a écrit avant ; tout ce qu’il écrit ensuite est refusé par chaque portable et par le hub.',
  timeZone: 'Les heures sont dans le fuseau {{timeZone}}.',
  empty: 'Aucun appareil n’a encore écrit dans cet enregistrement.',
  columns: {
    device: 'Appareil',
    person: 'Personne',
    kind: 'Type',
    sponsor: 'Admis par',
    firstSeen: 'Vu la première fois',
    lastSeen: 'Vu la dernière fois',
    events: 'Événements',
    state: 'Révocation',
  },
  kind: {
    host: 'Portable',
    window: 'Fenêtre d’un portable',
    lan: 'Navigateur d’un coéquipier sur le réseau local',
    hub: 'Hub d’équipe',
    unsigned: 'Écrit avant la signature',
  },
  thisLaptop: 'Ce portable',
  thisWindow: 'Cette fenêtre',
  ofThisLaptop: 'Admis par ce portable',
  otherLaptop: 'Un autre portable ({{device}})',
  hubPerson: 'le hub d’équipe',
  unknownPerson: 'inconnue',
  none: '—',
  active: 'Actif',
  revoked: 'Révoqué le {{when}} par {{by}}, après l’événement nº {{after}}',
  forked: 'il a signé deux historiques différents ; les deux événements en sont la preuve, dans le registre',
  revoke: 'Révoquer…',
  notRevocable:
    'Appareil d’un autre portable : son propriétaire, ou l’administrateur du hub d’équipe (`npm run hub -- device revoke`), le révoque.',
  confirmTitle: 'Révoquer l’appareil de {{person}} ({{kind}}, {{device}}) ?',
  confirmText_one:
    'L’événement qu’il a écrit ({{count}}) reste dans l’enregistrement. Tout ce qu’il écrira désormais sera refusé par ce portable, le hub et tous les autres portables. C’est irréversible.',
  confirmText_other:
    'Les {{count}} événements qu’il a écrits restent dans l’enregistrement. Tout ce qu’il écrira désormais sera refusé par ce portable, le hub et tous les autres portables. C’est irréversible.',
  reason: 'Motif (facultatif, gardé dans l’enregistrement)',
  confirm: 'Révoquer cet appareil',
  cancel: 'Annuler',
  revoking: 'Révocation…',
  done: '{{device}} est révoqué : ses événements après le nº {{after}} sont refusés.',
  failed: 'L’appareil n’a pas pu être révoqué : {{message}}',
  refusal: {
    'unknown-device': 'Ce portable ne détient rien d’écrit par cet appareil.',
    'already-revoked': 'Cet appareil est déjà révoqué.',
    'not-sponsored':
      'Ce portable n’a pas admis cet appareil : seul son propre portable, ou l’administrateur du hub d’équipe, peut le révoquer.',
    'this-laptop':
      'Un portable ne se révoque pas lui-même ici : tout ce qu’il écrirait serait refusé. L’administrateur du hub d’équipe révoque un portable perdu.',
  },
  blocked: {
    browserRevokedBy:
      'Ce navigateur a été révoqué par {{who}} : ce que vous écrivez ici n’est plus accepté et ne parvient à personne.',
    browserRevoked:
      'Ce navigateur a été révoqué : ce que vous écrivez ici n’est plus accepté et ne parvient à personne.',
    windowRevokedBy:
      'Cette fenêtre a été révoquée par {{who}} : ce que vous écrivez ici n’est plus accepté et ne parvient à personne.',
    windowRevoked:
      'Cette fenêtre a été révoquée : ce que vous écrivez ici n’est plus accepté et ne parvient à personne.',
    other:
      'Le portable refuse ce que vous écrivez ici ({{code}}) : cela reste dans cette fenêtre et ne parvient à personne tant que la cause n’est pas corrigée.',
    detail: 'Détails : {{message}}',
  },
};
