import type { Knex } from 'knex';
import { z } from 'zod';
import { allowLongStatements } from '../../db/session-limits';

export interface AuditEvent {
  tenantId: string | null;
  actorUserId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  ip?: string | null;
}

/**
 * Appends a security event. The database computes the hash chain
 * (audit_log_chain trigger) and refuses updates and deletes.
 */
export async function audit(knex: Knex | Knex.Transaction, event: AuditEvent): Promise<void> {
  await knex('auditLog').insert({
    tenantId: event.tenantId,
    actorUserId: event.actorUserId ?? null,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    details: JSON.stringify(event.details ?? {}),
    ip: event.ip ?? null,
    prevHash: '',
    hash: '',
  });
}

/** Id of the first row whose chain is broken, or null when the tenant's log is intact. */
export async function verifyAuditChain(trx: Knex.Transaction, tenantId: string): Promise<number | null> {
  const result = await trx.raw('select audit_log_verify(?) as broken', [tenantId]);
  const broken = result.rows[0].broken;
  return broken === null ? null : Number(broken);
}

/** What a verification of one tenant's chain found (GET /audit-log/verification answers it; the OpenAPI document describes it). */
export const auditChainReportSchema = z.object({
  intact: z.boolean(),
  rowsChecked: z.number().int().min(0).describe('Rows of the organisation\'s chain that were walked'),
  firstBroken: z.object({ id: z.number().int(), action: z.string(), at: z.iso.datetime() }).nullable()
    .describe('The first row whose link is broken (changed, removed before it, or inserted behind the trigger\'s back); null when intact'),
  verifiedAt: z.iso.datetime(),
}).strict();
export type AuditChainReport = z.infer<typeof auditChainReportSchema>;

/** Walks the tenant's chain (the transaction's tenant) and reports the first broken link. */
export async function auditChainReport(trx: Knex.Transaction, tenantId: string): Promise<AuditChainReport> {
  // Every row of the organisation's log, hashed again: longer than a request's usual bound.
  await allowLongStatements(trx);
  const brokenId = await verifyAuditChain(trx, tenantId);
  const [{ count }] = await trx('auditLog').where({ tenantId }).count<{ count: string }[]>('* as count');
  const row = brokenId === null ? undefined : await trx('auditLog').where({ id: brokenId }).first('id', 'action', 'at');
  return {
    intact: brokenId === null,
    rowsChecked: Number(count),
    firstBroken: row ? { id: Number(row.id), action: String(row.action), at: new Date(row.at).toISOString() } : null,
    verifiedAt: new Date().toISOString(),
  };
}

/** One chain of the whole log: a tenant's, or (tenantId null) the events recorded before a tenant was known. */
export interface AuditChainStatus {
  tenantId: string | null;
  rowsChecked: number;
  firstBrokenId: number | null;
}

/** Every chain of the log, verified with the owner's rights (audit_log_verify_all): ids and counts only. */
export async function verifyAllAuditChains(knex: Knex): Promise<AuditChainStatus[]> {
  const result = await knex.raw('select tenant_id as "tenantId", rows_checked as "rowsChecked", first_broken_id as "firstBrokenId" from audit_log_verify_all()');
  return result.rows.map((r: { tenantId: string | null; rowsChecked: string; firstBrokenId: string | null }) => ({
    tenantId: r.tenantId, rowsChecked: Number(r.rowsChecked), firstBrokenId: r.firstBrokenId === null ? null : Number(r.firstBrokenId),
  }));
}
