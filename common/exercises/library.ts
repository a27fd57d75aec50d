// The built-in exercise scenarios, in English and French, written for this
// product from the situations of the seed articles: Black Friday saturating
// the database, a DDoS on the shop, ransomware and a restore from backup, the
// payment provider down, stores unable to sell, a bad configuration change and
// a data leak through SQL injection. Target times follow the built-in business
// processes (common/continuity/process-library.ts): payment back within its
// one-hour RTO, online sales within two hours, order management within four.
// Monitor names, senders and runbook ids are examples a team adapts.
import type { ScenarioInput } from './scenario-schema';

const tx = (en: string, fr: string) => ({ en, fr });

const MINUTE = 60;
const HOUR = 3_600;

/** The opening every SEV1 drill measures: declared in 5 minutes, a commander in 10. */
const declareIn5 = {
  id: 'declare',
  kind: 'declare',
  targetSeconds: 5 * MINUTE,
  label: tx('Declare the incident within 5 minutes', 'Déclarer l’incident sous 5 minutes'),
} as const;

const commanderIn10 = {
  id: 'commander',
  kind: 'assign-role',
  role: 'commander',
  targetSeconds: 10 * MINUTE,
  label: tx('Name an incident commander within 10 minutes', 'Nommer un responsable d’incident sous 10 minutes'),
} as const;

const customersIn15 = {
  id: 'first-customer-message',
  kind: 'message',
  audience: 'customers',
  targetSeconds: 15 * MINUTE,
  label: tx('First message to customers within 15 minutes', 'Premier message aux clients sous 15 minutes'),
} as const;

export const BUILT_IN_SCENARIOS: readonly ScenarioInput[] = [
  {
    id: 'black-friday-database',
    title: tx('Black Friday: the database saturates', 'Black Friday : la base de données sature'),
    summary: tx(
      'Black Friday morning. Traffic is five times a normal day, the orders database runs out of connections and the checkout slows to a crawl, then fails. Large retailers have gone down on this very day although they knew the peak was coming.',
      'Matin du Black Friday. Le trafic vaut cinq fois celui d’un jour ordinaire, la base des commandes n’a plus de connexions libres et la validation du panier ralentit, puis échoue. De grandes enseignes sont tombées ce jour précis alors qu’elles savaient le pic annoncé.',
    ),
    objectives: [
      tx(
        'Tell a traffic peak from an attack before acting on it.',
        'Distinguer un pic de trafic d’une attaque avant d’agir.',
      ),
      tx(
        'Relieve the database while keeping the checkout open.',
        'Soulager la base de données en gardant le panier ouvert.',
      ),
      tx(
        'Keep customers informed while carts are being abandoned.',
        'Tenir les clients informés pendant que les paniers sont abandonnés.',
      ),
      tx('Restore online sales within their 2-hour RTO.', 'Rétablir la vente en ligne dans son RTO de 2 heures.'),
    ],
    roles: ['commander', 'operations', 'communications', 'scribe'],
    durationMinutes: 90,
    incident: {
      title: tx(
        'Checkout slow then failing under Black Friday load',
        'Panier lent puis en échec sous la charge du Black Friday',
      ),
      severity: 'SEV1',
      kind: 'performance',
      services: ['web-shop', 'checkout', 'orders-db'],
      processes: ['online-sales', 'order-management'],
    },
    injects: [
      {
        id: 'checkout-slow',
        offsetSeconds: 0,
        kind: 'monitor-slow',
        monitor: 'Checkout API',
        latencyMs: 8_000,
        text: tx(
          'The checkout API answers in 8 seconds instead of 300 ms.',
          'L’API de validation du panier répond en 8 secondes au lieu de 300 ms.',
        ),
      },
      {
        id: 'db-alert',
        offsetSeconds: 3 * MINUTE,
        kind: 'alert',
        source: 'Database monitoring',
        text: tx(
          'Orders database: 100% of connections in use, queries queueing.',
          'Base des commandes : 100 % des connexions utilisées, les requêtes s’empilent.',
        ),
      },
      {
        id: 'checkout-down',
        offsetSeconds: 8 * MINUTE,
        kind: 'monitor-down',
        monitor: 'Checkout API',
        text: tx('The checkout now returns 503 errors.', 'La validation du panier renvoie désormais des erreurs 503.'),
      },
      {
        id: 'sales-director',
        offsetSeconds: 12 * MINUTE,
        kind: 'stakeholder-message',
        from: tx('Sales director', 'Directrice commerciale'),
        channel: 'chat',
        text: tx(
          'Carts are piling up and nobody pays. Online sales make 50,000 euros a day, and today is worth five. When is it back?',
          'Les paniers s’accumulent et personne ne paie. La vente en ligne fait 50 000 euros par jour, et aujourd’hui en vaut cinq. Quand est-ce que ça revient ?',
        ),
      },
      {
        id: 'is-it-ddos',
        offsetSeconds: 20 * MINUTE,
        kind: 'question',
        to: 'operations',
        text: tx(
          'The traffic comes from real customers with full carts. Is this an attack or a peak, and what does that change?',
          'Le trafic vient de vrais clients aux paniers pleins. Attaque ou pic, et qu’est-ce que cela change ?',
        ),
      },
      {
        id: 'replica-lag',
        offsetSeconds: 35 * MINUTE,
        kind: 'complication',
        text: tx(
          'The read replica you moved traffic to is now 10 minutes behind: stock shown on the site is wrong.',
          'Le réplica en lecture vers lequel le trafic a été déplacé a 10 minutes de retard : le stock affiché est faux.',
        ),
      },
      {
        id: 'checkout-up',
        offsetSeconds: 60 * MINUTE,
        kind: 'monitor-up',
        monitor: 'Checkout API',
        text: tx('The checkout answers normally again.', 'La validation du panier répond de nouveau normalement.'),
      },
    ],
    expected: [
      declareIn5,
      commanderIn10,
      customersIn15,
      {
        id: 'runbook',
        kind: 'runbook-started',
        runbook: 'slow-checkout',
        targetSeconds: 15 * MINUTE,
        label: tx('Start the “Slow checkout” runbook', 'Démarrer la procédure « Panier lent »'),
      },
      {
        id: 'restored',
        kind: 'restored',
        process: 'online-sales',
        targetSeconds: 2 * HOUR,
        label: tx('Restore online sales within the 2-hour RTO', 'Rétablir la vente en ligne dans le RTO de 2 heures'),
      },
    ],
  },
  {
    id: 'ddos-shop',
    title: tx('DDoS on the online shop', 'DDoS sur la boutique en ligne'),
    summary: tx(
      'A flood of requests from thousands of addresses takes the public shop down. Customer-facing sites live on the open internet and drive sales even for purchases finished in store.',
      'Un déluge de requêtes venues de milliers d’adresses fait tomber la boutique publique. Les sites clients vivent sur l’internet public et portent les ventes, même celles conclues en magasin.',
    ),
    objectives: [
      tx(
        'Confirm the attack from the evidence, not from a hunch.',
        'Confirmer l’attaque par les preuves, pas par intuition.',
      ),
      tx(
        'Filter at the edge and shed load without blocking real customers.',
        'Filtrer en bordure et délester sans bloquer les vrais clients.',
      ),
      tx(
        'Keep evidence for the authorities and the provider.',
        'Garder les preuves pour les autorités et le fournisseur.',
      ),
      tx('Answer the press with one consistent message.', 'Répondre à la presse d’une seule voix.'),
    ],
    roles: ['commander', 'security', 'operations', 'communications'],
    durationMinutes: 75,
    incident: {
      title: tx('Shop unreachable: suspected DDoS', 'Boutique injoignable : DDoS suspecté'),
      severity: 'SEV1',
      kind: 'security',
      services: ['web-shop', 'cdn'],
      processes: ['online-sales'],
    },
    injects: [
      {
        id: 'shop-down',
        offsetSeconds: 0,
        kind: 'monitor-down',
        monitor: 'Web shop',
        text: tx(
          'The home page times out from every probe location.',
          'La page d’accueil ne répond plus depuis aucun point de mesure.',
        ),
      },
      {
        id: 'traffic-alert',
        offsetSeconds: 2 * MINUTE,
        kind: 'alert',
        source: 'CDN',
        text: tx(
          'Requests per second up 40 times, from 12,000 addresses, all on the search page.',
          'Requêtes par seconde multipliées par 40, depuis 12 000 adresses, toutes sur la page de recherche.',
        ),
      },
      {
        id: 'ransom-note',
        offsetSeconds: 10 * MINUTE,
        kind: 'stakeholder-message',
        from: tx('Unknown sender', 'Expéditeur inconnu'),
        channel: 'email',
        text: tx(
          'Pay 2 bitcoins and the attack stops. Otherwise it goes on all weekend.',
          'Payez 2 bitcoins et l’attaque s’arrête. Sinon elle continue tout le week-end.',
        ),
      },
      {
        id: 'journalist',
        offsetSeconds: 25 * MINUTE,
        kind: 'journalist-message',
        from: tx('A tech reporter', 'Un journaliste tech'),
        channel: 'social',
        text: tx(
          'Your shop has been down for half an hour. Have you been hacked? Is customer data at risk?',
          'Votre boutique est en panne depuis une demi-heure. Avez-vous été piratés ? Les données clients sont-elles en danger ?',
        ),
      },
      {
        id: 'filter-blocks-customers',
        offsetSeconds: 35 * MINUTE,
        kind: 'complication',
        text: tx(
          'The new edge rule blocks a whole mobile operator: customer service gets calls from real buyers.',
          'La nouvelle règle en bordure bloque tout un opérateur mobile : le service client reçoit des appels de vrais acheteurs.',
        ),
      },
      {
        id: 'shop-up',
        offsetSeconds: 50 * MINUTE,
        kind: 'monitor-up',
        monitor: 'Web shop',
        text: tx('The shop answers again behind the filtering.', 'La boutique répond de nouveau derrière le filtrage.'),
      },
    ],
    expected: [
      declareIn5,
      commanderIn10,
      {
        id: 'runbook',
        kind: 'runbook-started',
        runbook: 'ddos',
        targetSeconds: 10 * MINUTE,
        label: tx('Start the “DDoS” runbook', 'Démarrer la procédure « DDoS »'),
      },
      {
        id: 'ransom-decision',
        kind: 'note-kind',
        noteKind: 'decision',
        targetSeconds: 20 * MINUTE,
        label: tx('Record the decision on the ransom demand', 'Consigner la décision sur la demande de rançon'),
      },
      {
        id: 'public-statement',
        kind: 'message',
        audience: 'social',
        targetSeconds: 35 * MINUTE,
        label: tx('Answer publicly on social networks', 'Répondre publiquement sur les réseaux sociaux'),
      },
      {
        id: 'restored',
        kind: 'restored',
        process: 'online-sales',
        targetSeconds: 2 * HOUR,
        label: tx('Restore online sales within the 2-hour RTO', 'Rétablir la vente en ligne dans le RTO de 2 heures'),
      },
    ],
  },
  {
    id: 'ransomware-restore',
    title: tx('Ransomware: restore from backup', 'Rançongiciel : restaurer depuis les sauvegardes'),
    summary: tx(
      'The order management servers are encrypted overnight. The team must isolate them, choose the backup to restore from (full, incremental or differential), accept a data loss within the 2-hour RPO and reopen within the 4-hour RTO.',
      'Les serveurs de gestion des commandes sont chiffrés pendant la nuit. L’équipe doit les isoler, choisir la sauvegarde à restaurer (complète, incrémentale ou différentielle), accepter une perte de données dans le RPO de 2 heures et rouvrir dans le RTO de 4 heures.',
    ),
    objectives: [
      tx(
        'Contain the infection before restoring anything.',
        'Contenir l’infection avant de restaurer quoi que ce soit.',
      ),
      tx(
        'Restore from an offsite backup known to be clean, and check it.',
        'Restaurer depuis une sauvegarde hors site saine, et la vérifier.',
      ),
      tx('Measure the data lost against the RPO.', 'Mesurer la perte de données au regard du RPO.'),
      tx('Keep executives and customers informed.', 'Tenir la direction et les clients informés.'),
    ],
    roles: ['commander', 'security', 'operations', 'communications', 'executive-liaison'],
    durationMinutes: 120,
    incident: {
      title: tx('Order management encrypted by ransomware', 'Gestion des commandes chiffrée par un rançongiciel'),
      severity: 'SEV1',
      kind: 'security',
      services: ['orders-api', 'orders-db', 'back-office'],
      processes: ['order-management', 'shipping'],
    },
    injects: [
      {
        id: 'orders-down',
        offsetSeconds: 0,
        kind: 'monitor-down',
        monitor: 'Orders API',
        text: tx('The orders API returns 500 on every call.', 'L’API des commandes renvoie 500 à chaque appel.'),
      },
      {
        id: 'warehouse-call',
        offsetSeconds: 4 * MINUTE,
        kind: 'phone-call',
        from: tx('Warehouse manager', 'Responsable de l’entrepôt'),
        text: tx(
          'Our screens show a red page asking for payment, and the files end in .locked. Nothing ships this morning.',
          'Nos écrans affichent une page rouge qui réclame un paiement, et les fichiers finissent en .locked. Rien ne part ce matin.',
        ),
      },
      {
        id: 'backup-question',
        offsetSeconds: 20 * MINUTE,
        kind: 'question',
        to: 'operations',
        text: tx(
          'The last full backup is from Sunday, incrementals run every hour, a differential every night. Which do you restore, and how long will it take?',
          'La dernière sauvegarde complète date de dimanche, une incrémentale tourne chaque heure, une différentielle chaque nuit. Laquelle restaurez-vous, et en combien de temps ?',
        ),
      },
      {
        id: 'backup-encrypted',
        offsetSeconds: 35 * MINUTE,
        kind: 'complication',
        text: tx(
          'The backup share mounted on the servers is encrypted too. Only the offsite copy is left.',
          'Le partage de sauvegarde monté sur les serveurs est chiffré lui aussi. Il ne reste que la copie hors site.',
        ),
      },
      {
        id: 'ceo',
        offsetSeconds: 45 * MINUTE,
        kind: 'stakeholder-message',
        from: tx('Chief executive', 'Directeur général'),
        channel: 'phone',
        text: tx(
          'Should we pay? I need a recommendation and what we tell customers, in 15 minutes.',
          'Faut-il payer ? J’ai besoin d’une recommandation et de ce que l’on dit aux clients, dans 15 minutes.',
        ),
      },
      {
        id: 'orders-up',
        offsetSeconds: 100 * MINUTE,
        kind: 'monitor-up',
        monitor: 'Orders API',
        text: tx(
          'The orders API answers again on the restored servers.',
          'L’API des commandes répond de nouveau sur les serveurs restaurés.',
        ),
      },
    ],
    expected: [
      declareIn5,
      commanderIn10,
      {
        id: 'runbook',
        kind: 'runbook-started',
        runbook: 'restore-from-backup',
        targetSeconds: 30 * MINUTE,
        label: tx(
          'Start the “Restore from backup” runbook',
          'Démarrer la procédure « Restauration depuis sauvegarde »',
        ),
      },
      {
        id: 'verify',
        kind: 'runbook-step-done',
        runbook: 'restore-from-backup',
        step: 'verify',
        targetSeconds: 3 * HOUR,
        label: tx('Check the restored data before reopening', 'Vérifier les données restaurées avant de rouvrir'),
      },
      {
        id: 'executives',
        kind: 'message',
        audience: 'executives',
        targetSeconds: 60 * MINUTE,
        label: tx('Brief the executives with a recommendation', 'Informer la direction avec une recommandation'),
      },
      {
        id: 'restored',
        kind: 'restored',
        process: 'order-management',
        targetSeconds: 4 * HOUR,
        label: tx(
          'Restore order management within the 4-hour RTO',
          'Rétablir la gestion des commandes dans le RTO de 4 heures',
        ),
      },
    ],
  },
  {
    id: 'payment-provider-outage',
    title: tx('Payment provider outage', 'Panne du prestataire de paiement'),
    summary: tx(
      'The payment provider stops authorising cards. Payment has the tightest objectives of the shop: a 1-hour RTO and about 75,000 euros a day. The way out is the second gateway, kept ready for this.',
      'Le prestataire de paiement n’autorise plus les cartes. Le paiement a les objectifs les plus serrés de la boutique : un RTO d’une heure et environ 75 000 euros par jour. L’issue est la seconde passerelle, tenue prête pour cela.',
    ),
    objectives: [
      tx(
        'Confirm the fault is at the provider, not in the shop.',
        'Confirmer que la panne vient du prestataire, pas de la boutique.',
      ),
      tx(
        'Switch to the second payment gateway within the hour.',
        'Basculer vers la seconde passerelle de paiement dans l’heure.',
      ),
      tx('Tell customers whose payments failed what to do.', 'Dire aux clients dont le paiement a échoué quoi faire.'),
    ],
    roles: ['commander', 'operations', 'communications', 'customer-liaison'],
    durationMinutes: 60,
    incident: {
      title: tx('Card payments declined at checkout', 'Paiements par carte refusés à la validation'),
      severity: 'SEV1',
      kind: 'technical-failure',
      services: ['checkout', 'payment-gateway'],
      processes: ['payment'],
    },
    injects: [
      {
        id: 'psp-down',
        offsetSeconds: 0,
        kind: 'monitor-down',
        monitor: 'Payment gateway',
        text: tx(
          'Authorisation calls to the provider time out after 30 seconds.',
          'Les demandes d’autorisation au prestataire expirent après 30 secondes.',
        ),
      },
      {
        id: 'support-flood',
        offsetSeconds: 5 * MINUTE,
        kind: 'stakeholder-message',
        from: tx('Customer service lead', 'Responsable du service client'),
        channel: 'chat',
        text: tx(
          'Forty calls in five minutes: customers were charged but got no order confirmation.',
          'Quarante appels en cinq minutes : des clients ont été débités sans confirmation de commande.',
        ),
      },
      {
        id: 'status-page',
        offsetSeconds: 12 * MINUTE,
        kind: 'alert',
        source: 'Provider status page',
        text: tx(
          'The provider announces a major incident, no time of recovery given.',
          'Le prestataire annonce un incident majeur, sans heure de rétablissement.',
        ),
      },
      {
        id: 'switch-question',
        offsetSeconds: 20 * MINUTE,
        kind: 'question',
        to: 'commander',
        text: tx(
          'Switching gateways means customers re-enter their cards and fraud rules differ. Do you switch now or wait?',
          'Changer de passerelle oblige les clients à ressaisir leur carte et les règles anti-fraude diffèrent. Basculer maintenant ou attendre ?',
        ),
      },
      {
        id: 'double-charge',
        offsetSeconds: 40 * MINUTE,
        kind: 'complication',
        text: tx(
          'The provider comes back briefly and replays its queue: some customers are charged twice.',
          'Le prestataire revient brièvement et rejoue sa file : certains clients sont débités deux fois.',
        ),
      },
    ],
    expected: [
      declareIn5,
      commanderIn10,
      customersIn15,
      {
        id: 'switch',
        kind: 'runbook-step-done',
        runbook: 'payment-outage',
        step: 'switch',
        targetSeconds: 30 * MINUTE,
        label: tx('Switch to the second gateway', 'Basculer vers la seconde passerelle'),
      },
      {
        id: 'restored',
        kind: 'restored',
        process: 'payment',
        targetSeconds: HOUR,
        label: tx('Restore payment within the 1-hour RTO', 'Rétablir le paiement dans le RTO d’une heure'),
      },
    ],
  },
  {
    id: 'pos-offline',
    title: tx('Points of sale offline', 'Caisses hors ligne'),
    summary: tx(
      'On a Saturday afternoon the tills of a dozen stores lose their link to the central system. A store cannot sell when its point of sale stops: the network, the power and the central service all play a part.',
      'Un samedi après-midi, les caisses d’une douzaine de magasins perdent le lien avec le système central. Un magasin ne peut pas vendre quand sa caisse s’arrête : le réseau, l’alimentation et le service central y jouent tous un rôle.',
    ),
    objectives: [
      tx(
        'Find the scope: which stores, which tills, since when.',
        'Cerner l’étendue : quels magasins, quelles caisses, depuis quand.',
      ),
      tx('Put stores in offline selling mode safely.', 'Passer les magasins en vente hors ligne sans risque.'),
      tx('Keep store managers informed from one place.', 'Informer les directeurs de magasin depuis un seul endroit.'),
    ],
    roles: ['commander', 'operations', 'communications', 'scribe'],
    durationMinutes: 60,
    incident: {
      title: tx('Tills offline in several stores', 'Caisses hors ligne dans plusieurs magasins'),
      severity: 'SEV2',
      kind: 'technical-failure',
      services: ['pos-central', 'store-network'],
      processes: [],
    },
    injects: [
      {
        id: 'pos-down',
        offsetSeconds: 0,
        kind: 'monitor-down',
        monitor: 'POS central service',
        text: tx(
          'Heartbeats from 12 stores stopped at the same minute.',
          'Les signaux de vie de 12 magasins se sont arrêtés à la même minute.',
        ),
      },
      {
        id: 'store-call',
        offsetSeconds: 3 * MINUTE,
        kind: 'phone-call',
        from: tx('Lyon store manager', 'Directrice du magasin de Lyon'),
        text: tx(
          'Queues at every till, cards refused, people leave their baskets. Can we take cash only?',
          'Des files à toutes les caisses, les cartes sont refusées, les clients abandonnent leurs paniers. Peut-on prendre uniquement les espèces ?',
        ),
      },
      {
        id: 'provider-link',
        offsetSeconds: 10 * MINUTE,
        kind: 'alert',
        source: 'Network provider',
        text: tx(
          'Planned maintenance on the regional link overran by two hours.',
          'La maintenance programmée sur le lien régional a débordé de deux heures.',
        ),
      },
      {
        id: 'stock-question',
        offsetSeconds: 20 * MINUTE,
        kind: 'question',
        to: 'operations',
        text: tx(
          'Sales made offline do not update stock. How will you reconcile it tonight?',
          'Les ventes hors ligne ne mettent pas le stock à jour. Comment le rapprocherez-vous ce soir ?',
        ),
      },
      {
        id: 'pos-up',
        offsetSeconds: 45 * MINUTE,
        kind: 'monitor-up',
        monitor: 'POS central service',
        text: tx('Stores reconnect one after another.', 'Les magasins se reconnectent les uns après les autres.'),
      },
    ],
    expected: [
      declareIn5,
      commanderIn10,
      {
        id: 'runbook',
        kind: 'runbook-started',
        runbook: 'pos-outage',
        targetSeconds: 10 * MINUTE,
        label: tx('Start the “Points of sale down” runbook', 'Démarrer la procédure « Caisses en panne »'),
      },
      {
        id: 'stores-told',
        kind: 'message',
        audience: 'internal',
        targetSeconds: 15 * MINUTE,
        label: tx('Tell the store managers what to do', 'Dire aux directeurs de magasin quoi faire'),
      },
      {
        id: 'offline-mode',
        kind: 'runbook-step-done',
        runbook: 'pos-outage',
        step: 'offline-mode',
        targetSeconds: 20 * MINUTE,
        label: tx('Put the stores in offline selling mode', 'Passer les magasins en vente hors ligne'),
      },
    ],
  },
  {
    id: 'bad-config-change',
    title: tx('A bad configuration change', 'Un mauvais changement de configuration'),
    summary: tx(
      'A routine change to the shop’s cache settings goes out on a Tuesday afternoon and half the product pages start showing other customers’ carts. Human error is often overlooked, and clear procedures are the defence.',
      'Un changement de routine des réglages du cache part en production un mardi après-midi et la moitié des pages produit affichent le panier d’autres clients. L’erreur humaine est souvent négligée, et des procédures claires sont la parade.',
    ),
    objectives: [
      tx('Link the symptom to the recent change quickly.', 'Relier rapidement le symptôme au changement récent.'),
      tx(
        'Freeze changes and roll back rather than fix forward under pressure.',
        'Geler les changements et revenir en arrière plutôt que corriger à chaud.',
      ),
      tx('Judge whether personal data was exposed.', 'Juger si des données personnelles ont été exposées.'),
    ],
    roles: ['commander', 'operations', 'security', 'scribe'],
    durationMinutes: 45,
    incident: {
      title: tx('Product pages show other customers’ carts', 'Les pages produit affichent le panier d’autres clients'),
      severity: 'SEV2',
      kind: 'human-error',
      services: ['web-shop', 'cache'],
      processes: ['online-sales'],
    },
    injects: [
      {
        id: 'customer-tweet',
        offsetSeconds: 0,
        kind: 'stakeholder-message',
        from: tx('A customer', 'Une cliente'),
        channel: 'social',
        text: tx(
          'Why does your site show me someone else’s basket with their first name?',
          'Pourquoi votre site m’affiche-t-il le panier de quelqu’un d’autre avec son prénom ?',
        ),
      },
      {
        id: 'errors-alert',
        offsetSeconds: 4 * MINUTE,
        kind: 'alert',
        source: 'Application monitoring',
        text: tx(
          'Cache hit rate jumped from 60% to 99% at 14:02, the minute of the last deployment.',
          'Le taux de succès du cache est passé de 60 % à 99 % à 14 h 02, la minute du dernier déploiement.',
        ),
      },
      {
        id: 'author-question',
        offsetSeconds: 10 * MINUTE,
        kind: 'question',
        to: 'commander',
        text: tx(
          'The engineer who made the change offers a quick fix in five minutes. Roll back or fix forward?',
          'L’ingénieur auteur du changement propose un correctif en cinq minutes. Revenir en arrière ou corriger ?',
        ),
      },
      {
        id: 'rollback-fails',
        offsetSeconds: 18 * MINUTE,
        kind: 'complication',
        text: tx(
          'The rollback job fails: the previous configuration was never saved in the repository.',
          'Le retour arrière échoue : la configuration précédente n’a jamais été enregistrée dans le dépôt.',
        ),
      },
      {
        id: 'shop-ok',
        offsetSeconds: 30 * MINUTE,
        kind: 'monitor-up',
        monitor: 'Web shop',
        text: tx('Pages are served per customer again.', 'Les pages sont de nouveau servies client par client.'),
      },
    ],
    expected: [
      declareIn5,
      commanderIn10,
      {
        id: 'rollback-decision',
        kind: 'note-kind',
        noteKind: 'decision',
        targetSeconds: 15 * MINUTE,
        label: tx('Record the rollback decision', 'Consigner la décision de retour arrière'),
      },
      {
        id: 'runbook',
        kind: 'runbook-started',
        runbook: 'bad-config-rollback',
        targetSeconds: 15 * MINUTE,
        label: tx(
          'Start the “Roll back a bad change” runbook',
          'Démarrer la procédure « Annuler un mauvais changement »',
        ),
      },
      {
        id: 'restored',
        kind: 'restored',
        process: 'online-sales',
        targetSeconds: 45 * MINUTE,
        label: tx('Stop the exposure within 45 minutes', 'Faire cesser l’exposition sous 45 minutes'),
      },
    ],
  },
  {
    id: 'sql-injection-leak',
    title: tx('Data leak through SQL injection', 'Fuite de données par injection SQL'),
    summary: tx(
      'A researcher reports that the shop’s search field accepts SQL injection, and a sample of customer records appears on a forum. Under the GDPR the supervisory authority must be notified within 72 hours of becoming aware.',
      'Un chercheur signale que le champ de recherche de la boutique accepte l’injection SQL, et un extrait de fiches clients apparaît sur un forum. Le RGPD impose de notifier l’autorité de contrôle dans les 72 heures après en avoir pris connaissance.',
    ),
    objectives: [
      tx('Close the hole while preserving evidence.', 'Fermer la faille en préservant les preuves.'),
      tx(
        'Establish which data and how many people are affected.',
        'Établir quelles données et combien de personnes sont touchées.',
      ),
      tx(
        'Notify the regulator within 72 hours and tell affected customers.',
        'Notifier l’autorité sous 72 heures et informer les clients touchés.',
      ),
      tx('Keep one voice towards the press.', 'Parler d’une seule voix à la presse.'),
    ],
    roles: ['commander', 'security', 'communications', 'executive-liaison', 'scribe'],
    durationMinutes: 120,
    incident: {
      title: tx(
        'Customer records leaked through the search page',
        'Fiches clients divulguées via la page de recherche',
      ),
      severity: 'SEV1',
      kind: 'security',
      services: ['web-shop', 'customers-db'],
      processes: ['online-sales', 'customer-service'],
    },
    injects: [
      {
        id: 'researcher',
        offsetSeconds: 0,
        kind: 'stakeholder-message',
        from: tx('A security researcher', 'Un chercheur en sécurité'),
        channel: 'email',
        text: tx(
          'Your search parameter q is injectable. I could read the customers table. Details attached.',
          'Votre paramètre de recherche q est injectable. J’ai pu lire la table des clients. Détails en pièce jointe.',
        ),
      },
      {
        id: 'waf-alert',
        offsetSeconds: 5 * MINUTE,
        kind: 'alert',
        source: 'Web application firewall',
        text: tx(
          'Thousands of requests with UNION SELECT in the search field over the last three nights.',
          'Des milliers de requêtes contenant UNION SELECT dans le champ de recherche ces trois dernières nuits.',
        ),
      },
      {
        id: 'forum-sample',
        offsetSeconds: 20 * MINUTE,
        kind: 'complication',
        text: tx(
          'A forum post offers 200,000 of your customer records for sale, with 50 real ones as a sample.',
          'Un message sur un forum propose 200 000 de vos fiches clients à la vente, avec 50 fiches réelles en échantillon.',
        ),
      },
      {
        id: 'journalist',
        offsetSeconds: 35 * MINUTE,
        kind: 'journalist-message',
        from: tx('A newspaper journalist', 'Une journaliste de la presse quotidienne'),
        channel: 'phone',
        text: tx(
          'I have the forum post in front of me. Do you confirm the leak? I publish at 6 pm.',
          'J’ai le message du forum sous les yeux. Confirmez-vous la fuite ? Je publie à 18 h.',
        ),
      },
      {
        id: 'dpo-question',
        offsetSeconds: 50 * MINUTE,
        kind: 'question',
        to: 'security',
        text: tx(
          'The data protection officer asks: when did we become aware, and what goes into the notification?',
          'Le délégué à la protection des données demande : quand en avons-nous pris connaissance, et que contient la notification ?',
        ),
      },
      {
        id: 'passwords',
        offsetSeconds: 70 * MINUTE,
        kind: 'complication',
        text: tx(
          'The table also held password hashes, unsalted, for accounts older than 2019.',
          'La table contenait aussi des empreintes de mots de passe, sans sel, pour les comptes antérieurs à 2019.',
        ),
      },
    ],
    expected: [
      declareIn5,
      {
        id: 'security-lead',
        kind: 'assign-role',
        role: 'security',
        targetSeconds: 10 * MINUTE,
        label: tx('Name a security lead within 10 minutes', 'Nommer un responsable sécurité sous 10 minutes'),
      },
      {
        id: 'runbook',
        kind: 'runbook-started',
        runbook: 'data-leak',
        targetSeconds: 15 * MINUTE,
        label: tx('Start the “Data leak” runbook', 'Démarrer la procédure « Fuite de données »'),
      },
      {
        id: 'contained',
        kind: 'runbook-step-done',
        runbook: 'data-leak',
        step: 'contain',
        targetSeconds: 30 * MINUTE,
        label: tx('Close the injection', 'Fermer l’injection'),
      },
      {
        id: 'regulator',
        kind: 'message',
        audience: 'regulator',
        targetSeconds: 72 * HOUR,
        label: tx('Notify the regulator within 72 hours', 'Notifier l’autorité de contrôle sous 72 heures'),
      },
      {
        id: 'customers',
        kind: 'message',
        audience: 'customers',
        targetSeconds: 24 * HOUR,
        label: tx('Tell the affected customers', 'Informer les clients touchés'),
      },
    ],
  },
];
