// The built-in business impact analysis: the five processes of a small online
// shop, with the RTO, RPO and daily cost of the seed article's example table.
// A team saves an edited copy under the same id, and its copy replaces the
// built-in one in its workspace.
import type { BusinessProcessInput } from './process-schema';

const tx = (en: string, fr: string) => ({ en, fr });

export const BUILT_IN_PROCESSES: readonly BusinessProcessInput[] = [
  {
    id: 'online-sales',
    name: tx('Online sales', 'Vente en ligne'),
    rtoMinutes: 120,
    rpoMinutes: 60,
    costPerDay: 50_000,
    currency: 'EUR',
    services: ['web-shop', 'website', 'storefront', 'cdn'],
    method: 'redundancy',
    continuity: tx(
      'Serve the catalogue from the CDN and the standby cluster; switch off sign-ups with the kill switch if they are under attack.',
      'Servir le catalogue depuis le CDN et le cluster de secours ; couper les inscriptions avec le kill switch si elles sont attaquées.',
    ),
    runbookId: 'site-down',
  },
  {
    id: 'order-management',
    name: tx('Order management', 'Gestion des commandes'),
    rtoMinutes: 240,
    rpoMinutes: 120,
    costPerDay: 25_000,
    currency: 'EUR',
    services: ['orders', 'back-office', 'database'],
    method: 'manual-fallback',
    continuity: tx(
      'Take orders by phone and email on the shared form; key them in once the back office is back.',
      'Prendre les commandes par téléphone et par e-mail sur le formulaire partagé ; les saisir au retour du back-office.',
    ),
    runbookId: 'restore-from-backup',
  },
  {
    id: 'payment',
    name: tx('Payment', 'Paiement'),
    rtoMinutes: 60,
    rpoMinutes: 30,
    costPerDay: 75_000,
    currency: 'EUR',
    services: ['payment', 'checkout', 'psp'],
    method: 'alternative-provider',
    continuity: tx(
      'Route payments to the second payment gateway; offer payment on delivery while both are down.',
      'Basculer les paiements sur la seconde passerelle ; proposer le paiement à la livraison si les deux sont en panne.',
    ),
    runbookId: 'payment-outage',
  },
  {
    id: 'shipping',
    name: tx('Shipping', 'Expédition'),
    rtoMinutes: 480,
    rpoMinutes: 240,
    costPerDay: 10_000,
    currency: 'EUR',
    services: ['shipping', 'warehouse', 'carrier'],
    method: 'alternative-provider',
    continuity: tx(
      'Hand parcels to the backup carrier under the standing agreement; print labels from its portal.',
      'Confier les colis au transporteur de secours selon l’accord en place ; imprimer les étiquettes depuis son portail.',
    ),
  },
  {
    id: 'customer-service',
    name: tx('Customer service', 'Service client'),
    rtoMinutes: 240,
    rpoMinutes: 240,
    costPerDay: 5_000,
    currency: 'EUR',
    services: ['customer-service', 'helpdesk', 'phone'],
    method: 'manual-fallback',
    continuity: tx(
      'Open the emergency call line and answer on social networks with the prepared holding message.',
      'Ouvrir la ligne d’appel d’urgence et répondre sur les réseaux sociaux avec le message d’attente préparé.',
    ),
  },
];
