// The built-in library, in English and French, written for this product from
// the facts of the seed articles (incident types of e-commerce, retail
// priorities, continuity planning). Commands, addresses and monitor ids are
// examples to adapt: a team saves an edited copy under the same id, and its
// copy replaces the built-in one in its workspace.
import type { RunbookInput } from './runbook-schema';

const tx = (en: string, fr: string) => ({ en, fr });

const statusPageEvery20 = {
  id: 'update-cadence',
  kind: 'timer',
  minutes: 20,
  role: 'communications',
  title: tx('Next public update within 20 minutes', 'Prochaine mise à jour publique sous 20 minutes'),
  detail: tx(
    'Say what is known, what is being done and when the next update comes, even when nothing has changed.',
    'Dire ce que l’on sait, ce que l’on fait et quand viendra la prochaine mise à jour, même si rien n’a changé.',
  ),
} as const;

const recordTime = (id: string): RunbookInput['steps'][number] => ({
  id,
  kind: 'command',
  role: 'scribe',
  title: tx('Record the host and the UTC time of this action', 'Consigner l’hôte et l’heure UTC de cette action'),
  detail: tx(
    'Leaves a timestamp from the machine that acts, as evidence for the review.',
    'Laisse un horodatage de la machine qui agit, comme preuve pour l’analyse.',
  ),
  command: { program: 'date', args: ['-u', '+%Y-%m-%dT%H:%M:%SZ'], timeoutSeconds: 10 },
});

const reviewHandoff = {
  id: 'review',
  kind: 'manual',
  role: 'commander',
  title: tx('Schedule the post-incident review', 'Planifier l’analyse post-incident'),
  detail: tx(
    'Within three days for a SEV1; start the “Post-incident review” checklist then.',
    'Sous trois jours pour un SEV1 ; démarrer alors la liste « Analyse post-incident ».',
  ),
} as const;

export const BUILT_IN_RUNBOOKS: readonly RunbookInput[] = [
  {
    id: 'site-down',
    title: tx('Site down', 'Site indisponible'),
    summary: tx(
      'The customer-facing site does not answer. Every minute costs sales and reputation: confirm, communicate, restore, then learn.',
      'Le site client ne répond plus. Chaque minute coûte des ventes et de la réputation : confirmer, communiquer, rétablir, puis apprendre.',
    ),
    types: ['technical-failure'],
    services: ['web-shop', 'website', 'storefront'],
    keywords: ['down', 'outage', 'panne', 'indisponible', '5xx', '503'],
    steps: [
      {
        id: 'confirm',
        kind: 'manual',
        role: 'operations',
        title: tx('Confirm from outside the network', 'Confirmer depuis l’extérieur du réseau'),
        detail: tx(
          'Open the site from a phone on mobile data and check the external monitor: is it everyone, or one region or path?',
          'Ouvrir le site depuis un téléphone en données mobiles et regarder la sonde externe : tout le monde, ou une région, un chemin ?',
        ),
      },
      {
        id: 'first-message',
        kind: 'communicate',
        audience: 'public',
        role: 'communications',
        title: tx(
          'Post a first status message within 5 minutes',
          'Publier un premier message de statut sous 5 minutes',
        ),
      },
      {
        id: 'recent-change',
        kind: 'decision',
        role: 'commander',
        title: tx(
          'Was anything deployed or reconfigured in the last hours?',
          'Un déploiement ou une configuration dans les dernières heures ?',
        ),
        options: [
          { id: 'yes', label: tx('Yes: roll it back', 'Oui : revenir en arrière'), goto: 'rollback' },
          { id: 'no', label: tx('No: look at the infrastructure', 'Non : regarder l’infrastructure') },
        ],
      },
      {
        id: 'infrastructure',
        kind: 'manual',
        role: 'operations',
        title: tx('Check servers, database, CDN and network', 'Vérifier serveurs, base de données, CDN et réseau'),
        detail: tx(
          'Hardware failures, software bugs and network faults are the usual causes. Fail over to the redundant cluster or backup site if one part is dead.',
          'Pannes matérielles, bogues logiciels et défaillances réseau sont les causes habituelles. Basculer sur le cluster redondant ou le site de secours si une partie est morte.',
        ),
      },
      {
        id: 'rollback',
        kind: 'manual',
        role: 'operations',
        approval: true,
        title: tx('Roll back or fail over', 'Revenir en arrière ou basculer'),
        detail: tx(
          'Use the “Bad configuration change” checklist for a rollback. A second person approves.',
          'Utiliser la liste « Mauvaise modification de configuration » pour un retour arrière. Une deuxième personne approuve.',
        ),
      },
      statusPageEvery20,
      {
        id: 'back-up',
        kind: 'wait-monitor',
        monitor: 'site-home',
        until: 'up',
        timeoutSeconds: 1800,
        title: tx(
          'Wait until the home page monitor is up',
          'Attendre que la sonde de la page d’accueil soit disponible',
        ),
      },
      {
        id: 'all-clear',
        kind: 'communicate',
        audience: 'customers',
        role: 'communications',
        title: tx('Tell customers it is fixed, plainly', 'Annoncer aux clients que c’est réparé, simplement'),
      },
      reviewHandoff,
    ],
  },
  {
    id: 'slow-checkout',
    title: tx('Slow checkout / performance degradation', 'Paiement lent / dégradation des performances'),
    summary: tx(
      'Pages load slowly or transactions fail: customers abandon their carts. Find the bottleneck, relieve it, keep people informed.',
      'Les pages chargent lentement ou les transactions échouent : les clients abandonnent leur panier. Trouver le goulet, le soulager, informer.',
    ),
    types: ['performance'],
    services: ['checkout', 'cart', 'payment'],
    keywords: ['slow', 'latency', 'lent', 'lenteur', 'timeout', 'panier'],
    steps: [
      {
        id: 'measure',
        kind: 'manual',
        role: 'operations',
        title: tx(
          'Measure: which pages, since when, how slow?',
          'Mesurer : quelles pages, depuis quand, à quel point ?',
        ),
        detail: tx(
          'Compare response times and failed transactions with the usual baseline.',
          'Comparer temps de réponse et transactions échouées avec la référence habituelle.',
        ),
      },
      {
        id: 'traffic',
        kind: 'decision',
        role: 'commander',
        title: tx('Is traffic far above normal?', 'Le trafic est-il très au-dessus de la normale ?'),
        options: [
          { id: 'peak', label: tx('Yes, a sales peak', 'Oui, un pic de ventes'), goto: 'scale' },
          { id: 'attack', label: tx('Yes, and it looks hostile', 'Oui, et il semble hostile'), goto: 'ddos' },
          { id: 'normal', label: tx('No, normal traffic', 'Non, trafic normal') },
        ],
      },
      {
        id: 'database',
        kind: 'manual',
        role: 'operations',
        title: tx('Look for slow queries and locks in the database', 'Chercher requêtes lentes et verrous en base'),
      },
      {
        id: 'scale',
        kind: 'manual',
        role: 'operations',
        title: tx('Add capacity or shed non-essential load', 'Ajouter de la capacité ou délester le non essentiel'),
        detail: tx(
          'Scale out, warm caches, and switch off heavy features (recommendations, search suggestions) with a kill switch if needed.',
          'Ajouter des instances, préchauffer les caches, et couper les fonctions lourdes (recommandations, suggestions) par un coupe-circuit si besoin.',
        ),
      },
      {
        id: 'ddos',
        kind: 'manual',
        role: 'security',
        title: tx('If hostile: start the DDoS checklist', 'Si hostile : démarrer la liste DDoS'),
      },
      statusPageEvery20,
      {
        id: 'recovered',
        kind: 'wait-monitor',
        monitor: 'checkout',
        until: 'up',
        timeoutSeconds: 3600,
        title: tx(
          'Wait until the checkout monitor is back to normal',
          'Attendre que la sonde du paiement redevienne normale',
        ),
      },
      reviewHandoff,
    ],
  },
  {
    id: 'ddos',
    title: tx('DDoS attack', 'Attaque par déni de service (DDoS)'),
    summary: tx(
      'Public sites live on the open Internet: a flood of hostile traffic can take them down. Filter at the edge, keep the shop alive, keep evidence.',
      'Les sites publics vivent sur Internet : un flot de trafic hostile peut les faire tomber. Filtrer en bordure, garder la boutique en vie, garder les preuves.',
    ),
    types: ['security'],
    services: ['web-shop', 'website', 'cdn'],
    keywords: ['ddos', 'flood', 'déni de service', 'attack', 'attaque', 'bot'],
    steps: [
      {
        id: 'confirm',
        kind: 'manual',
        role: 'security',
        title: tx('Tell an attack from a genuine peak', 'Distinguer une attaque d’un vrai pic'),
        detail: tx(
          'Few sources, one path hammered, odd user agents, no conversions: hostile. A campaign or a holiday sale: genuine.',
          'Peu de sources, un chemin martelé, des agents étranges, aucune conversion : hostile. Une campagne ou des soldes : légitime.',
        ),
      },
      {
        id: 'edge-filtering',
        kind: 'http',
        role: 'security',
        approval: true,
        title: tx('Turn on strict rate limiting at the CDN', 'Activer la limitation stricte au CDN'),
        detail: tx(
          'Example call: adapt the address and the secret name to your CDN.',
          'Appel d’exemple : adapter l’adresse et le nom du secret à votre CDN.',
        ),
        http: {
          method: 'POST',
          url: 'https://cdn.example.com/api/zones/shop/under-attack',
          secretHeaders: { Authorization: 'cdn-token' },
          body: '{"enabled": true}',
          timeoutSeconds: 15,
        },
      },
      {
        id: 'shed',
        kind: 'manual',
        role: 'operations',
        title: tx(
          'Switch off costly endpoints that are not needed to buy',
          'Couper les points d’accès coûteux inutiles à l’achat',
        ),
      },
      {
        id: 'evidence',
        kind: 'manual',
        role: 'security',
        title: tx(
          'Keep logs and traffic samples for the review and the authorities',
          'Garder journaux et échantillons de trafic pour l’analyse et les autorités',
        ),
      },
      {
        id: 'inform',
        kind: 'communicate',
        audience: 'public',
        role: 'communications',
        title: tx(
          'Tell customers the site is slowed down and being protected',
          'Dire aux clients que le site est ralenti et qu’on le protège',
        ),
      },
      statusPageEvery20,
      {
        id: 'stable',
        kind: 'wait-monitor',
        monitor: 'site-home',
        until: 'up',
        timeoutSeconds: 3600,
        title: tx('Wait until the site answers normally', 'Attendre que le site réponde normalement'),
      },
      reviewHandoff,
    ],
  },
  {
    id: 'data-leak',
    title: tx('SQL injection or data leak', 'Injection SQL ou fuite de données'),
    summary: tx(
      'Someone read or took data they should not have. Contain, preserve evidence, assess whose data, and notify the data protection authority within 72 hours of becoming aware when personal data is at risk.',
      'Quelqu’un a lu ou pris des données qui ne lui revenaient pas. Contenir, préserver les preuves, évaluer quelles données, et notifier l’autorité de protection des données sous 72 heures après en avoir pris connaissance si des données personnelles sont en jeu.',
    ),
    types: ['security'],
    services: ['database', 'customer-data', 'back-office'],
    keywords: ['sql', 'injection', 'leak', 'fuite', 'breach', 'rgpd', 'gdpr', 'données'],
    steps: [
      {
        id: 'aware',
        kind: 'timer',
        minutes: 4320,
        role: 'commander',
        title: tx(
          '72-hour clock for the regulator notification',
          'Délai de 72 heures pour la notification à l’autorité',
        ),
        detail: tx(
          'Start it at the moment the organisation became aware of the breach, not when it is confirmed.',
          'Le démarrer au moment où l’organisation a eu connaissance de la violation, pas quand elle est confirmée.',
        ),
      },
      {
        id: 'contain',
        kind: 'manual',
        role: 'security',
        approval: true,
        title: tx(
          'Contain: block the vulnerable endpoint or feature',
          'Contenir : bloquer le point d’accès ou la fonction vulnérable',
        ),
        detail: tx(
          'A kill switch is often the fastest way; see the “Kill switch” checklist.',
          'Un coupe-circuit est souvent le plus rapide ; voir la liste « Coupe-circuit ».',
        ),
      },
      recordTime('timestamp'),
      {
        id: 'preserve',
        kind: 'manual',
        role: 'security',
        title: tx(
          'Preserve logs, database audit trails and copies before anything is cleaned',
          'Préserver journaux, traces d’audit et copies avant tout nettoyage',
        ),
      },
      {
        id: 'scope',
        kind: 'manual',
        role: 'security',
        title: tx(
          'Assess which data, how many people, since when',
          'Évaluer quelles données, combien de personnes, depuis quand',
        ),
      },
      {
        id: 'personal-data',
        kind: 'decision',
        role: 'commander',
        title: tx('Is personal data at risk?', 'Des données personnelles sont-elles en jeu ?'),
        options: [
          { id: 'yes', label: tx('Yes, or we cannot rule it out', 'Oui, ou on ne peut pas l’exclure') },
          { id: 'no', label: tx('No', 'Non'), goto: 'credentials' },
        ],
      },
      {
        id: 'regulator',
        kind: 'communicate',
        audience: 'regulator',
        role: 'commander',
        approval: true,
        title: tx(
          'Notify the data protection authority (within 72 hours)',
          'Notifier l’autorité de protection des données (sous 72 heures)',
        ),
        detail: tx(
          'Nature of the breach, categories and approximate numbers of people and records, likely consequences, measures taken. Missing facts can follow later.',
          'Nature de la violation, catégories et nombres approximatifs de personnes et d’enregistrements, conséquences probables, mesures prises. Les éléments manquants peuvent suivre.',
        ),
      },
      {
        id: 'customers',
        kind: 'communicate',
        audience: 'customers',
        role: 'communications',
        title: tx(
          'Tell affected customers honestly, without jargon',
          'Informer honnêtement les clients concernés, sans jargon',
        ),
      },
      {
        id: 'credentials',
        kind: 'manual',
        role: 'security',
        title: tx('Rotate exposed credentials and keys', 'Renouveler identifiants et clés exposés'),
      },
      {
        id: 'fix',
        kind: 'manual',
        role: 'operations',
        title: tx(
          'Fix the flaw (parameterised queries) and test it',
          'Corriger la faille (requêtes paramétrées) et la tester',
        ),
      },
      reviewHandoff,
    ],
  },
  {
    id: 'account-takeover',
    title: tx('Account takeover', 'Piratage de comptes clients'),
    summary: tx(
      'Customer accounts are being taken over, often by reusing passwords leaked elsewhere. Stop the bleeding, protect the accounts, tell the people concerned.',
      'Des comptes clients sont détournés, souvent avec des mots de passe fuités ailleurs. Arrêter l’hémorragie, protéger les comptes, prévenir les personnes concernées.',
    ),
    types: ['security'],
    services: ['accounts', 'login', 'identity'],
    keywords: ['account', 'compte', 'takeover', 'piratage', 'credential', 'login', 'password'],
    steps: [
      {
        id: 'pattern',
        kind: 'manual',
        role: 'security',
        title: tx(
          'Find the pattern: sources, accounts, time window',
          'Trouver le motif : sources, comptes, fenêtre de temps',
        ),
      },
      {
        id: 'block',
        kind: 'manual',
        role: 'security',
        title: tx(
          'Block the attacking sources and tighten login rate limits',
          'Bloquer les sources attaquantes et durcir les limites de connexion',
        ),
      },
      {
        id: 'sessions',
        kind: 'http',
        role: 'security',
        approval: true,
        title: tx('Revoke the sessions of affected accounts', 'Révoquer les sessions des comptes touchés'),
        detail: tx(
          'Example call: adapt it to your identity service.',
          'Appel d’exemple : l’adapter à votre service d’identité.',
        ),
        http: {
          method: 'POST',
          url: 'https://identity.example.com/admin/sessions/revoke-flagged',
          secretHeaders: { Authorization: 'identity-admin-token' },
          timeoutSeconds: 30,
        },
      },
      {
        id: 'reset',
        kind: 'manual',
        role: 'operations',
        title: tx(
          'Force a password reset and check saved payment methods and addresses',
          'Forcer la réinitialisation des mots de passe et vérifier moyens de paiement et adresses',
        ),
      },
      {
        id: 'notify',
        kind: 'communicate',
        audience: 'customers',
        role: 'communications',
        title: tx(
          'Tell the account holders what happened and what to do',
          'Dire aux titulaires ce qui s’est passé et quoi faire',
        ),
      },
      {
        id: 'personal-data',
        kind: 'manual',
        role: 'commander',
        title: tx(
          'Decide whether the 72-hour regulator notification applies',
          'Décider si la notification à l’autorité sous 72 heures s’applique',
        ),
        detail: tx(
          'If personal data was exposed, run the “SQL injection or data leak” checklist too.',
          'Si des données personnelles ont été exposées, dérouler aussi la liste « Injection SQL ou fuite de données ».',
        ),
      },
      reviewHandoff,
    ],
  },
  {
    id: 'payment-outage',
    title: tx('Payment provider outage (switch gateway)', 'Panne du prestataire de paiement (changer de passerelle)'),
    summary: tx(
      'Payment is the most expensive process to lose (in the seed example: RTO 1 hour, RPO 30 minutes, €75,000 a day). Do not depend on one provider: switch to the backup gateway.',
      'Le paiement est le processus le plus coûteux à perdre (dans l’exemple de référence : RTO 1 heure, RPO 30 minutes, 75 000 € par jour). Ne pas dépendre d’un seul prestataire : basculer sur la passerelle de secours.',
    ),
    types: ['technical-failure'],
    services: ['payment', 'checkout', 'psp'],
    keywords: ['payment', 'paiement', 'psp', 'gateway', 'passerelle', 'card', 'carte'],
    steps: [
      {
        id: 'confirm',
        kind: 'manual',
        role: 'operations',
        title: tx(
          'Confirm it is the provider: their status page, error codes',
          'Confirmer que c’est le prestataire : sa page de statut, les codes d’erreur',
        ),
      },
      {
        id: 'switch',
        kind: 'decision',
        role: 'commander',
        title: tx('Switch to the backup gateway?', 'Basculer sur la passerelle de secours ?'),
        options: [
          { id: 'switch', label: tx('Yes, switch now', 'Oui, basculer maintenant') },
          {
            id: 'wait',
            label: tx('No, the provider recovers soon', 'Non, le prestataire revient bientôt'),
            goto: 'inform',
          },
        ],
      },
      {
        id: 'gateway',
        kind: 'http',
        role: 'operations',
        approval: true,
        title: tx('Route payments to the backup gateway', 'Router les paiements vers la passerelle de secours'),
        detail: tx(
          'Example call: adapt it to your payment routing service.',
          'Appel d’exemple : l’adapter à votre service de routage des paiements.',
        ),
        http: {
          method: 'PUT',
          url: 'https://payments.example.com/admin/routing/active-gateway',
          secretHeaders: { Authorization: 'payments-admin-token' },
          body: '{"gateway": "backup"}',
          timeoutSeconds: 15,
        },
      },
      {
        id: 'test',
        kind: 'manual',
        role: 'operations',
        title: tx('Make one real test payment end to end', 'Faire un vrai paiement de test de bout en bout'),
      },
      {
        id: 'inform',
        kind: 'communicate',
        audience: 'customers',
        role: 'communications',
        title: tx(
          'Tell customers which payment methods work now',
          'Dire aux clients quels moyens de paiement fonctionnent',
        ),
      },
      {
        id: 'fallback',
        kind: 'manual',
        role: 'customer-liaison',
        title: tx(
          'Offer the fallback: orders by phone or email, pay later',
          'Proposer le repli : commandes par téléphone ou e-mail, paiement différé',
        ),
      },
      statusPageEvery20,
      {
        id: 'switch-back',
        kind: 'manual',
        role: 'operations',
        approval: true,
        title: tx(
          'Switch back once the provider is stable, and reconcile transactions',
          'Revenir quand le prestataire est stable, et rapprocher les transactions',
        ),
      },
      reviewHandoff,
    ],
  },
  {
    id: 'pos-outage',
    title: tx('Point-of-sale outage', 'Panne des terminaux de point de vente'),
    summary: tx(
      'Stores cannot sell when their tills are down. Causes range from the local network to power and physical security; keep selling while it is fixed.',
      'Les magasins ne vendent plus quand leurs caisses tombent. Les causes vont du réseau local à l’alimentation et à la sécurité physique ; continuer à vendre pendant la réparation.',
    ),
    types: ['technical-failure'],
    services: ['point-of-sale', 'pos', 'stores'],
    keywords: ['pos', 'till', 'caisse', 'store', 'magasin', 'terminal', 'tpe'],
    steps: [
      {
        id: 'scope',
        kind: 'manual',
        role: 'operations',
        title: tx(
          'Which stores and tills? One store, a region, all?',
          'Quels magasins et quelles caisses ? Un magasin, une région, tous ?',
        ),
      },
      {
        id: 'local',
        kind: 'manual',
        role: 'operations',
        title: tx(
          'One store: check local network, power and the payment terminal link',
          'Un magasin : vérifier réseau local, alimentation et liaison du terminal de paiement',
        ),
      },
      {
        id: 'central',
        kind: 'manual',
        role: 'operations',
        title: tx(
          'Many stores: check the central back end and the store network',
          'Plusieurs magasins : vérifier le back-end central et le réseau des magasins',
        ),
      },
      {
        id: 'offline-mode',
        kind: 'communicate',
        audience: 'internal',
        role: 'communications',
        title: tx(
          'Tell store managers to switch tills to offline mode',
          'Demander aux responsables de magasin de passer les caisses en mode hors ligne',
        ),
      },
      {
        id: 'stock',
        kind: 'manual',
        role: 'operations',
        title: tx(
          'Note sales by hand for the stock update afterwards',
          'Noter les ventes à la main pour la mise à jour des stocks ensuite',
        ),
      },
      {
        id: 'restored',
        kind: 'wait-monitor',
        monitor: 'pos-backend',
        until: 'up',
        timeoutSeconds: 7200,
        title: tx('Wait until the store back end is up', 'Attendre que le back-end des magasins soit disponible'),
      },
      reviewHandoff,
    ],
  },
  {
    id: 'bad-config-rollback',
    title: tx('Bad configuration change (roll back)', 'Mauvaise modification de configuration (retour arrière)'),
    summary: tx(
      'A configuration change or a wrong manipulation broke something. Freeze, roll back to the last known good state, confirm, then learn.',
      'Une modification de configuration ou une fausse manipulation a cassé quelque chose. Geler, revenir au dernier état sain, confirmer, puis apprendre.',
    ),
    types: ['human-error'],
    services: [],
    keywords: ['config', 'configuration', 'rollback', 'retour arrière', 'deploy', 'déploiement', 'change'],
    steps: [
      {
        id: 'freeze',
        kind: 'manual',
        role: 'commander',
        title: tx('Freeze further changes', 'Geler toute autre modification'),
        detail: tx(
          'Announce it in the team channel: no deploys, no manual edits until the all-clear.',
          'L’annoncer dans le canal de l’équipe : aucun déploiement ni modification manuelle jusqu’à nouvel ordre.',
        ),
      },
      recordTime('timestamp'),
      {
        id: 'identify',
        kind: 'manual',
        role: 'operations',
        title: tx(
          'Identify the change: what, where, when, by whom',
          'Identifier la modification : quoi, où, quand, par qui',
        ),
      },
      {
        id: 'choose',
        kind: 'decision',
        role: 'commander',
        title: tx('Roll back, or fix forward?', 'Revenir en arrière, ou corriger en avant ?'),
        options: [
          { id: 'rollback', label: tx('Roll back', 'Revenir en arrière') },
          {
            id: 'forward',
            label: tx('Fix forward (small, understood fix)', 'Corriger en avant (correctif petit et compris)'),
            goto: 'fix-forward',
          },
        ],
      },
      {
        id: 'rollback',
        kind: 'command',
        role: 'operations',
        approval: true,
        title: tx('Revert the last configuration commit', 'Annuler le dernier commit de configuration'),
        detail: tx(
          'Example: a configuration repository at /srv/config. Adapt the directory; a second person approves.',
          'Exemple : un dépôt de configuration dans /srv/config. Adapter le dossier ; une deuxième personne approuve.',
        ),
        command: { program: 'git', args: ['revert', '--no-edit', 'HEAD'], cwd: '/srv/config', timeoutSeconds: 120 },
      },
      {
        id: 'fix-forward',
        kind: 'manual',
        role: 'operations',
        approval: true,
        title: tx(
          'Apply the fix, reviewed by a second person',
          'Appliquer le correctif, relu par une deuxième personne',
        ),
      },
      {
        id: 'healthy',
        kind: 'wait-monitor',
        monitor: 'site-home',
        until: 'up',
        timeoutSeconds: 1800,
        title: tx('Wait until the monitors are green again', 'Attendre que les sondes repassent au vert'),
      },
      {
        id: 'internal',
        kind: 'communicate',
        audience: 'internal',
        role: 'communications',
        title: tx(
          'Tell the teams it is rolled back and the freeze holds',
          'Dire aux équipes que le retour arrière est fait et que le gel tient',
        ),
      },
      reviewHandoff,
    ],
  },
  {
    id: 'restore-from-backup',
    title: tx('Restore from backup', 'Restauration depuis une sauvegarde'),
    summary: tx(
      'Data is lost or corrupted. Restore from the most recent good backup and check what is lost against the process’s RPO (orders: 2 hours; payment: 30 minutes in the seed example).',
      'Des données sont perdues ou corrompues. Restaurer depuis la sauvegarde saine la plus récente et comparer ce qui est perdu au RPO du processus (commandes : 2 heures ; paiement : 30 minutes dans l’exemple de référence).',
    ),
    types: ['technical-failure', 'human-error', 'security'],
    services: ['database', 'orders', 'back-office'],
    keywords: ['backup', 'sauvegarde', 'restore', 'restauration', 'corruption', 'rpo', 'ransomware'],
    steps: [
      {
        id: 'stop-writes',
        kind: 'manual',
        role: 'operations',
        approval: true,
        title: tx('Stop writes to the damaged data', 'Arrêter les écritures sur les données abîmées'),
      },
      {
        id: 'rpo',
        kind: 'manual',
        role: 'commander',
        title: tx('Read the RPO and RTO of the affected process', 'Relever le RPO et le RTO du processus touché'),
        detail: tx(
          'The RPO says how much data may be lost; the RTO how long the process may stay down.',
          'Le RPO dit combien de données on peut perdre ; le RTO combien de temps le processus peut rester arrêté.',
        ),
      },
      {
        id: 'backup-type',
        kind: 'decision',
        role: 'operations',
        title: tx('What is the latest good backup?', 'Quelle est la dernière sauvegarde saine ?'),
        options: [
          { id: 'full', label: tx('A full backup', 'Une sauvegarde complète'), goto: 'restore-full' },
          {
            id: 'differential',
            label: tx('Full + differential', 'Complète + différentielle'),
            goto: 'restore-differential',
          },
          { id: 'incremental', label: tx('Full + incrementals', 'Complète + incrémentales') },
        ],
      },
      {
        id: 'restore-incremental',
        kind: 'manual',
        role: 'operations',
        title: tx(
          'Restore the full backup, then every incremental in order',
          'Restaurer la complète, puis chaque incrémentale dans l’ordre',
        ),
        detail: tx(
          'Each incremental holds only the changes since the previous backup: one missing link breaks the chain. Slowest to restore.',
          'Chaque incrémentale ne contient que les changements depuis la sauvegarde précédente : un maillon manquant casse la chaîne. La plus lente à restaurer.',
        ),
      },
      {
        id: 'restore-differential',
        kind: 'manual',
        role: 'operations',
        title: tx(
          'Restore the full backup, then the latest differential only',
          'Restaurer la complète, puis la dernière différentielle seulement',
        ),
      },
      {
        id: 'restore-full',
        kind: 'manual',
        role: 'operations',
        title: tx(
          'Restore the full backup (or check it is the base just restored)',
          'Restaurer la complète (ou vérifier que c’est la base juste restaurée)',
        ),
      },
      {
        id: 'verify',
        kind: 'manual',
        role: 'operations',
        title: tx(
          'Check integrity: counts, checksums, a few known records',
          'Vérifier l’intégrité : comptages, sommes de contrôle, quelques enregistrements connus',
        ),
      },
      {
        id: 'data-loss',
        kind: 'decision',
        role: 'commander',
        title: tx('Is the data lost within the RPO?', 'La perte de données reste-t-elle dans le RPO ?'),
        options: [
          { id: 'within', label: tx('Yes, within the RPO', 'Oui, dans le RPO'), goto: 'reopen' },
          { id: 'beyond', label: tx('No, beyond the RPO', 'Non, au-delà du RPO') },
        ],
      },
      {
        id: 'recover-gap',
        kind: 'manual',
        role: 'operations',
        title: tx(
          'Rebuild the gap from other sources (payment provider, emails, logs)',
          'Reconstituer l’écart depuis d’autres sources (prestataire de paiement, e-mails, journaux)',
        ),
      },
      {
        id: 'reopen',
        kind: 'manual',
        role: 'operations',
        approval: true,
        title: tx('Reopen writes', 'Rouvrir les écritures'),
      },
      {
        id: 'inform',
        kind: 'communicate',
        audience: 'customers',
        role: 'communications',
        title: tx(
          'Tell customers whose orders need them to act',
          'Prévenir les clients dont les commandes demandent une action',
        ),
      },
      reviewHandoff,
    ],
  },
  {
    id: 'kill-switch',
    title: tx('Kill switch activation', 'Activation d’un coupe-circuit'),
    summary: tx(
      'Switch off one feature or service fast when it is under threat or causing harm (for example sign-up during an attack), and keep the rest of the shop running.',
      'Couper vite une fonction ou un service menacé ou nuisible (par exemple l’inscription pendant une attaque), et garder le reste de la boutique en marche.',
    ),
    types: ['security', 'technical-failure', 'performance'],
    services: [],
    keywords: ['kill switch', 'coupe-circuit', 'feature flag', 'disable', 'désactiver'],
    steps: [
      {
        id: 'which',
        kind: 'manual',
        role: 'commander',
        title: tx(
          'Name the feature to switch off and what customers lose',
          'Nommer la fonction à couper et ce que les clients perdent',
        ),
      },
      {
        id: 'switch-off',
        kind: 'http',
        role: 'operations',
        approval: true,
        title: tx('Switch the feature off', 'Couper la fonction'),
        detail: tx(
          'Example call: adapt it to your feature flag service.',
          'Appel d’exemple : l’adapter à votre service de drapeaux de fonctions.',
        ),
        http: {
          method: 'PATCH',
          url: 'https://flags.example.com/api/flags/sign-up',
          secretHeaders: { Authorization: 'flags-token' },
          body: '{"enabled": false}',
          timeoutSeconds: 10,
        },
      },
      {
        id: 'verify',
        kind: 'manual',
        role: 'operations',
        title: tx(
          'Check from outside that it is off and the rest works',
          'Vérifier de l’extérieur qu’elle est coupée et que le reste fonctionne',
        ),
      },
      {
        id: 'inform',
        kind: 'communicate',
        audience: 'customers',
        role: 'communications',
        title: tx(
          'Say the feature is paused, without detail that helps an attacker',
          'Dire que la fonction est en pause, sans détail utile à un attaquant',
        ),
      },
      {
        id: 'reenable',
        kind: 'manual',
        role: 'commander',
        approval: true,
        title: tx('Decide when to switch it back on', 'Décider quand la réactiver'),
      },
    ],
  },
  {
    id: 'post-incident-review',
    title: tx('Post-incident review', 'Analyse post-incident'),
    summary: tx(
      'Learn from the incident without blame: what happened, why, how the response went, and what changes.',
      'Apprendre de l’incident sans chercher de coupable : ce qui s’est passé, pourquoi, comment la réponse s’est déroulée, et ce qui change.',
    ),
    types: ['technical-failure', 'performance', 'security', 'human-error'],
    services: [],
    keywords: ['review', 'post-mortem', 'postmortem', 'analyse', 'retour d’expérience', 'rex'],
    steps: [
      {
        id: 'meeting',
        kind: 'manual',
        role: 'commander',
        title: tx('Hold the meeting (within 3 days for a SEV1)', 'Tenir la réunion (sous 3 jours pour un SEV1)'),
      },
      {
        id: 'timeline',
        kind: 'manual',
        role: 'scribe',
        title: tx('Walk through the timeline and its evidence', 'Parcourir la chronologie et ses preuves'),
      },
      {
        id: 'causes',
        kind: 'manual',
        role: 'commander',
        title: tx('Find the root causes and what made it worse', 'Trouver les causes profondes et ce qui a aggravé'),
      },
      {
        id: 'response',
        kind: 'manual',
        role: 'commander',
        title: tx(
          'Judge the response: detection, roles, communication, runbooks',
          'Juger la réponse : détection, rôles, communication, procédures',
        ),
      },
      {
        id: 'actions',
        kind: 'manual',
        role: 'commander',
        title: tx(
          'Agree actions, each with an owner and a date',
          'Décider des actions, chacune avec un responsable et une date',
        ),
      },
      {
        id: 'follow-up',
        kind: 'communicate',
        audience: 'customers',
        role: 'communications',
        title: tx(
          'Tell customers what was fixed and what prevents a repeat',
          'Dire aux clients ce qui a été corrigé et ce qui évite une récidive',
        ),
      },
      {
        id: 'update-runbooks',
        kind: 'manual',
        role: 'operations',
        title: tx('Update the runbooks and share the lessons', 'Mettre à jour les procédures et partager les leçons'),
      },
    ],
  },
];
