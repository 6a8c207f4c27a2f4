import type { Knex } from 'knex';
import { ConflictError } from '../errors';
import { alumniMessage as m, type AlumniMessageCode } from './alumni.messages';
import type { SyncRunView } from './alumni.schema';

/**
 * The Alumnet sync's runs (`school_alumni_sync_runs`): one row per run, written apart from the run's changes so
 * that a failed run is recorded as failed while its changes are not. A run still « running » after an hour was
 * interrupted (a worker stopped): the next one records it failed.
 */
type Row = Record<string, unknown>;

export type RunTrigger = 'schedule' | 'manual' | 'demo';
export interface RunCounts { pulled: number; pushed: number; conflicts: number; errors: number }

const STALE = "interval '1 hour'";

/** Starts a run; refused while another one runs. */
export async function startRun(trx: Knex.Transaction, tenantId: string, trigger: RunTrigger, provider: string, startedBy: string | null): Promise<string> {
  await trx('schoolAlumniSyncRuns').where({ status: 'running' }).where('startedAt', '<', trx.raw(`now() - ${STALE}`))
    .update({ status: 'failed', finishedAt: trx.fn.now(), errorCode: 'interrupted' });
  const running = await trx('schoolAlumniSyncRuns').where({ status: 'running' }).first('id');
  if (running) throw new ConflictError(m('school.alumni.sync-running'));
  const [row] = await trx('schoolAlumniSyncRuns').insert({ tenantId, trigger, provider, startedBy }).returning('id');
  return String(row.id);
}

export async function succeedRun(trx: Knex.Transaction, runId: string, counts: RunCounts): Promise<void> {
  await trx('schoolAlumniSyncRuns').where({ id: runId }).update({ status: 'succeeded', finishedAt: trx.fn.now(), ...counts });
}

/** A failed run: its code and a detail without anyone's data (the shape problem's field paths, a status). */
export async function failRun(trx: Knex.Transaction, runId: string, code: string, detail: string | null): Promise<void> {
  await trx('schoolAlumniSyncRuns').where({ id: runId }).update({ status: 'failed', finishedAt: trx.fn.now(), errorCode: code, errorDetail: detail?.slice(0, 500) ?? null, errors: 1 });
}

const ERROR_CODES = new Set(['unavailable', 'unexpected-response', 'misconfigured', 'refused']);

/** A failure code in words (French and English). */
export function runError(code: string | null): { fr: string; en: string } | null {
  if (!code) return null;
  const message = m((ERROR_CODES.has(code) ? `school.alumni.error.${code}` : 'school.alumni.error.internal') as AlumniMessageCode);
  return { fr: message.render('fr'), en: message.render('en') };
}

export function presentRun(r: Row): SyncRunView {
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  return {
    id: String(r.id), trigger: r.trigger as SyncRunView['trigger'], provider: String(r.provider), status: r.status as SyncRunView['status'],
    startedAt: iso(r.startedAt)!, finishedAt: iso(r.finishedAt), pulled: Number(r.pulled), pushed: Number(r.pushed), conflicts: Number(r.conflicts), errors: Number(r.errors),
    errorCode: (r.errorCode as string | null) ?? null, error: runError((r.errorCode as string | null) ?? null),
  };
}

export async function recentRuns(trx: Knex.Transaction, limit = 20): Promise<SyncRunView[]> {
  return (await trx('schoolAlumniSyncRuns').orderBy([{ column: 'startedAt', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(limit)).map(presentRun);
}
