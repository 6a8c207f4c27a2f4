import type { Knex } from 'knex';
import type { RequestContext } from '../core/record-service';
import { isUuid } from '../core/record-service';
import { NotFoundError, ValidationError } from '../errors';
import { UnprocessableError } from '../errors';
import { captureMessage as m } from './capture.messages';

/** The mission as the capture needs it. */
export interface CaptureMission {
  id: string;
  status: string;
  accountId: string;
}

const MISSION = { fr: 'mission', en: 'mission' };

/**
 * The mission whose capture the caller may read or write (ADR 0035): its lead, the auditors named
 * in `auditor_ids`, and mission leads (they see every mission). Anyone else — administration,
 * a candidate, an auditor not on it, another organisation (row-level security) — gets 404, as if
 * the mission did not exist: the capture holds a client's weaknesses and the people met on site,
 * which only the audit team needs. Writing also needs a mission not yet delivered.
 */
export async function missionForCapture(ctx: RequestContext, missionId: string, mode: 'read' | 'write'): Promise<CaptureMission> {
  if (!isUuid(missionId)) throw new NotFoundError(MISSION);
  const { userId, roles } = ctx.principal;
  const query = ctx.trx('auditMissions').where({ id: missionId }).first('id', 'status', 'accountId');
  if (!roles.includes('mission-lead')) query.where((qb) => qb.where('leadId', userId).orWhereRaw('auditor_ids @> array[?::uuid]', [userId]));
  const row = await query as CaptureMission | undefined;
  if (!row) throw new NotFoundError(MISSION);
  if (mode === 'write' && (row.status === 'delivered' || row.status === 'anonymised')) throw new UnprocessableError(m('audits.capture.mission-closed'));
  return row;
}

/**
 * What a captured item refers to must exist where it says: the finding library's entry in the
 * organisation, the check in this mission's checklist (else 400 naming the field, nothing written).
 */
export async function checkReferences(trx: Knex.Transaction, missionId: string, input: { libraryFindingId?: unknown; checkId?: unknown }): Promise<void> {
  if (typeof input.libraryFindingId === 'string' && !(await trx('auditLibraryFindings').where({ id: input.libraryFindingId }).first('id'))) {
    throw new ValidationError([{ field: 'libraryFindingId', message: m('audits.capture.no-such-library-finding') }]);
  }
  if (typeof input.checkId === 'string' && !(await trx('auditMissionChecks').where({ id: input.checkId, missionId }).first('id'))) {
    throw new ValidationError([{ field: 'checkId', message: m('audits.capture.no-such-check') }]);
  }
}

/** A site named by a captured item must be one of the mission's sites. */
export async function checkMissionSite(trx: Knex.Transaction, missionId: string, siteId: string | null | undefined): Promise<void> {
  if (!siteId) return;
  const found = await trx('auditMissionSites').where({ missionId, siteId }).first('id');
  if (!found) throw new ValidationError([{ field: 'siteId', message: m('audits.capture.no-such-site') }]);
}
