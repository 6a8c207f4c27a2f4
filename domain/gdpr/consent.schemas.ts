import { z } from 'zod';
import { requiredText, text, uuid } from '../core/fields';
import { fieldIssue } from '../i18n/zod-issues';

/**
 * The consent ledger's shapes (issue 15, docs/adr/0024-consent-ledger.md): the single source of the API's
 * validation, its OpenAPI and the UI's types.
 */
export const CONSENT_DECISIONS = ['opt-in', 'soft-opt-in', 'opt-out'] as const;
/** Where the person said it: a signed form, a web page, a phone call, an imported file, the client portal or « Mes données », a reply (STOP). */
export const CONSENT_SOURCES = ['form', 'web', 'phone', 'import', 'portal', 'reply'] as const;
export const SUBJECT_KINDS = ['contact', 'user'] as const;

/** How a source reads on a contact's timeline when the entry has no note (stored in French, the organisation's language). */
export const SOURCE_LABELS: Record<(typeof CONSENT_SOURCES)[number], string> = {
  form: 'Formulaire signé', web: 'Page web', phone: 'Téléphone', import: 'Import', portal: 'Espace personnel', reply: 'Réponse par SMS',
};

export const consentDecision = z.enum(CONSENT_DECISIONS);
export const consentSource = z.enum(CONSENT_SOURCES);
export const subjectKind = z.enum(SUBJECT_KINDS);
export const purposeKey = z.string().max(100).regex(/^[a-z]+(\.[a-z-]+)+$/, fieldIssue('field.invalid'));
export const channelKey = z.string().max(40).regex(/^[a-z][a-z-]*$/, fieldIssue('field.invalid'));
const dateTime = z.string().datetime({ offset: true, message: fieldIssue('field.date-time') });

export type ConsentDecision = z.infer<typeof consentDecision>;
export type ConsentSource = z.infer<typeof consentSource>;
export type SubjectKind = z.infer<typeof subjectKind>;

export const consentSubject = z.object({ kind: subjectKind, id: uuid }).strict();
export type ConsentSubject = z.infer<typeof consentSubject>;

/** One entry to append: who, for what and through which channel, what they decided, where and when, on which text. */
export const consentEntryInput = z.object({
  purpose: purposeKey,
  channel: channelKey,
  decision: consentDecision,
  source: consentSource,
  /** A note on the source (« Formulaire papier signé le 12/03 »): free text, blanked by an erasure. */
  sourceDetail: text(300).nullable().optional(),
  /** The version of the organisation's text shown to the person (`gdpr_consent_texts`); required by a purpose with texts. */
  textId: uuid.nullable().optional(),
  /** When the person said it; now when absent. Never in the future. */
  occurredAt: dateTime.optional(),
  /** When a grant lapses; the purpose's validity when absent (null: never). Not for an opt-out. */
  expiresAt: dateTime.nullable().optional(),
}).strict();
export type ConsentEntryInput = z.infer<typeof consentEntryInput>;

/** A person's own change from « Mes données »: the source is the portal, the text the purpose's current one. */
export const myConsentInput = z.object({
  purpose: purposeKey,
  channel: channelKey,
  decision: z.enum(['opt-in', 'opt-out']),
}).strict();
export type MyConsentInput = z.infer<typeof myConsentInput>;

export const consentQuery = z.object({ subjectKind, subjectId: uuid }).strict();

/** A text of consent as the data protection officer writes it; each saved text is one version of its purpose. */
export const consentTextInput = z.object({
  purpose: purposeKey,
  title: requiredText(200),
  body: requiredText(10_000),
}).strict();
export const consentTextUpdate = consentTextInput.omit({ purpose: true });
export type ConsentTextInput = z.infer<typeof consentTextInput>;

/** What the API answers (OpenAPI). */
const iso = z.string().describe('ISO 8601 date and time');
export const consentEntryView = z.object({
  id: z.string().uuid(), purpose: z.string(), channel: z.string(), decision: consentDecision, source: consentSource, sourceDetail: z.string().nullable(),
  textId: z.string().uuid().nullable(), textVersion: z.number().int().nullable(), occurredAt: iso, recordedAt: iso, expiresAt: iso.nullable(),
  recordedBy: z.string().uuid().nullable(), recordedByName: z.string().nullable(),
});
export const consentStateView = z.object({
  purpose: z.string(), channel: z.string(), status: z.enum(['granted', 'soft', 'withdrawn', 'expired', 'none']), allowed: z.boolean(),
  since: iso.nullable(), source: consentSource.nullable(), sourceDetail: z.string().nullable(), expiresAt: iso.nullable(),
  textVersion: z.number().int().nullable(), textOutdated: z.boolean(),
});
export const consentTextView = z.object({
  id: z.string().uuid(), purpose: z.string(), version: z.number().int(), title: z.string(), body: z.string(),
  createdAt: iso, updatedAt: iso, used: z.boolean().describe('Named by an entry of the ledger: it no longer changes'),
});
export const consentPurposeView = z.object({
  key: z.string(), module: z.string(), label: z.string(), description: z.string(), channels: z.array(z.string()), subjects: z.array(subjectKind),
  validity: z.string().nullable().describe('ISO 8601 duration a grant lasts'), softOptIn: z.boolean(),
});
export const consentsView = z.object({
  subject: consentSubject,
  purposes: z.array(consentPurposeView.extend({
    currentText: z.object({ id: z.string().uuid(), version: z.number().int(), title: z.string(), body: z.string() }).nullable(),
    states: z.array(consentStateView),
  })),
  ledger: z.array(consentEntryView).describe('Every entry, newest first'),
});
export const myDataView = z.object({
  subject: consentSubject,
  profile: z.object({
    id: z.string().uuid(), email: z.string(), displayName: z.string(), type: z.string(), createdAt: iso.nullable(),
    account: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
    roles: z.array(z.object({ key: z.string(), labelFr: z.string(), labelEn: z.string() })),
  }),
  contact: z.object({
    id: z.string().uuid(), firstName: z.string().nullable(), lastName: z.string().nullable(), email: z.string().nullable(),
    phone: z.string().nullable(), mobile: z.string().nullable(), jobTitle: z.string().nullable(),
  }).nullable(),
  counts: z.array(z.object({ kind: z.string().describe('The processing activity'), label: z.string(), count: z.number().int() })).describe('Rows about me per processing activity (what the export of my data holds)'),
});
