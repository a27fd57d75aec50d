// The workspace's documents other than monitors, as a team sets them up on
// its first day and touches them during the year: the people directory,
// custom roles and incident types, severity definitions, the business
// processes (edited copies of the built-in ones), message templates, channels
// and cadence, two runbooks saved over built-in ones, and the risk register.
// Every body is parsed by the app's own schema before it is written.
import { cadencePolicyDocSchema, channelSchema, templateSchema } from '../../common/comms/comms-docs';
import { BUILT_IN_PROCESSES } from '../../common/continuity/process-library';
import { processSchema } from '../../common/continuity/process-schema';
import { RISK_COLLECTION, riskSchema, RISK_FAMILIES } from '../../common/continuity/records-schema';
import { ROLES } from '../../common/domain/roles';
import { personSchema } from '../../common/domain/documents';
import { SEVERITIES, type EventDraft, type PayloadOf } from '../../common/events/event';
import { BUILT_INS } from '../../common/runbooks/catalog';
import { RUNBOOK_COLLECTION } from '../../common/runbooks/runbook-docs';
import { runbookSchema } from '../../common/runbooks/runbook-schema';
import type { Cast, Member } from './cast';
import { DIRECTORY } from './content';
import type { Item } from './item';
import type { Rng } from './rng';
import { DAY, HOUR, MINUTE, SECOND } from './time';

type Body = PayloadOf<'doc.put'>['body'];

/** A body as events carry it: plain JSON. */
function json(value: unknown): Body {
  return JSON.parse(JSON.stringify(value)) as Body;
}

/** Built-in runbooks the team saved its own copy of: runs of them would name the copy's version. */
export const OVERRIDDEN_RUNBOOKS: readonly string[] = ['restore-from-backup', 'kill-switch'];

export interface Documents {
  readonly items: readonly Item[];
  /** Roles an incident may hand out besides the usual four: built-in ones and the custom roles' ids. */
  readonly extraRoles: readonly string[];
}

const SEVERITY_TEXT = {
  SEV1: 'Stores or the web shop cannot sell, or customer data is exposed. Everyone drops everything.',
  SEV2: 'A major function is degraded for many customers; a workaround may exist.',
  SEV3: 'A minor function is broken or slow for some customers.',
  SEV4: 'No customer impact yet; fix it in working hours.',
} as const;

export function planDocuments(rng: Rng, cast: Cast, start: number, until: number): Documents {
  const items: Item[] = [];
  const put = (at: number, member: Member, collection: string, docId: string, body: Body) => {
    const laptop = cast.laptopAt(member, at) ?? cast.own;
    items.push({
      at,
      chain: cast.chain(laptop.window),
      draft: { type: 'doc.put', actor: '', payload: { collection, docId, body } } satisfies EventDraft,
    });
  };
  const camille = cast.byName('Camille Laurent');
  const elodie = cast.byName('Élodie Martin');
  const lucia = cast.byName('Lucía Ortega');
  let at = start + 90 * MINUTE;
  const step = () => (at += rng.between(5 * SECOND, 40 * SECOND));

  // The directory: the team, then everyone else who gets called.
  const directory = [
    ...cast.members.map((member) => [member.personId, member.name, member.team] as const),
    ...DIRECTORY.map(([name, team]) => [rng.uuid(), name, team] as const),
  ];
  for (const [docId, name, team] of directory) {
    const login = name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z]+/g, '.');
    put(
      step(),
      camille,
      'person',
      docId,
      json(personSchema.parse({ name, team, contact: `${login}@shop.example`, skills: [team.toLowerCase()] })),
    );
  }
  const roles = [
    ['Store liaison', true],
    ['Legal counsel', false],
  ] as const;
  const customRoles = roles.map(([name, isCritical]) => {
    const docId = rng.uuid();
    put(step(), camille, 'role', docId, json({ name, isCritical }));
    return docId;
  });
  for (const name of ['Supplier outage', 'Data quality'])
    put(step(), camille, 'incident-type', rng.uuid(), json({ name }));
  for (const severity of SEVERITIES)
    put(step(), camille, 'severity-definition', severity, json({ description: SEVERITY_TEXT[severity] }));

  for (const input of BUILT_IN_PROCESSES) {
    const process = processSchema.parse({
      ...input,
      costPerDay: Math.round((input.costPerDay * rng.between(0.8, 1.6)) / 1000) * 1000,
      owner: rng.pick(cast.members).name,
      lastReviewed: new Date(start).toISOString().slice(0, 10),
    });
    put(step(), lucia, 'business-process', process.id, json(process));
    // Reviewed again in the autumn.
    const reviewed = start + rng.between(150 * DAY, 300 * DAY);
    put(
      reviewed,
      lucia,
      'business-process',
      process.id,
      json({ ...process, lastReviewed: new Date(reviewed).toISOString().slice(0, 10) }),
    );
  }

  at += HOUR;
  const templates = [
    [
      'status-investigating',
      'Status page: investigating',
      'status-page',
      'en',
      'We are investigating problems with {{services}}.',
    ],
    [
      'status-investigating-fr',
      'Page de statut : analyse',
      'status-page',
      'fr',
      'Nous analysons des problèmes sur {{services}}.',
    ],
    ['customers-apology', 'Customers: apology', 'customers', 'en', 'Some of you could not order today. We are sorry.'],
    ['exec-brief', 'Executives: brief', 'executives', 'en', '{{severity}} on {{services}}: impact and next update.'],
  ] as const;
  for (const [id, name, audience, locale, body] of templates)
    put(step(), elodie, 'comms-template', id, json(templateSchema.parse({ id, name, audience, locale, body })));
  const channels = [
    { id: 'status-page', name: 'Status page', kind: 'webhook', secret: 'statuspage-webhook' },
    { id: 'incidents-slack', name: '#incidents', kind: 'slack', secret: 'slack-incidents' },
    {
      id: 'exec-email',
      name: 'Executives list',
      kind: 'email',
      email: {
        host: 'smtp.shop.example',
        port: 587,
        secure: false,
        from: 'warroom@shop.example',
        to: ['exec@shop.example'],
      },
    },
  ];
  for (const channel of channels) put(step(), elodie, 'comms-channel', channel.id, json(channelSchema.parse(channel)));
  put(
    step(),
    elodie,
    'comms-cadence',
    'SEV1',
    json(
      cadencePolicyDocSchema.parse({
        'status-page': { firstMinutes: 10, everyMinutes: 30 },
        executives: { firstMinutes: 30, everyMinutes: 60 },
      }),
    ),
  );
  put(
    step(),
    elodie,
    'comms-cadence',
    'SEV2',
    json(cadencePolicyDocSchema.parse({ 'status-page': { firstMinutes: 15, everyMinutes: 60 } })),
  );

  // Two built-in runbooks saved with the team's own last step, then revised once.
  for (const id of OVERRIDDEN_RUNBOOKS) {
    const builtIn = BUILT_INS.find((runbook) => runbook.id === id) ?? BUILT_INS[0];
    if (!builtIn) continue;
    const own = runbookSchema.parse({
      ...builtIn,
      steps: [
        ...builtIn.steps,
        { id: 'team-debrief', kind: 'manual', title: 'Fifteen-minute debrief in the channel', role: 'commander' },
      ],
    });
    put(step(), camille, RUNBOOK_COLLECTION, own.id, json(own));
    const revisedAt = start + rng.between(60 * DAY, 300 * DAY);
    const revised = runbookSchema.parse({
      ...own,
      steps: own.steps.map((each) =>
        each.id === 'team-debrief' ? { ...each, title: 'Thirty-minute debrief, notes in the post-mortem' } : each,
      ),
    });
    put(revisedAt, camille, RUNBOOK_COLLECTION, own.id, json(revised));
  }

  for (let index = 0; index < 10; index += 1) {
    const risk = riskSchema.parse({
      title: rng.pick([
        'Payment provider outage on a peak day',
        'Ransomware on the back office',
        'Loss of the primary data centre',
        'Expired certificates on customer-facing sites',
        'DDoS during the sales',
        'Key supplier bankruptcy',
        'Store network outage',
        'Personal data breach',
        'Bad deployment on Black Friday',
        'Cloud region outage',
      ]),
      family: rng.pick(RISK_FAMILIES),
      likelihood: rng.int(1, 5),
      impact: rng.int(2, 5),
      owner: rng.pick(cast.members).name,
      processes: rng.sample(
        BUILT_IN_PROCESSES.map((process) => process.id),
        rng.int(1, 2),
      ),
    });
    put(step(), lucia, RISK_COLLECTION, rng.uuid(), json(risk));
  }

  // People change teams and numbers during a year.
  for (let count = 0; count < 12; count += 1) {
    const [docId, name, team] = rng.pick(directory);
    const when = start + rng.between(20 * DAY, until - start - DAY);
    put(
      when,
      camille,
      'person',
      docId,
      json(
        personSchema.parse({
          name,
          team,
          contact: `+33 6 ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)}`,
        }),
      ),
    );
  }
  return {
    items: items.sort((a, b) => a.at - b.at),
    extraRoles: [
      ...ROLES.filter((role) => !['commander', 'scribe', 'communications', 'operations'].includes(role)),
      ...customRoles,
    ],
  };
}
