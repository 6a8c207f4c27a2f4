import type { Knex } from 'knex';
import { appendHistory } from '../core/history';
import { loadFor, type RequestContext } from '../core/record-service';
import { contacts } from '../core/resources';
import { ForbiddenError, NotFoundError, UnprocessableError } from '../errors';
import type { Locale } from '../i18n/messages';
import { audit } from '../identity/audit-log';
import { registeredModules } from '../modules/registry';
import type { ConsentPurpose } from '../modules/vertical-module';
import { SOURCE_LABELS, type ConsentEntryInput, type ConsentSubject } from './consent.schemas';
import { consentMessage } from './consent.messages';
import { findPurpose, presentPurpose, purposeAppliesTo, purposesOf } from './consent-purposes';
import { byLatest, deriveConsent, expiryOf, type ConsentState, type LedgerEntry } from './consent-state';

/**
 * The consent ledger (issue 15, docs/adr/0024-consent-ledger.md): the one write path of
 * `gdpr_consent_entries` (append an entry: the table takes no update nor delete from the application) and the
 * reads that derive the current state (`consent-state.ts`). Comms reads `consentAllows` before every send and
 * again just before the provider call, so a withdrawal stops what a campaign or a process has already planned.
 */
type Row = Record<string, unknown>;
const ENTRY_COLUMNS = ['e.id', 'e.purpose', 'e.channel', 'e.decision', 'e.source', 'e.sourceDetail', 'e.textId', 't.version as textVersion',
  'e.occurredAt', 'e.recordedAt', 'e.expiresAt', 'e.recordedBy', 'u.displayName as recordedByName'];

function toEntry(r: Row): LedgerEntry & { recordedByName: string | null } {
  return {
    id: String(r.id), purpose: String(r.purpose), channel: String(r.channel), decision: r.decision as LedgerEntry['decision'],
    source: r.source as LedgerEntry['source'], sourceDetail: (r.sourceDetail as string) ?? null, textId: (r.textId as string) ?? null,
    textVersion: r.textVersion === null || r.textVersion === undefined ? null : Number(r.textVersion),
    occurredAt: new Date(r.occurredAt as string), recordedAt: new Date(r.recordedAt as string),
    expiresAt: r.expiresAt ? new Date(r.expiresAt as string) : null, recordedBy: (r.recordedBy as string) ?? null,
    recordedByName: (r.recordedByName as string) ?? null,
  };
}

function entriesOf(trx: Knex.Transaction, subject: ConsentSubject) {
  return trx('gdprConsentEntries as e')
    .leftJoin('gdprConsentTexts as t', 't.id', 'e.textId')
    .leftJoin('users as u', 'u.id', 'e.recordedBy')
    .where({ 'e.subjectKind': subject.kind, 'e.subjectId': subject.id });
}

function declared(purpose: string): ConsentPurpose | undefined {
  return registeredModules().flatMap((m) => m.consentPurposes ?? []).find((p) => p.key === purpose);
}

/** Whether the processing may go ahead now for this person, purpose and channel (the latest entry decides). */
export async function consentAllows(trx: Knex.Transaction, subject: ConsentSubject, purpose: string, channel: string): Promise<boolean> {
  const latest = await entriesOf(trx, subject).where({ 'e.purpose': purpose, 'e.channel': channel })
    .orderBy([{ column: 'e.occurredAt', order: 'desc' }, { column: 'e.recordedAt', order: 'desc' }]).first(...ENTRY_COLUMNS);
  if (!latest) return false;
  const { now } = await trx.first(trx.raw('now() as now'));
  return deriveConsent([toEntry(latest)], purpose, channel, new Date(now as string), { softOptIn: declared(purpose)?.softOptIn }).allowed;
}

/**
 * Whether the processing may go ahead now when several people's ledgers speak for one person (a contact and
 * the users or contacts its organisation's modules name): the latest entry for the purpose and channel across
 * all of them decides, as for one (a withdrawal anywhere more recent than a grant wins).
 */
export async function consentAllowsAcross(trx: Knex.Transaction, subjects: readonly ConsentSubject[], purpose: string, channel: string): Promise<boolean> {
  if (!subjects.length) return false;
  const latest = await trx('gdprConsentEntries as e')
    .leftJoin('gdprConsentTexts as t', 't.id', 'e.textId')
    .leftJoin('users as u', 'u.id', 'e.recordedBy')
    .where({ 'e.purpose': purpose, 'e.channel': channel })
    .where((q) => { for (const s of subjects) q.orWhere({ 'e.subjectKind': s.kind, 'e.subjectId': s.id }); })
    .orderBy([{ column: 'e.occurredAt', order: 'desc' }, { column: 'e.recordedAt', order: 'desc' }]).first(...ENTRY_COLUMNS);
  if (!latest) return false;
  const { now } = await trx.first(trx.raw('now() as now'));
  return deriveConsent([toEntry(latest)], purpose, channel, new Date(now as string), { softOptIn: declared(purpose)?.softOptIn }).allowed;
}

async function verticalsOf(trx: Knex.Transaction): Promise<string[]> {
  return ((await trx('tenants').first('verticals'))?.verticals as string[] | undefined) ?? [];
}

/**
 * Who may read or write a person's consents: a contact's, whoever may read (update) the contact, or the data
 * protection officer; a user's, the user themself or the data protection officer. Unknown: 404.
 */
export async function checkSubjectAccess(ctx: RequestContext, subject: ConsentSubject, action: 'read' | 'update'): Promise<void> {
  const dpo = ctx.ability.can(action, 'ConsentLedger');
  if (subject.kind === 'contact') {
    if (dpo) {
      if (!(await ctx.trx('contacts').where({ id: subject.id }).first('id'))) throw new NotFoundError(consentMessage('gdpr.consent.no-subject'));
      return;
    }
    await loadFor(ctx, contacts, subject.id, action);
    return;
  }
  if (!(await ctx.trx('users').where({ id: subject.id }).first('id'))) throw new NotFoundError(consentMessage('gdpr.consent.no-subject'));
  if (subject.id !== ctx.principal.userId && !dpo) {
    throw new ForbiddenError(consentMessage(action === 'read' ? 'gdpr.consent.forbidden-read' : 'gdpr.consent.forbidden-write'));
  }
}

export function presentEntry(e: LedgerEntry & { recordedByName?: string | null }) {
  return {
    id: e.id, purpose: e.purpose, channel: e.channel, decision: e.decision, source: e.source, sourceDetail: e.sourceDetail,
    textId: e.textId, textVersion: e.textVersion, occurredAt: e.occurredAt.toISOString(), recordedAt: e.recordedAt.toISOString(),
    expiresAt: e.expiresAt?.toISOString() ?? null, recordedBy: e.recordedBy, recordedByName: e.recordedByName ?? null,
  };
}

function presentState(s: ConsentState) {
  return { ...s, since: s.since?.toISOString() ?? null, expiresAt: s.expiresAt?.toISOString() ?? null };
}

/** The purposes the organisation's modules declare, in the reader's language (the texts' page lists them). */
export async function organisationPurposes(trx: Knex.Transaction, locale: Locale) {
  return purposesOf(await verticalsOf(trx)).map((p) => presentPurpose(p, locale));
}

/** The purposes' current texts in the organisation: version and id of the newest one per purpose. */
async function currentTexts(trx: Knex.Transaction): Promise<Map<string, { id: string; version: number; title: string; body: string }>> {
  const rows = await trx('gdprConsentTexts').distinctOn('purpose').orderBy([{ column: 'purpose' }, { column: 'version', order: 'desc' }])
    .select('id', 'purpose', 'version', 'title', 'body');
  return new Map(rows.map((r) => [String(r.purpose), { id: String(r.id), version: Number(r.version), title: String(r.title), body: String(r.body) }]));
}

/**
 * A person's consents: for every purpose of the organisation that concerns them, each channel's current state
 * (with the purpose's current text), and the whole ledger, newest first. The caller has checked access.
 */
export async function readConsents(trx: Knex.Transaction, subject: ConsentSubject, locale: Locale) {
  const [verticals, texts, rows] = await Promise.all([verticalsOf(trx), currentTexts(trx), entriesOf(trx, subject).select(...ENTRY_COLUMNS)]);
  const { now } = await trx.first(trx.raw('now() as now'));
  const at = new Date(now as string);
  const ledger = rows.map(toEntry).sort(byLatest);
  const purposes = purposesOf(verticals).filter((p) => purposeAppliesTo(p, subject.kind)).map((p) => {
    const text = texts.get(p.key) ?? null;
    return {
      ...presentPurpose(p, locale),
      currentText: text,
      states: p.channels.map((channel) => presentState(deriveConsent(ledger, p.key, channel, at, { softOptIn: p.softOptIn, currentTextVersion: text?.version ?? null }))),
    };
  });
  return { subject, purposes, ledger: ledger.map(presentEntry) };
}

/** The ledger's one write path: checks the entry against its purpose, appends it, notes it on the contact's timeline (or the audit log for a user). */
export async function appendConsent(ctx: RequestContext, subject: ConsentSubject, input: ConsentEntryInput) {
  const purpose = findPurpose(await verticalsOf(ctx.trx), input.purpose);
  if (!purpose) throw new UnprocessableError(consentMessage('gdpr.consent.unknown-purpose', { purpose: input.purpose }));
  if (!purpose.channels.includes(input.channel)) {
    throw new UnprocessableError(consentMessage('gdpr.consent.unknown-channel', { channel: input.channel, channels: purpose.channels.join(', ') }));
  }
  if (!purposeAppliesTo(purpose, subject.kind)) throw new UnprocessableError(consentMessage('gdpr.consent.not-for-subject'));
  if (input.decision === 'soft-opt-in' && !purpose.softOptIn) throw new UnprocessableError(consentMessage('gdpr.consent.no-soft-opt-in'));

  const { now } = await ctx.trx.first(ctx.trx.raw('now() as now'));
  const nowAt = new Date(now as string);
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : nowAt;
  // A minute's grace for a client's clock.
  if (occurredAt.getTime() > nowAt.getTime() + 60_000) throw new UnprocessableError(consentMessage('gdpr.consent.in-future'));
  if (input.decision === 'opt-out' && input.expiresAt) throw new UnprocessableError(consentMessage('gdpr.consent.expiry-on-opt-out'));
  const expiresAt = input.decision === 'opt-out' ? null
    : input.expiresAt !== undefined ? (input.expiresAt ? new Date(input.expiresAt) : null) : expiryOf(occurredAt, purpose.validity);
  if (expiresAt && expiresAt.getTime() <= occurredAt.getTime()) throw new UnprocessableError(consentMessage('gdpr.consent.expiry-before'));

  let textId: string | null = input.textId ?? null;
  if (textId) {
    const text = await ctx.trx('gdprConsentTexts').where({ id: textId }).first('purpose');
    if (!text || text.purpose !== purpose.key) throw new UnprocessableError(consentMessage('gdpr.consent.text-mismatch'));
  } else if (input.decision !== 'opt-out' && input.textId === undefined) {
    // Recorded as it happens: the text shown is the purpose's current one.
    textId = (await currentTexts(ctx.trx)).get(purpose.key)?.id ?? null;
  }

  const before = (await readConsents(ctx.trx, subject, 'fr')).purposes.find((p) => p.key === purpose.key)?.states.find((s) => s.channel === input.channel);
  const [row] = await ctx.trx('gdprConsentEntries').insert({
    tenantId: ctx.principal.tenantId, subjectKind: subject.kind, subjectId: subject.id, purpose: purpose.key, channel: input.channel,
    decision: input.decision, source: input.source, sourceDetail: input.sourceDetail ?? null, textId, occurredAt, expiresAt,
    recordedBy: ctx.principal.userId,
  }).returning('id');
  const after = input.decision === 'opt-out' ? 'withdrawn' : 'granted';
  if (subject.kind === 'contact') {
    await appendHistory(ctx.trx, ctx.principal.tenantId, {
      recordType: 'contact', recordId: subject.id, action: 'consent', actorUserId: ctx.principal.userId, requestId: ctx.requestId,
      changes: {
        purpose: purpose.key, channel: input.channel, consent: { before: before?.allowed ? 'granted' : before?.status === 'withdrawn' ? 'withdrawn' : null, after },
        source: input.sourceDetail ?? SOURCE_LABELS[input.source],
      },
    });
  } else {
    await audit(ctx.trx, {
      tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId, action: 'gdpr.consent.record', targetType: 'user', targetId: subject.id,
      details: { purpose: purpose.key, channel: input.channel, decision: input.decision, source: input.source },
    });
  }
  const saved = await entriesOf(ctx.trx, subject).where('e.id', row.id).first(...ENTRY_COLUMNS);
  return presentEntry(toEntry(saved));
}

/**
 * A person answered STOP to the organisation's SMS (comms' inbound webhook): a withdrawal for every purpose of the
 * organisation they had said yes to by that channel, source `reply`, recorded by nobody. The opt-out by address
 * (comms_opt_outs) already stops every send; this writes the proof in the person's ledger. START does not grant.
 */
export async function recordReplyWithdrawal(trx: Knex.Transaction, tenantId: string, contactId: string, channel: string, keyword: string): Promise<number> {
  const subject: ConsentSubject = { kind: 'contact', id: contactId };
  let written = 0;
  for (const purpose of purposesOf(await verticalsOf(trx)).filter((p) => p.channels.includes(channel) && purposeAppliesTo(p, 'contact'))) {
    const latest = await entriesOf(trx, subject).where({ 'e.purpose': purpose.key, 'e.channel': channel })
      .orderBy([{ column: 'e.occurredAt', order: 'desc' }, { column: 'e.recordedAt', order: 'desc' }]).first('e.decision');
    if (!latest || latest.decision === 'opt-out') continue;
    await trx('gdprConsentEntries').insert({
      tenantId, subjectKind: 'contact', subjectId: contactId, purpose: purpose.key, channel, decision: 'opt-out', source: 'reply', sourceDetail: keyword, recordedBy: null,
    });
    await appendHistory(trx, tenantId, {
      recordType: 'contact', recordId: contactId, action: 'consent', actorUserId: null,
      changes: { purpose: purpose.key, channel, consent: { before: 'granted', after: 'withdrawn' }, source: keyword },
    });
    written += 1;
  }
  return written;
}
