// The workspace's communication documents, carried by `doc.put`/`doc.delete`
// (last writer wins per id): message templates, the channels messages go out
// on, and the cadence policy per severity. Secrets (webhook addresses, the
// SMTP password) are never here: a channel names the secret it uses.
import { z } from 'zod';
import { SEVERITIES, type EventOf, type Severity } from '../events/event';
import { LOCALES, type Locale } from '../i18n/locales';
import { AUDIENCES, audienceSchema, channelKindSchema, MESSAGE_MAX, SUBJECT_MAX } from './audiences';

export const TEMPLATE_COLLECTION = 'comms-template';
export const CHANNEL_COLLECTION = 'comms-channel';
export const CADENCE_COLLECTION = 'comms-cadence';

const id = z.string().trim().min(1).max(64);
const name = z.string().trim().min(1).max(120);
/** A secret's name in the host's secret store. */
export const secretNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, dot, dash and underscore');

export const templateSchema = z.strictObject({
  id,
  name,
  audience: audienceSchema,
  locale: z.enum(LOCALES),
  subject: z.string().max(SUBJECT_MAX).optional(),
  body: z.string().min(1).max(MESSAGE_MAX),
});
export type Template = z.infer<typeof templateSchema>;

const address = z.string().trim().email().max(254);

export const emailSettingsSchema = z.strictObject({
  host: z.string().trim().min(1).max(253),
  port: z.number().int().min(1).max(65_535),
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: z.boolean(),
  user: z.string().trim().max(254).optional(),
  from: address,
  to: z.array(address).min(1).max(50),
});
export type EmailSettings = z.infer<typeof emailSettingsSchema>;

export const channelSchema = z
  .strictObject({
    id,
    name,
    kind: channelKindSchema,
    /** The secret holding the webhook address, or the SMTP password (optional for email). */
    secret: secretNameSchema.optional(),
    email: emailSettingsSchema.optional(),
  })
  .refine((channel) => (channel.kind === 'email' ? channel.email !== undefined : channel.secret !== undefined), {
    message: 'a webhook channel names the secret holding its address; an email channel has its server settings',
  });
export type Channel = z.infer<typeof channelSchema>;

const cadenceSchema = z
  .strictObject({
    firstMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
    /** Null: one message is expected, no rhythm after it (the regulator's notification). */
    everyMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .nullable(),
  })
  .nullable();
export const cadencePolicyDocSchema = z.strictObject(
  Object.fromEntries(AUDIENCES.map((audience) => [audience, cadenceSchema.optional()])) as Record<
    (typeof AUDIENCES)[number],
    z.ZodOptional<typeof cadenceSchema>
  >,
);
export type CadencePolicyDoc = z.infer<typeof cadencePolicyDocSchema>;

export interface CommsDocs {
  readonly templates: ReadonlyMap<string, Template>;
  readonly channels: ReadonlyMap<string, Channel>;
  /** Edited cadence per severity; what is missing keeps the default. */
  readonly cadence: ReadonlyMap<Severity, CadencePolicyDoc>;
}
export const NO_COMMS_DOCS: CommsDocs = { templates: new Map(), channels: new Map(), cadence: new Map() };

function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** Applies a document event when it is a comms document; a body this version cannot read is left out. */
export function applyCommsDoc(
  docs: CommsDocs,
  event: EventOf<'doc.put'> | EventOf<'doc.delete'>,
  _at: number,
): CommsDocs {
  const { collection, docId } = event.payload;
  const body = event.type === 'doc.put' ? event.payload.body : undefined;
  switch (collection) {
    case TEMPLATE_COLLECTION: {
      const templates = new Map(docs.templates);
      const parsed = templateSchema.safeParse(body);
      if (parsed.success && parsed.data.id === docId) templates.set(docId, parsed.data);
      else templates.delete(docId);
      return { ...docs, templates };
    }
    case CHANNEL_COLLECTION: {
      const channels = new Map(docs.channels);
      const parsed = channelSchema.safeParse(body);
      if (parsed.success && parsed.data.id === docId) channels.set(docId, parsed.data);
      else channels.delete(docId);
      return { ...docs, channels };
    }
    case CADENCE_COLLECTION: {
      if (!isSeverity(docId)) return docs;
      const cadence = new Map(docs.cadence);
      const parsed = cadencePolicyDocSchema.safeParse(body);
      if (parsed.success) cadence.set(docId, parsed.data);
      else cadence.delete(docId);
      return { ...docs, cadence };
    }
    default:
      return docs;
  }
}

export type { Locale };
