import * as Sentry from '@sentry/node';
import type { Knex } from 'knex';
import { logger } from '../../config/logger';
import { verifyAllAuditChains, type AuditChainStatus } from '../../domain/identity/audit-log';

/** A chain found broken: ids only (a tenant, a row), never what the row says. */
export interface AuditChainBreak {
  tenantId: string | null;
  firstBrokenId: number;
}

export interface AuditLogVerification {
  chainsChecked: number;
  rowsChecked: number;
  broken: AuditChainBreak[];
}

/** Raises the alarm for one broken chain: an error log line and a Sentry event. */
export function alertAuditChainBreak(found: AuditChainBreak): void {
  logger.error({ tenantId: found.tenantId, auditLogRowId: found.firstBrokenId }, 'audit log chain broken: a row was changed, removed or inserted behind the trigger');
  Sentry.withScope((scope) => {
    scope.setLevel('error');
    scope.setTag('tenant', found.tenantId ?? 'none');
    scope.setTag('audit_log_row', String(found.firstBrokenId));
    Sentry.captureMessage('Audit log chain broken');
  });
}

/** The scheduled verification of every audit chain (workflows/system/audit-log-verification.workflow.ts). */
export function createAuditLogActivities(deps: { knex: Knex; alert?: (found: AuditChainBreak) => void }) {
  const alert = deps.alert ?? alertAuditChainBreak;
  return {
    /** Walks every chain; alerts once per broken chain and answers what it found. */
    async 'system.verifyAuditLog'(): Promise<AuditLogVerification> {
      const chains: AuditChainStatus[] = await verifyAllAuditChains(deps.knex);
      const broken = chains.filter((c) => c.firstBrokenId !== null).map((c) => ({ tenantId: c.tenantId, firstBrokenId: c.firstBrokenId! }));
      for (const found of broken) alert(found);
      return { chainsChecked: chains.length, rowsChecked: chains.reduce((n, c) => n + c.rowsChecked, 0), broken };
    },
  };
}

export type AuditLogActivities = ReturnType<typeof createAuditLogActivities>;
