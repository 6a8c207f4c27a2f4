import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { FilterFn, RecordResource } from '../core/record-resource';
import { insertAccount } from '../core/record-samples';
import { containsUnaccented } from '../core/resources';
import { numberFor } from '../core/tenant-counter';
import { ConflictError, ValidationError } from '../errors';
import { coreMessage } from '../i18n/core.messages';
import type { RecordSample } from '../modules/vertical-module';
import { interaction, interactionCreate, interactionUpdate, opportunity, opportunityCreate, opportunityUpdate, stage, stageCreate, stageOutcome, stageUpdate } from './opportunity.schema';
import { DEFAULT_STAGES, enterStage, RANK_STEP, type StageOutcome } from './pipeline';
import { pipelineMessage as m } from './pipeline.messages';

/**
 * The pipeline's records on the generic record service (issue 14, spec 003 §2.1): the organisation's
 * stages (`psa.pipeline-stage`, edited by the MSP admin), opportunities (`psa.opportunity`: filters
 * `stageId`, `outcome`, `ownerId`, `accountId`; entering a stage applies pipeline.ts's rules whether
 * by PATCH or by a move on the board) and the commercial journal of an account (`psa.interaction`:
 * calls, e-mails, notes, meetings, actions, with reminders).
 */
type Row = Record<string, unknown>;
export const OPPORTUNITY_COUNTER = 'psa-opportunity';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidFilter(field: string, column: string): FilterFn {
  return (qb, value) => {
    if (!UUID.test(value)) throw new ValidationError([{ field, message: coreMessage('field.uuid') }]);
    qb.where(column, value);
  };
}
/** A user filter: an id, `me`, or `null` (nobody). */
function userFilter(field: string, column: string): FilterFn {
  return (qb, value, principal) => {
    if (value === 'null') qb.whereNull(column);
    else if (value === 'me') qb.where(column, principal.userId);
    else if (UUID.test(value)) qb.where(column, value);
    else throw new ValidationError([{ field, message: coreMessage('field.uuid') }]);
  };
}
const byDates = {
  createdAt: { column: 'createdAt', direction: 'asc' }, '-createdAt': { column: 'createdAt', direction: 'desc' },
  updatedAt: { column: 'updatedAt', direction: 'asc' }, '-updatedAt': { column: 'updatedAt', direction: 'desc' },
} as const;

/** The organisation's stages; the default ones are written the first time its pipeline is used. */
export async function ensurePipelineStages(trx: Knex.Transaction, tenantId: string, createdBy: string | null = null): Promise<Row[]> {
  const existing = await trx('psaPipelineStages').where({ tenantId }).orderBy([{ column: 'position' }, { column: 'id' }]);
  if (existing.length) return existing;
  await trx('psaPipelineStages').insert(DEFAULT_STAGES.map((s, position) => ({ tenantId, ...s, position, createdBy })))
    .onConflict(['tenant_id', 'key']).ignore();
  return trx('psaPipelineStages').where({ tenantId }).orderBy([{ column: 'position' }, { column: 'id' }]);
}

async function activeUser(trx: Knex.Transaction, id: unknown, field: string): Promise<void> {
  if (id === null || id === undefined) return;
  if (!(await trx('users').where({ id, active: true }).first('id'))) throw new ValidationError([{ field, message: m('psa.pipeline.no-such-user') }]);
}
async function contactOf(trx: Knex.Transaction, contactId: unknown, accountId: unknown): Promise<void> {
  if (!contactId) return;
  if (!(await trx('contacts').where({ id: contactId, accountId }).first('id'))) throw new ValidationError([{ field: 'contactId', message: m('psa.pipeline.no-such-contact') }]);
}
export async function stageById(trx: Knex.Transaction, id: unknown): Promise<Row> {
  const found = UUID.test(String(id)) ? await trx('psaPipelineStages').where({ id }).first() : undefined;
  if (!found) throw new ValidationError([{ field: 'stageId', message: m('psa.pipeline.no-such-stage') }]);
  return found;
}

export const psaPipelineStages: RecordResource = {
  key: 'psa.pipeline-stage', subject: 'PsaPipelineStage', recordType: 'psa-pipeline-stage', label: 'L\'étape', table: 'psa_pipeline_stages',
  createSchema: stageCreate, updateSchema: stageUpdate, outputSchema: stage,
  accountLink: null,
  filters: {
    outcome: (qb, value) => {
      if (!stageOutcome.options.includes(value as StageOutcome)) throw new ValidationError([{ field: 'outcome', message: m('psa.pipeline.outcome-filter') }]);
      qb.where('t.outcome', value);
    },
  },
  sorts: { position: { column: 'position', direction: 'asc' }, '-position': { column: 'position', direction: 'desc' }, ...byDates },
  defaultSort: 'position',
  async prepareCreate({ trx }, data) {
    if (await trx('psaPipelineStages').where({ key: data.key }).first('id')) throw new ConflictError(m('psa.pipeline.stage-key-taken', { key: String(data.key) }));
    return data;
  },
  async prepareDelete({ trx, current }) {
    const [{ count }] = await trx('psaOpportunities').where({ stageId: current.id }).count<Array<{ count: string }>>('id as count');
    if (Number(count) > 0) throw new ConflictError(m('psa.pipeline.stage-in-use', { label: String(current.labelFr), count: Number(count) }));
  },
};

/** Entering a stage (create, PATCH stageId or a move): pipeline.ts's rules as columns. */
export async function stageEntryColumns(trx: Knex.Transaction, current: Row | null, stageRow: Row, given: { probability?: number; lostReason?: string | null }): Promise<Row> {
  const state = {
    stageOutcome: (current?.stageOutcome ?? 'open') as StageOutcome, probability: Number(current?.probability ?? 0),
    closedAt: (current?.closedAt ?? null) as string | null, lostReason: (current?.lostReason ?? null) as string | null,
  };
  const entry = enterStage(state, { outcome: stageRow.outcome as StageOutcome, defaultProbability: Number(stageRow.defaultProbability) }, given);
  if (!entry.ok) throw new ValidationError([{ field: 'lostReason', message: m('psa.pipeline.lost-reason-required') }]);
  const { closedAt, ...rest } = entry.changes;
  return { ...rest, ...(closedAt === 'now' ? { closedAt: trx.fn.now() } : closedAt === null ? { closedAt: null } : {}) };
}

/** The rank at the bottom of a stage's column. */
export async function bottomRank(trx: Knex.Transaction, stageId: unknown): Promise<number> {
  const last = await trx('psaOpportunities').where({ stageId }).max<{ max: number | null }>('rank as max').first();
  return last?.max === null || last?.max === undefined ? RANK_STEP : Number(last.max) + RANK_STEP;
}

export const psaOpportunities: RecordResource = {
  key: 'psa.opportunity', subject: 'PsaOpportunity', recordType: 'psa-opportunity', label: 'L\'opportunité', table: 'psa_opportunities',
  createSchema: opportunityCreate, updateSchema: opportunityUpdate, outputSchema: opportunity,
  accountLink: 'accountId',
  bulkFields: ['ownerId'],
  ownership: {
    joins: (qb) => {
      qb.join('accounts as a', 'a.id', 't.accountId').join('psa_pipeline_stages as s', 's.id', 't.stageId')
        .leftJoin('users as ow', 'ow.id', 't.ownerId').leftJoin('billing_quotes as q', 'q.id', 't.quoteId')
        .select('a.name as accountName', 's.key as stageKey', 's.outcome as stageOutcome', 'ow.displayName as ownerName', 'q.status as quoteStatus');
    },
    owner: 't.ownerId', support: 'a.supportUserId', account: 't.accountId',
  },
  filters: {
    stageId: uuidFilter('stageId', 't.stageId'),
    accountId: uuidFilter('accountId', 't.accountId'),
    ownerId: userFilter('ownerId', 't.ownerId'),
    outcome: (qb, value) => {
      if (!stageOutcome.options.includes(value as StageOutcome)) throw new ValidationError([{ field: 'outcome', message: m('psa.pipeline.outcome-filter') }]);
      qb.where('s.outcome', value);
    },
  },
  sorts: {
    number: { column: 'number', direction: 'asc' }, '-number': { column: 'number', direction: 'desc' }, ...byDates,
    amountCents: { column: 'amountCents', direction: 'asc' }, '-amountCents': { column: 'amountCents', direction: 'desc' },
    expectedCloseDate: { column: 'expectedCloseDate', direction: 'asc' }, '-expectedCloseDate': { column: 'expectedCloseDate', direction: 'desc' },
    rank: { column: 'rank', direction: 'asc' },
  },
  defaultSort: '-number',
  quickSearch: containsUnaccented("f_unaccent(lower(t.title || ' ' || a.name))"),
  async prepareCreate({ trx, principal, ownScopedOnly }, data) {
    const stages = await ensurePipelineStages(trx, principal.tenantId, principal.userId);
    const stageRow = data.stageId ? await stageById(trx, data.stageId) : stages.find((s) => s.outcome === 'open') ?? stages[0]!;
    if (data.ownerId === undefined) data.ownerId = principal.userId;
    if (ownScopedOnly) data.ownerId = principal.userId;
    await activeUser(trx, data.ownerId, 'ownerId');
    await contactOf(trx, data.contactId, data.accountId);
    const entry = await stageEntryColumns(trx, null, stageRow, { probability: data.probability as number | undefined, lostReason: data.lostReason as string | null | undefined });
    return {
      ...data, ...entry, stageId: stageRow.id, rank: await bottomRank(trx, stageRow.id),
      number: await numberFor(trx, principal.tenantId, OPPORTUNITY_COUNTER),
    };
  },
  async prepareUpdate({ trx, current }, patch) {
    await activeUser(trx, patch.ownerId, 'ownerId');
    await contactOf(trx, patch.contactId, current.accountId);
    if (patch.stageId !== undefined && patch.stageId !== current.stageId) {
      const stageRow = await stageById(trx, patch.stageId);
      const entry = await stageEntryColumns(trx, current, stageRow, { probability: patch.probability as number | undefined, lostReason: patch.lostReason as string | null | undefined });
      return { ...patch, ...entry, ...(patch.rank === undefined ? { rank: await bottomRank(trx, stageRow.id) } : {}) };
    }
    // A lost opportunity keeps a reason.
    if (patch.lostReason !== undefined && !String(patch.lostReason ?? '').trim() && current.stageOutcome === 'lost') {
      throw new ValidationError([{ field: 'lostReason', message: m('psa.pipeline.lost-reason-required') }]);
    }
    return patch;
  },
};

export const psaInteractions: RecordResource = {
  key: 'psa.interaction', subject: 'PsaInteraction', recordType: 'psa-interaction', label: 'L\'échange', table: 'psa_interactions',
  createSchema: interactionCreate, updateSchema: interactionUpdate, outputSchema: interaction,
  accountLink: 'accountId',
  ownership: {
    joins: (qb) => {
      qb.join('accounts as a', 'a.id', 't.accountId').leftJoin('users as au', 'au.id', 't.authorId')
        .select('a.name as accountName', 'au.displayName as authorName');
    },
    owner: 't.authorId', support: 't.reminderOwnerId', account: 't.accountId',
  },
  filters: {
    accountId: uuidFilter('accountId', 't.accountId'),
    opportunityId: uuidFilter('opportunityId', 't.opportunityId'),
    kind: 'kind',
    reminderOwnerId: userFilter('reminderOwnerId', 't.reminderOwnerId'),
    /** `due`: reminders whose time has come, not done; `pending`: every reminder not done. */
    reminder: (qb, value) => {
      if (value !== 'due' && value !== 'pending') throw new ValidationError([{ field: 'reminder', message: m('psa.pipeline.reminder-filter') }]);
      qb.whereNotNull('t.remindAt').whereNull('t.reminderDoneAt');
      if (value === 'due') qb.where('t.remindAt', '<=', qb.client.raw('now()'));
    },
  },
  sorts: {
    '-occurredAt': { column: 'occurredAt', direction: 'desc' }, occurredAt: { column: 'occurredAt', direction: 'asc' },
    remindAt: { column: 'remindAt', direction: 'asc' }, ...byDates,
  },
  defaultSort: '-occurredAt',
  quickSearch: containsUnaccented("f_unaccent(lower(t.subject || ' ' || coalesce(t.body, '')))"),
  async prepareCreate({ trx, principal }, data) {
    await contactOf(trx, data.contactId, data.accountId);
    if (data.opportunityId && !(await trx('psaOpportunities').where({ id: data.opportunityId, accountId: data.accountId }).first('id'))) {
      throw new ValidationError([{ field: 'opportunityId', message: m('psa.pipeline.no-such-opportunity') }]);
    }
    const reminderOwnerId = data.remindAt ? data.reminderOwnerId ?? principal.userId : data.reminderOwnerId ?? null;
    if (data.remindAt && !reminderOwnerId) throw new ValidationError([{ field: 'reminderOwnerId', message: m('psa.pipeline.reminder-owner-required') }]);
    await activeUser(trx, reminderOwnerId, 'reminderOwnerId');
    return { ...data, reminderOwnerId, authorId: principal.userId };
  },
  async prepareUpdate({ trx, current }, patch) {
    const { reminderDone, ...rest } = patch;
    await contactOf(trx, rest.contactId, current.accountId);
    await activeUser(trx, rest.reminderOwnerId, 'reminderOwnerId');
    if (rest.opportunityId && !(await trx('psaOpportunities').where({ id: rest.opportunityId, accountId: current.accountId }).first('id'))) {
      throw new ValidationError([{ field: 'opportunityId', message: m('psa.pipeline.no-such-opportunity') }]);
    }
    const out: Row = { ...rest };
    if (reminderDone !== undefined) out.reminderDoneAt = reminderDone ? trx.fn.now() : null;
    // A new reminder time starts a new reminder.
    if (rest.remindAt !== undefined && rest.remindAt !== current.remindAt && reminderDone === undefined) out.reminderDoneAt = null;
    if ((rest.remindAt ?? current.remindAt) && !(rest.reminderOwnerId ?? current.reminderOwnerId)) {
      throw new ValidationError([{ field: 'reminderOwnerId', message: m('psa.pipeline.reminder-owner-required') }]);
    }
    return out;
  },
};

// ---- samples for the permission matrix ----
const tag = () => crypto.randomBytes(4).toString('hex');

export const stageSample: RecordSample = {
  async insert(trx, owner) {
    const [row] = await trx('psaPipelineStages').insert({
      tenantId: owner.tenantId, key: `etape-${tag()}`, labelFr: 'Étape exemple', labelEn: 'Sample stage', position: 50, createdBy: owner.userId,
    }).returning('id');
    return row.id;
  },
  createBody: async () => ({ key: `etape-${tag()}`, labelFr: 'Démonstration', labelEn: 'Demo', position: 60, defaultProbability: 40 }),
  patch: { labelFr: 'Démonstration faite' },
};

export const opportunitySample: RecordSample = {
  async insert(trx, owner) {
    const accountId = await insertAccount(trx, owner);
    const stages = await ensurePipelineStages(trx, owner.tenantId);
    const [row] = await trx('psaOpportunities').insert({
      tenantId: owner.tenantId, number: await numberFor(trx, owner.tenantId, OPPORTUNITY_COUNTER), accountId, title: 'Opportunité exemple',
      stageId: stages[0]!.id, rank: RANK_STEP, amountCents: 120_000, probability: 10, ownerId: owner.userId, createdBy: owner.userId,
    }).returning('id');
    return row.id;
  },
  createBody: async (trx, owner) => ({
    accountId: await insertAccount(trx, owner), title: 'Infogérance du parc', amountCents: 360_000, ownerId: owner.userId, expectedCloseDate: '2027-01-31',
  }),
  patch: { amountCents: 420_000 },
};

export const interactionSample: RecordSample = {
  async insert(trx, owner) {
    const accountId = await insertAccount(trx, owner);
    const [row] = await trx('psaInteractions').insert({
      tenantId: owner.tenantId, accountId, kind: 'call', subject: 'Appel exemple', authorId: owner.userId, reminderOwnerId: owner.userId, createdBy: owner.userId,
    }).returning('id');
    return row.id;
  },
  createBody: async (trx, owner) => ({ accountId: await insertAccount(trx, owner), kind: 'note', subject: 'Besoin de sauvegarde externalisée' }),
  patch: { body: 'Rappeler après le comité de direction' },
};
