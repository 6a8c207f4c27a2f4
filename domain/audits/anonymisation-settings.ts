import type { Knex } from 'knex';
import { DEFAULT_KEY_ESCROW_DAYS, DEFAULT_RETENTION_DAYS } from './anonymisation-rules';

/**
 * The organisation's anonymisation settings (issue 16, ADR 0039): the retention after delivery (30 days
 * unless it chose otherwise; a mission's `retention_days` or the process variable `retentionDays` overrides
 * it) and how long the re-identification key stays escrowed (3 years).
 */
export interface AnonymisationSettings {
  retentionDays: number;
  keyEscrowDays: number;
}

export async function anonymisationSettings(trx: Knex.Transaction): Promise<AnonymisationSettings> {
  const row = await trx('auditAnonymisationSettings').first('retentionDays', 'keyEscrowDays') as AnonymisationSettings | undefined;
  return { retentionDays: row?.retentionDays ?? DEFAULT_RETENTION_DAYS, keyEscrowDays: row?.keyEscrowDays ?? DEFAULT_KEY_ESCROW_DAYS };
}
