import type { Knex } from 'knex';
import type { RequestContext } from '../core/record-service';
import { ConflictError, ForbiddenError, NotFoundError, StaleVersionError, UnprocessableError, ValidationError, versionMatches, type ExpectedVersion } from '../errors';
import { audit } from '../identity/audit-log';
import { requestProcessStart } from '../process/start-requests';
import {
  assessedWith, assessmentProblems, deadlineOf, mayClose, msLeft, statusAfterAssessment, type Assessment,
} from './breach-rules';
import { breachMessage } from './breach.messages';
import type {
  Breach, BreachCommunication, BreachCommunicationInput, BreachDeclareInput, BreachNotification, BreachNotificationInput, BreachStatus, BreachUpdateInput,
} from './breach.schema';

/**
 * The register of personal data breaches (art. 33.5), the one write path of `gdpr_breaches`: the API and
 * the process's activities change a breach only through these functions. Declaring one asks for its
 * process `gdpr.breach-response` in the same transaction (started once committed, breach-start.ts); a
 * change the process must hear is answered as `signal` (breach-signal.ts sends it after the commit).
 */
export const BREACH_RESOURCE = 'PersonalDataBreach';
export const BREACH_RESPONSE = 'gdpr.breach-response';

/** What the process is told after a change: the assessment decided, documented without notification, or notified. */
export type BreachSignal = { kind: 'assessed'; notifyAuthority: boolean } | { kind: 'documented' } | { kind: 'notified' };

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

export function breachOf(row: Row, now: Date): Breach {
  const status = row.status as BreachStatus;
  const discoveredAt = iso(row.discoveredAt)!;
  return {
    id: String(row.id), number: Number(row.number), title: String(row.title), nature: row.nature as Breach['nature'],
    description: String(row.description), startedAt: iso(row.startedAt), discoveredAt,
    dataCategories: row.dataCategories as Breach['dataCategories'], peopleCategories: row.peopleCategories as string[],
    approxPeople: row.approxPeople === null ? null : Number(row.approxPeople), approxRecords: row.approxRecords === null ? null : Number(row.approxRecords),
    consequences: String(row.consequences), measuresTaken: String(row.measuresTaken), measuresProposed: String(row.measuresProposed),
    riskLevel: (row.riskLevel ?? null) as Breach['riskLevel'],
    authorityDecision: (row.authorityDecision ?? null) as Breach['authorityDecision'], authorityReason: (row.authorityReason ?? null) as string | null,
    peopleDecision: (row.peopleDecision ?? null) as Breach['peopleDecision'], peopleReason: (row.peopleReason ?? null) as string | null,
    contactIds: (row.contactIds as string[]) ?? [],
    notifications: row.notifications as Breach['notifications'], communications: row.communications as Breach['communications'],
    escalations: row.escalations as Breach['escalations'],
    status, deadlineAt: deadlineOf(discoveredAt).toISOString(), msLeft: msLeft(status, discoveredAt, now),
    version: Number(row.version), createdAt: iso(row.createdAt)!, updatedAt: iso(row.updatedAt)!,
  };
}

function requireRight(ctx: RequestContext, action: 'read' | 'create' | 'update'): void {
  if (!ctx.ability.can(action, BREACH_RESOURCE)) throw new ForbiddenError(breachMessage(action === 'read' ? 'gdpr.breach.forbidden-read' : 'gdpr.breach.forbidden-write'));
}

async function load(trx: Knex.Transaction, id: string, lock = false): Promise<Row> {
  const query = trx('gdprBreaches').where({ id });
  if (lock) query.forUpdate();
  const row = /^[0-9a-f-]{36}$/i.test(id) ? ((await query.first()) as Row | undefined) : undefined;
  if (!row) throw new NotFoundError(breachMessage('gdpr.breach.not-found'));
  return row;
}

function checkDates(startedAt: string | null | undefined, discoveredAt: string, now: Date): void {
  if (Date.parse(discoveredAt) > now.getTime() + 60_000) throw new ValidationError([{ field: 'discoveredAt', message: breachMessage('gdpr.breach.discovered-in-future') }]);
  if (startedAt && Date.parse(startedAt) > Date.parse(discoveredAt)) throw new ValidationError([{ field: 'startedAt', message: breachMessage('gdpr.breach.started-after-discovery') }]);
}

async function checkContacts(trx: Knex.Transaction, ids: readonly string[] | undefined): Promise<void> {
  if (!ids?.length) return;
  const found = await trx('contacts').whereIn('id', [...new Set(ids)]).pluck('id');
  if (found.length !== new Set(ids).size) throw new ValidationError([{ field: 'contactIds', message: breachMessage('gdpr.breach.unknown-contact') }]);
}

function factsColumns(input: Partial<BreachDeclareInput>): Row {
  const row: Row = { ...input };
  for (const k of ['nature', 'dataCategories', 'peopleCategories', 'contactIds'] as const) if (input[k] !== undefined) row[k] = input[k];
  return row;
}

export async function listBreaches(ctx: RequestContext, query: { status?: BreachStatus; open?: 'true' | 'false' }, now: Date): Promise<Breach[]> {
  requireRight(ctx, 'read');
  const rows = await ctx.trx('gdprBreaches').modify((q) => {
    if (query.status) q.where({ status: query.status });
    if (query.open === 'true') q.whereNot({ status: 'closed' });
    if (query.open === 'false') q.where({ status: 'closed' });
  }).orderBy([{ column: 'discoveredAt', order: 'desc' }, { column: 'number', order: 'desc' }]).limit(500);
  return rows.map((r: Row) => breachOf(r, now));
}

export async function readBreach(ctx: RequestContext, id: string, now: Date): Promise<Breach> {
  requireRight(ctx, 'read');
  return breachOf(await load(ctx.trx, id), now);
}

/** Declares a breach and asks for its process (started once this transaction commits). */
export async function declareBreach(ctx: RequestContext, input: BreachDeclareInput, now: Date): Promise<Breach> {
  requireRight(ctx, 'create');
  checkDates(input.startedAt, input.discoveredAt, now);
  await checkContacts(ctx.trx, input.contactIds);
  const { tenantId, userId } = ctx.principal;
  await ctx.trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`gdpr-breach-number/${tenantId}`]);
  const [{ next }] = await ctx.trx('gdprBreaches').select(ctx.trx.raw('coalesce(max(number), 0) + 1 as next'));
  const [row] = await ctx.trx('gdprBreaches').insert({ ...factsColumns(input), tenantId, number: Number(next), createdBy: userId ?? null }).returning('*');
  await requestProcessStart(ctx.trx, tenantId, { processKey: BREACH_RESPONSE, businessKey: String(row.id), variables: { breachId: String(row.id) } });
  await audit(ctx.trx, { tenantId, actorUserId: userId ?? null, action: 'gdpr.breach.declare', targetType: 'gdpr-breach', targetId: String(row.id), details: {} });
  return breachOf(row as Row, now);
}

function assessmentOf(row: Row): Assessment {
  return {
    riskLevel: (row.riskLevel ?? null) as Assessment['riskLevel'], authorityDecision: (row.authorityDecision ?? null) as Assessment['authorityDecision'],
    authorityReason: (row.authorityReason ?? null) as string | null, peopleDecision: (row.peopleDecision ?? null) as Assessment['peopleDecision'],
    peopleReason: (row.peopleReason ?? null) as string | null,
  };
}

/**
 * Changes a breach's facts or assessment. A decision recorded moves the status (documented without
 * notification, or assessed and waiting for the notification) and is answered as the process's signal.
 */
export async function updateBreach(ctx: RequestContext, id: string, patch: BreachUpdateInput, expected: ExpectedVersion | undefined, now: Date): Promise<{ breach: Breach; signal: BreachSignal | null }> {
  requireRight(ctx, 'update');
  const row = await load(ctx.trx, id, true);
  if (!versionMatches(expected, row.version)) throw new StaleVersionError(breachOf(row, now));
  if (row.status === 'closed') throw new ConflictError(breachMessage('gdpr.breach.closed'));
  checkDates(patch.startedAt === undefined ? iso(row.startedAt) : patch.startedAt, patch.discoveredAt ?? iso(row.discoveredAt)!, now);
  await checkContacts(ctx.trx, patch.contactIds);
  const before = assessmentOf(row);
  const after = assessedWith(before, patch);
  const problems = assessmentProblems(after);
  if (problems.length) throw new UnprocessableError(breachMessage(problems[0]!.code), { errors: problems.map((p) => ({ field: p.field, message: breachMessage(p.code) })) });
  const status = statusAfterAssessment(row.status as BreachStatus, after);
  const [saved] = await ctx.trx('gdprBreaches').where({ id })
    .update({ ...factsColumns(patch), status, version: Number(row.version) + 1, updatedAt: ctx.trx.fn.now() }).returning('*');
  await audit(ctx.trx, { tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId ?? null, action: 'gdpr.breach.update', targetType: 'gdpr-breach', targetId: id, details: { status } });
  const decided = after.authorityDecision !== before.authorityDecision;
  const signal: BreachSignal | null = !decided || !after.authorityDecision || status === 'notified' ? null
    : after.authorityDecision === 'not-required' ? { kind: 'documented' } : { kind: 'assessed', notifyAuthority: true };
  return { breach: breachOf(saved as Row, now), signal };
}

/** Records a notification to the CNIL: the initial one (the breach becomes notified), then complements. */
export async function recordNotification(ctx: RequestContext, id: string, input: BreachNotificationInput, now: Date): Promise<{ breach: Breach; signal: BreachSignal | null }> {
  requireRight(ctx, 'update');
  const row = await load(ctx.trx, id, true);
  if (row.status === 'closed') throw new ConflictError(breachMessage('gdpr.breach.closed'));
  if (row.authorityDecision === 'not-required') throw new ConflictError(breachMessage('gdpr.breach.documented-not-notified'));
  const notifications = row.notifications as BreachNotification[];
  const hasInitial = notifications.some((n) => n.phase === 'initial');
  if (input.phase === 'initial' && hasInitial) throw new ConflictError(breachMessage('gdpr.breach.initial-twice'));
  if (input.phase === 'complement' && !hasInitial) throw new ConflictError(breachMessage('gdpr.breach.initial-missing'));
  if (input.phase === 'initial' && Date.parse(input.notifiedAt) > deadlineOf(row.discoveredAt as Date).getTime() && !input.delayReason?.trim()) {
    throw new UnprocessableError(breachMessage('gdpr.breach.late-reason-required'), { errors: [{ field: 'delayReason', message: breachMessage('gdpr.breach.late-reason-required') }] });
  }
  const next = [...notifications, { ...input, recordedBy: ctx.principal.userId ?? ctx.actorUserId ?? null }];
  const [saved] = await ctx.trx('gdprBreaches').where({ id }).update({
    notifications: JSON.stringify(next), status: 'notified', authorityDecision: 'notify',
    version: Number(row.version) + 1, updatedAt: ctx.trx.fn.now(),
  }).returning('*');
  await audit(ctx.trx, { tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId ?? null, action: 'gdpr.breach.notify', targetType: 'gdpr-breach', targetId: id, details: { phase: input.phase } });
  return { breach: breachOf(saved as Row, now), signal: input.phase === 'initial' ? { kind: 'notified' } : null };
}

/** Records a communication to the people concerned (by the process's mails, or made elsewhere and written down). */
export async function recordCommunication(ctx: RequestContext, id: string, input: BreachCommunicationInput & { messageIds?: string[] }, now: Date): Promise<Breach> {
  requireRight(ctx, 'update');
  const row = await load(ctx.trx, id, true);
  if (row.status === 'closed') throw new ConflictError(breachMessage('gdpr.breach.closed'));
  const communication: BreachCommunication = { at: input.at, channel: input.channel, text: input.text, recipients: input.recipients, messageIds: input.messageIds ?? [] };
  const [saved] = await ctx.trx('gdprBreaches').where({ id }).update({
    communications: JSON.stringify([...(row.communications as BreachCommunication[]), communication]), version: Number(row.version) + 1, updatedAt: ctx.trx.fn.now(),
  }).returning('*');
  await audit(ctx.trx, { tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId ?? null, action: 'gdpr.breach.communicate', targetType: 'gdpr-breach', targetId: id, details: { channel: input.channel } });
  return breachOf(saved as Row, now);
}

export async function closeBreach(ctx: RequestContext, id: string, now: Date): Promise<Breach> {
  requireRight(ctx, 'update');
  const row = await load(ctx.trx, id, true);
  if (!mayClose(row.status as BreachStatus)) throw new ConflictError(breachMessage('gdpr.breach.not-closable'));
  const [saved] = await ctx.trx('gdprBreaches').where({ id }).update({ status: 'closed', version: Number(row.version) + 1, updatedAt: ctx.trx.fn.now() }).returning('*');
  await audit(ctx.trx, { tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId ?? null, action: 'gdpr.breach.close', targetType: 'gdpr-breach', targetId: id, details: {} });
  return breachOf(saved as Row, now);
}

/**
 * Records the process's escalation at `hours` after discovery, once: nothing while a notification is no
 * longer awaited (notified, documented, closed) or when recorded already (a retried task). Answers who
 * is to be told: the active staff whose roles read breaches (the data protection officer, the direction).
 */
export async function escalateBreach(ctx: RequestContext, id: string, hours: 24 | 48 | 72, at: Date): Promise<{ outcome: 'recorded' | 'met' | 'already-recorded'; breach: Breach; recipients: Array<{ id: string; email: string }> }> {
  requireRight(ctx, 'update');
  const row = await load(ctx.trx, id, true);
  const breach = breachOf(row, at);
  if (breach.msLeft === null) return { outcome: 'met', breach, recipients: [] };
  const recipients = await ctx.trx('users').where({ active: true }).whereNot({ type: 'client' })
    .whereIn('id', ctx.trx('userRoles as ur').join('permissionGrants as g', 'g.roleId', 'ur.roleId').where('g.permission', 'gdpr.breach.read').select('ur.userId'))
    .orderBy('id').select('id', 'email') as Array<{ id: string; email: string }>;
  // Recorded by an earlier try of the same task: its mails (keyed on the task and the person) are sent again safely.
  if (breach.escalations.some((e) => e.hours === hours)) return { outcome: 'already-recorded', breach, recipients };
  const escalations = [...breach.escalations, { hours, at: at.toISOString(), notified: recipients.length }];
  await ctx.trx('gdprBreaches').where({ id }).update({ escalations: JSON.stringify(escalations), updatedAt: ctx.trx.fn.now() });
  return { outcome: 'recorded', breach: { ...breach, escalations }, recipients };
}
