import type { Knex } from 'knex';

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
