import type { Knex } from 'knex';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { RequestContext } from '../core/record-service';
import type { Locale } from '../i18n/messages';
import { audit } from '../identity/audit-log';
import { requestProcessStart } from '../process/start-requests';
import {
  answerRefusal, dueDateOf, extendedDueDateOf, extensionRefusal, isOpen, isOverdue, needsExport, verificationRefusal,
  type IdentityMethod, type Refusal, type RequestKind, type RequestStatus,
} from './request-rules';
import { requestMessage } from './requests.messages';
import type { RequestInput, RequestView } from './requests.schema';
import { gatherExport, type SubjectExport } from './subject-export';
import { locateSubject, normaliseAddress } from './subject-locator';
import { organisationSubjectPlan, organisationSubjects } from './subjects';
import { presentErasure } from './erasure.schema';

/**
 * The register of rights requests (issue 15, docs/adr/0023-rights-requests.md): the data protection officer
 * records a request (or a signed-in person files one about themselves), verifies the requester's identity,
 * may extend the deadline once, and answers. Each action is the one write path of a request, noted in the
 * audit log; the process `gdpr.rights-request` calls the same functions (requests-process.ts).
 */
export const RIGHTS_REQUEST_PROCESS = 'gdpr.rights-request';
/** The permissions the process's service tasks act with. */
export const REQUEST_PROCESS_PERMISSIONS = ['gdpr.request.read', 'gdpr.request.update'];

type Row = Record<string, unknown>;
/** 25 May 2018: no request under the GDPR was received before. */
const GDPR_IN_FORCE = Date.parse('2018-05-25T00:00:00+02:00');
const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

async function verticalsOf(trx: Knex.Transaction, tenantId: string): Promise<string[]> {
  const tenant = await trx('tenants').where({ id: tenantId }).first('verticals');
  return (tenant?.verticals as string[] | undefined) ?? [];
}

/** The officer (or a process acting for them) handles every request; anybody else only their own. */
function isOfficer(ctx: RequestContext, action: 'read' | 'create' | 'update' = 'read'): boolean {
  return ctx.ability.can(action, 'RightsRequest');
}

function isOwnRequest(ctx: RequestContext, row: Row): boolean {
  const me = ctx.principal.userId;
  return Boolean(me) && row.subjectKind === 'user' && row.subjectId === me && row.requesterUserId === me;
}

function refused(refusal: Refusal): ConflictError {
  return new ConflictError(requestMessage(`gdpr.request.${refusal}`));
}

export async function toView(trx: Knex.Transaction, row: Row, locale: Locale, now: Date, verticals?: string[]): Promise<RequestView> {
  const kinds = organisationSubjects(verticals ?? await verticalsOf(trx, String(row.tenantId)));
  const kind = row.kind as RequestKind;
  const status = row.status as RequestStatus;
  const dueAt = new Date(row.dueAt as string);
  const verifiedAt = iso(row.identityVerifiedAt);
  return {
    id: String(row.id), number: Number(row.number), kind, kindLabel: requestMessage(`gdpr.request.kind.${kind}`).render(locale),
    subject: {
      kind: String(row.subjectKind), id: String(row.subjectId), label: String(row.subjectLabel),
      kindLabel: kinds.find((k) => k.kind === row.subjectKind)?.label[locale] ?? String(row.subjectKind),
    },
    requester: {
      name: String(row.requesterName), email: (row.requesterEmail as string | null) ?? null,
      relation: row.requesterRelation as 'self' | 'representative', userId: (row.requesterUserId as string | null) ?? null,
    },
    details: String(row.details ?? ''),
    identity: { method: (row.identityMethod as IdentityMethod | null) ?? null, verifiedAt, verifiedBy: (row.identityVerifiedBy as string | null) ?? null },
    receivedAt: iso(row.receivedAt)!, dueAt: dueAt.toISOString(),
    extension: row.extendedAt ? { extendedAt: iso(row.extendedAt)!, reason: String(row.extensionReason) } : null,
    status, statusLabel: requestMessage(`gdpr.request.status.${status}`).render(locale), overdue: isOverdue(status, dueAt, now),
    answer: (row.answer as string | null) ?? null, refusalReason: (row.refusalReason as string | null) ?? null, answeredAt: iso(row.answeredAt),
    exportable: needsExport(kind) && Boolean(verifiedAt) && status !== 'refused',
    erasure: presentErasure(row, now),
    version: Number(row.version),
  };
}

/** The person a request is about: their kind in this organisation, and what names them now. */
async function resolveSubject(ctx: RequestContext, verticals: string[], kind: string, rawId: string): Promise<{ id: string; label: string }> {
  const plan = organisationSubjectPlan(kind, verticals);
  if (!plan) {
    throw new ValidationError([{ field: 'subject.kind', message: requestMessage('gdpr.request.unknown-subject-kind', { kinds: organisationSubjects(verticals).map((s) => s.kind) }) }]);
  }
  const id = plan.subject.table ? rawId : normaliseAddress(rawId) ?? rawId;
  const notFound = () => new ValidationError([{ field: 'subject.id', message: requestMessage('gdpr.request.subject-not-found') }]);
  if (plan.subject.table) {
    const located = await locateSubjectRow(ctx.trx, plan.subject.table, plan.subject.name, id);
    if (!located) throw notFound();
    return { id, label: located };
  }
  const found = await locateSubject(ctx.trx, plan, id);
  if (!found || ![...found.tables.values()].some((rows) => rows.length)) throw notFound();
  return { id, label: id };
}

async function locateSubjectRow(trx: Knex.Transaction, table: string, name: string[], id: string): Promise<string | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const row = await trx(table).where({ id }).first(...(name.length ? name : ['id'])) as Row | undefined;
  if (!row) return undefined;
  return Object.values(row).filter((v) => v !== null && v !== undefined && v !== '').join(' ') || id;
}

/**
 * Records a request and asks for its process (started once the transaction committed). The officer records
 * anybody's; a signed-in person files one about themselves (`{ kind: 'user', id: <their id> }`): their identity
 * is verified by their sign-in, and the requester is them.
 */
export async function createRequest(ctx: RequestContext, input: RequestInput, now: Date, locale: Locale): Promise<RequestView> {
  const me = ctx.principal.userId;
  const self = input.subject.kind === 'user' && input.subject.id === me;
  if (!isOfficer(ctx, 'create') && !self) throw new ForbiddenError(requestMessage('gdpr.request.forbidden'));
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + 60_000) throw new ValidationError([{ field: 'receivedAt', message: requestMessage('gdpr.request.received-in-future') }]);
  if (receivedAt.getTime() < GDPR_IN_FORCE) throw new ValidationError([{ field: 'receivedAt', message: requestMessage('gdpr.request.received-before-gdpr') }]);
  const tenantId = ctx.principal.tenantId;
  const verticals = await verticalsOf(ctx.trx, tenantId);
  const subject = await resolveSubject(ctx, verticals, input.subject.kind, input.subject.id);
  let requester = input.requester;
  if (!requester) {
    if (!self) throw new ValidationError([{ field: 'requester', message: requestMessage('gdpr.request.requester-required') }]);
    const user = await ctx.trx('users').where({ id: me }).first('displayName', 'email');
    requester = { name: String(user.displayName), email: String(user.email), relation: 'self' };
  }
  const number = Number((await ctx.trx.raw(
    `insert into tenant_counters (tenant_id, name, value) values (?, 'gdpr-request', 1)
     on conflict (tenant_id, name) do update set value = tenant_counters.value + 1 returning value`, [tenantId],
  )).rows[0].value);
  const [row] = await ctx.trx('gdprRequests').insert({
    tenantId, number, kind: input.kind, subjectKind: input.subject.kind, subjectId: subject.id, subjectLabel: subject.label,
    requesterName: requester.name, requesterEmail: requester.email ?? null, requesterRelation: requester.relation, requesterUserId: self ? me : null,
    details: input.details ?? '', receivedAt, dueAt: dueDateOf(receivedAt),
    ...(self ? { identityMethod: 'signed-in', identityVerifiedAt: now, identityVerifiedBy: me, status: 'in-progress' } : {}),
    createdBy: me ?? null,
  }).returning('*');
  await requestProcessStart(ctx.trx, tenantId, { processKey: RIGHTS_REQUEST_PROCESS, businessKey: String(row.id), variables: { requestId: String(row.id) } });
  await audit(ctx.trx, { tenantId, actorUserId: me ?? null, action: 'gdpr.request.create', targetType: 'gdpr-request', targetId: String(row.id), details: { kind: input.kind } });
  return toView(ctx.trx, row, locale, now, verticals);
}

/** The request as its reader may see it: the officer any, anybody else their own (others are not found). */
export async function findRequestRow(ctx: RequestContext, id: string, forUpdate = false): Promise<Row> {
  const query = ctx.trx('gdprRequests').where({ id });
  const row = (await (forUpdate ? query.forUpdate() : query).first()) as Row | undefined;
  if (!row || (!isOfficer(ctx) && !isOwnRequest(ctx, row))) throw new NotFoundError(requestMessage('gdpr.request.not-found'));
  return row;
}

export async function readRequest(ctx: RequestContext, id: string, locale: Locale, now: Date): Promise<RequestView> {
  return toView(ctx.trx, await findRequestRow(ctx, id), locale, now);
}

/** Open requests (by deadline, the nearest first), closed ones, or all; the officer's are every request, another person's their own. */
export async function listRequests(ctx: RequestContext, status: 'open' | 'closed' | 'all', locale: Locale, now: Date): Promise<RequestView[]> {
  const query = ctx.trx('gdprRequests').orderBy([{ column: 'dueAt' }, { column: 'number' }]).limit(500);
  if (status === 'open') query.whereNotIn('status', ['answered', 'refused']);
  if (status === 'closed') query.whereIn('status', ['answered', 'refused']);
  if (!isOfficer(ctx)) query.where({ subjectKind: 'user', subjectId: ctx.principal.userId, requesterUserId: ctx.principal.userId });
  const verticals = await verticalsOf(ctx.trx, ctx.principal.tenantId);
  return Promise.all((await query.select('*')).map((row: Row) => toView(ctx.trx, row, locale, now, verticals)));
}

async function change(ctx: RequestContext, id: string, action: string, patch: (row: Row) => Row, locale: Locale, now: Date): Promise<RequestView> {
  if (!isOfficer(ctx, 'update')) throw new ForbiddenError(requestMessage('gdpr.request.forbidden'));
  const row = await findRequestRow(ctx, id, true);
  const [saved] = await ctx.trx('gdprRequests').where({ id }).update({ ...patch(row), version: Number(row.version) + 1, updatedAt: now }).returning('*');
  await audit(ctx.trx, { tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId ?? ctx.actorUserId ?? null, action, targetType: 'gdpr-request', targetId: id, details: {} });
  return toView(ctx.trx, saved, locale, now);
}

const actor = (ctx: RequestContext) => ctx.principal.userId ?? ctx.actorUserId ?? null;

/** The requester's identity checked (art. 12.6: only as far as a reasonable doubt requires). */
export function verifyRequest(ctx: RequestContext, id: string, method: IdentityMethod, locale: Locale, now: Date): Promise<RequestView> {
  return change(ctx, id, 'gdpr.request.verify', (row) => {
    const refusal = verificationRefusal(row.status as RequestStatus, row.identityVerifiedAt ? new Date(row.identityVerifiedAt as string) : null);
    if (refusal) throw refused(refusal);
    return { identityMethod: method, identityVerifiedAt: now, identityVerifiedBy: actor(ctx), status: 'in-progress' };
  }, locale, now);
}

/** Two more months, once, with the reason the person is told (art. 12.3). */
export function extendRequest(ctx: RequestContext, id: string, reason: string, locale: Locale, now: Date): Promise<RequestView> {
  return change(ctx, id, 'gdpr.request.extend', (row) => {
    const refusal = extensionRefusal(row.status as RequestStatus, row.extendedAt ? new Date(row.extendedAt as string) : null);
    if (refusal) throw refused(refusal);
    return { extendedAt: now, extensionReason: reason, dueAt: extendedDueDateOf(new Date(row.receivedAt as string)) };
  }, locale, now);
}

/** The answer given (granted), or the refusal and its reason (art. 12.4). */
export function answerRequest(ctx: RequestContext, id: string, input: { outcome: 'answered' | 'refused'; answer: string; refusalReason?: string | null }, locale: Locale, now: Date): Promise<RequestView> {
  return change(ctx, id, 'gdpr.request.answer', (row) => {
    const refusal = answerRefusal(row.status as RequestStatus, row.identityVerifiedAt ? new Date(row.identityVerifiedAt as string) : null, input.outcome);
    if (refusal) throw refused(refusal);
    return { status: input.outcome, answer: input.answer, refusalReason: input.outcome === 'refused' ? input.refusalReason ?? null : null, answeredAt: now, answeredBy: actor(ctx) };
  }, locale, now);
}

/** The process took the request: a request just received now waits for its identity check. */
export async function markVerifying(ctx: RequestContext, id: string): Promise<Row> {
  const row = await findRequestRow(ctx, id, true);
  if (row.status === 'received') {
    const [saved] = await ctx.trx('gdprRequests').where({ id }).update({ status: 'verifying', version: Number(row.version) + 1, updatedAt: ctx.trx.fn.now() }).returning('*');
    return saved as Row;
  }
  return row;
}

/**
 * The export of an access or portability request (art. 15 and 20), once the requester's identity is verified:
 * for the officer, or for the person themselves when it is their own request. Noted in the audit log.
 */
export async function readExport(ctx: RequestContext, id: string, now: Date): Promise<SubjectExport> {
  const row = await findRequestRow(ctx, id);
  if (!needsExport(row.kind as RequestKind) || !row.identityVerifiedAt || row.status === 'refused') throw new ConflictError(requestMessage('gdpr.request.no-export'));
  const gathered = await gatherExport(ctx.trx, row, now);
  await audit(ctx.trx, { tenantId: ctx.principal.tenantId, actorUserId: actor(ctx), action: 'gdpr.request.export', targetType: 'gdpr-request', targetId: id, details: {} });
  return gathered;
}

export { isOpen };

/** The message the panel's verification sends the process (its identity task is then done). */
export const REQUEST_VERIFIED_MESSAGE = 'gdpr.request-verified';
/** The message the panel's answer sends the process (it ends). */
export const REQUEST_CLOSED_MESSAGE = 'gdpr.request-closed';
