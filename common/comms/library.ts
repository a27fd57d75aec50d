// The built-in message templates, one per audience in English and French,
// written for an online retailer's incident (web shop, payment, back office,
// stores). A workspace edits a copy: a `comms-template` document with the
// same id wins over the built-in one.
import type { Locale } from '../i18n/locales';
import type { Audience } from './audiences';
import type { CommsDocs, Template } from './comms-docs';

type Text = { subject: string; body: string };
const T: Record<Audience, Record<Locale, Text & { name: string }>> = {
  'status-page': {
    en: {
      name: 'Status page update',
      subject: '{{service}}: {{status}}',
      body: `{{service}} is affected since {{startedAt}}.

What you may notice: {{impact}}
Where we are: {{status}}.
Meanwhile: {{workaround}}

Next update by {{nextUpdateAt}}.`,
    },
    fr: {
      name: 'Mise à jour de la page de statut',
      subject: '{{service}} : {{status}}',
      body: `{{service}} est perturbé depuis le {{startedAt}}.

Ce que vous pouvez constater : {{impact}}
Où nous en sommes : {{status}}.
En attendant : {{workaround}}

Prochain point au plus tard le {{nextUpdateAt}}.`,
    },
  },
  customers: {
    en: {
      name: 'Customers (email)',
      subject: 'Service disruption: {{service}}',
      body: `Hello,

Since {{startedAt}}, {{service}} has not been working as it should: {{impact}}

Our team is on it ({{status}}). Your orders and your account data are safe; nothing you have already paid for is lost.
In the meantime, you can: {{workaround}}

We will write again by {{nextUpdateAt}}, or as soon as the service is back. We are sorry for the trouble.

Customer service`,
    },
    fr: {
      name: 'Clients (e-mail)',
      subject: 'Perturbation du service : {{service}}',
      body: `Bonjour,

Depuis le {{startedAt}}, {{service}} ne fonctionne pas normalement : {{impact}}

Notre équipe est mobilisée ({{status}}). Vos commandes et les données de votre compte sont en sécurité ; rien de ce que vous avez déjà payé n’est perdu.
En attendant, vous pouvez : {{workaround}}

Nous vous écrirons de nouveau au plus tard le {{nextUpdateAt}}, ou dès le retour du service. Nous vous prions de nous excuser pour la gêne occasionnée.

Le service client`,
    },
  },
  internal: {
    en: {
      name: 'Internal staff',
      subject: '[{{severity}}] {{title}}: {{status}}',
      body: `Incident {{severity}}: {{title}}
Affected: {{service}} since {{startedAt}}
Impact: {{impact}}
Status: {{status}}
Commander: {{commander}}. Questions go to the communications lead ({{commsLead}}), not to the responders.
Store and support teams, tell customers: {{workaround}}
Under way: {{actions}}
Next update: {{nextUpdateAt}}`,
    },
    fr: {
      name: 'Équipes internes',
      subject: '[{{severity}}] {{title}} : {{status}}',
      body: `Incident {{severity}} : {{title}}
Touché : {{service}} depuis le {{startedAt}}
Impact : {{impact}}
Statut : {{status}}
Responsable de l’incident : {{commander}}. Les questions vont au responsable communication ({{commsLead}}), pas aux intervenants.
Magasins et support, dites aux clients : {{workaround}}
En cours : {{actions}}
Prochain point : {{nextUpdateAt}}`,
    },
  },
  executives: {
    en: {
      name: 'Executives',
      subject: '{{severity}} {{title}}: business impact and next steps',
      body: `In one line: {{title}} ({{severity}}), {{status}}.

Business impact: {{impact}}
Since: {{startedAt}}
Customer-facing workaround: {{workaround}}
What we are doing: {{actions}}
Decision or help needed from you: none unless stated here.

Commander: {{commander}}. Next briefing: {{nextUpdateAt}}.`,
    },
    fr: {
      name: 'Direction',
      subject: '{{severity}} {{title}} : impact métier et suite',
      body: `En une ligne : {{title}} ({{severity}}), {{status}}.

Impact métier : {{impact}}
Depuis : {{startedAt}}
Solution de contournement pour les clients : {{workaround}}
Ce que nous faisons : {{actions}}
Décision ou aide attendue de votre part : aucune sauf mention ici.

Responsable de l’incident : {{commander}}. Prochain point : {{nextUpdateAt}}.`,
    },
  },
  partners: {
    en: {
      name: 'Partners and suppliers',
      subject: 'Incident on our side: {{service}}',
      body: `Hello,

We have an incident affecting {{service}} since {{startedAt}}: {{impact}}

What it means for you: orders, stock or payment messages between us may be delayed; nothing needs to be resent unless we ask.
Status: {{status}}. Our contact for this incident: {{contact}}.
Next update by {{nextUpdateAt}}.`,
    },
    fr: {
      name: 'Partenaires et fournisseurs',
      subject: 'Incident de notre côté : {{service}}',
      body: `Bonjour,

Nous avons un incident qui touche {{service}} depuis le {{startedAt}} : {{impact}}

Ce que cela signifie pour vous : les échanges de commandes, de stock ou de paiement entre nous peuvent être retardés ; rien n’est à renvoyer sauf demande de notre part.
Statut : {{status}}. Notre contact pour cet incident : {{contact}}.
Prochain point au plus tard le {{nextUpdateAt}}.`,
    },
  },
  regulator: {
    en: {
      name: 'Regulator: personal data breach (72 hours)',
      subject: 'Personal data breach notification: {{title}}',
      body: `Notification under Article 33 of the GDPR, within 72 hours of becoming aware of the breach.

Nature of the breach: {{title}}, on {{service}}, since {{startedAt}}.
Categories of personal data concerned: {{dataCategories}}
Approximate number of people and records concerned: {{peopleAffected}}
Likely consequences: {{impact}}
Measures taken or proposed, including to limit its effects: {{actions}}
Contact point (data protection officer or other): {{contact}}

Information not yet available will follow in phases, without further undue delay.`,
    },
    fr: {
      name: 'Autorité de contrôle : violation de données (72 heures)',
      subject: 'Notification de violation de données personnelles : {{title}}',
      body: `Notification au titre de l’article 33 du RGPD, dans les 72 heures après en avoir pris connaissance.

Nature de la violation : {{title}}, sur {{service}}, depuis le {{startedAt}}.
Catégories de données personnelles concernées : {{dataCategories}}
Nombre approximatif de personnes et d’enregistrements concernés : {{peopleAffected}}
Conséquences probables : {{impact}}
Mesures prises ou envisagées, y compris pour en limiter les effets : {{actions}}
Point de contact (délégué à la protection des données ou autre) : {{contact}}

Les informations pas encore disponibles suivront par étapes, sans autre retard indu.`,
    },
  },
  social: {
    en: {
      name: 'Social media post',
      subject: '',
      body: `We know {{service}} is not working properly right now. Our team is on it; your orders are safe. Meanwhile: {{workaround}} Updates on our status page. Next news by {{nextUpdateAt}}.`,
    },
    fr: {
      name: 'Publication sur les réseaux sociaux',
      subject: '',
      body: `Nous savons que {{service}} ne fonctionne pas correctement en ce moment. Notre équipe est mobilisée ; vos commandes sont en sécurité. En attendant : {{workaround}} Suivi sur notre page de statut. Prochaines nouvelles au plus tard le {{nextUpdateAt}}.`,
    },
  },
};

export function builtInTemplateId(audience: Audience, locale: Locale): string {
  return `builtin-${audience}-${locale}`;
}

/** Every built-in template, in audience order, English then French. */
export const BUILT_IN_TEMPLATES: readonly Template[] = (Object.keys(T) as Audience[]).flatMap((audience) =>
  (['en', 'fr'] as const).map((locale) => {
    const { name, subject, body } = T[audience][locale];
    return { id: builtInTemplateId(audience, locale), name, audience, locale, ...(subject ? { subject } : {}), body };
  }),
);

export interface TemplateEntry {
  readonly template: Template;
  readonly isBuiltIn: boolean;
  /** A workspace document that replaces a built-in template of the same id. */
  readonly overrides: boolean;
}

/** The templates people pick from: the workspace's, over the built-in ones of the same id. */
export function templateCatalog(docs: CommsDocs): TemplateEntry[] {
  const entries: TemplateEntry[] = BUILT_IN_TEMPLATES.map((template) => {
    const own = docs.templates.get(template.id);
    return own ? { template: own, isBuiltIn: false, overrides: true } : { template, isBuiltIn: true, overrides: false };
  });
  const builtIn = new Set(BUILT_IN_TEMPLATES.map((template) => template.id));
  for (const template of docs.templates.values()) {
    if (!builtIn.has(template.id)) entries.push({ template, isBuiltIn: false, overrides: false });
  }
  return entries;
}
