import type { Knex } from 'knex';
import { NotFoundError } from '../errors';
import { checkThresholds, type AlertOutcome } from './hour-bank-alerts';

/**
 * The hour ledger (spec 003 §2.2, §6.1): what approved time does to a contract. Called inside the
 * transaction that approves (or corrects) a time entry, after the caller checked who may do it;
 * `psa_hour_movements` is insert-only and the database keeps `psa_contracts.remaining_minutes`
 * equal to the sum of a contract's movements (migration 20261214000100_psa.ts).
 *
 * - `included` and `billable` time on an active hour bank consumes what the bank holds (a
 *   `consumption` movement); what it cannot cover is billed outside the contract — an empty bank
 *   never blocks the technician.
 * - On a subscription, `included` time is covered by the subscription (no bank: no movement),
 *   `billable` time is billed. On time and material (or without a contract) every billable minute
 *   is billed. `non-billable` time is neither covered nor billed; `outside` time is always billed.
 *
 * Idempotent per time entry: its `deducted_at` says the deduction stands, and deducting again
 * answers the same figures; `reverseTimeEntry` gives back what it consumed (a `reversal`), after
 * which a corrected entry is deducted again.
 */
export type TimeKind = 'billable' | 'non-billable' | 'included' | 'outside';

export interface DeductionInput {
  tenantId: string;
  /** Who approves: the ledger's « who ». */
  userId: string | null;
  timeEntryId: string;
  contractId: string | null;
  minutes: number;
  kind: TimeKind;
}

export interface Deduction {
  coveredMinutes: number;
  billedMinutes: number;
  /** The thresholds this deduction crossed, the renewal quote and the alert mails queued (send them after the commit). */
  alerts: AlertOutcome;
}

type Row = Record<string, unknown>;

const NO_ALERT: AlertOutcome = { crossed: [], renewalQuoteId: null, messageIds: [] };

/** What a contract covers and bills of `minutes` of `kind`, holding `available` minutes (pure). */
export function split(contract: { type: string; status: string } | null, kind: TimeKind, minutes: number, available: number): { coveredMinutes: number; billedMinutes: number } {
  if (kind === 'non-billable') return { coveredMinutes: 0, billedMinutes: 0 };
  if (kind === 'outside' || !contract || contract.status !== 'active') return { coveredMinutes: 0, billedMinutes: minutes };
  if (contract.type === 'hour-bank') {
    const covered = Math.min(minutes, Math.max(0, available));
    return { coveredMinutes: covered, billedMinutes: minutes - covered };
  }
  if (contract.type === 'subscription' && kind === 'included') return { coveredMinutes: minutes, billedMinutes: 0 };
  return { coveredMinutes: 0, billedMinutes: minutes };
}

async function lockEntry(trx: Knex.Transaction, timeEntryId: string): Promise<Row> {
  const entry = (await trx('psaTimeEntries').where({ id: timeEntryId }).forUpdate().first('id', 'contractId', 'coveredMinutes', 'billedMinutes', 'deductedAt')) as Row | undefined;
  if (!entry) throw new NotFoundError({ fr: 'saisie de temps', en: 'time entry' });
  return entry;
}

/**
 * Deducts an approved entry: the bank covers what it holds, the rest is billed. Writes the entry's
 * `contract_id`, `covered_minutes`, `billed_minutes` and `deducted_at`, then checks the contract's
 * thresholds. The contract's row is locked first: concurrent approvals on one bank take turns.
 */
export async function deductApprovedTime(trx: Knex.Transaction, input: DeductionInput): Promise<Deduction> {
  const entry = await lockEntry(trx, input.timeEntryId);
  if (entry.deductedAt) return { coveredMinutes: Number(entry.coveredMinutes), billedMinutes: Number(entry.billedMinutes), alerts: NO_ALERT };
  const contract = input.contractId
    ? ((await trx('psaContracts').where({ id: input.contractId }).forUpdate().first('id', 'type', 'status', 'remainingMinutes')) as Row | undefined)
    : undefined;
  if (input.contractId && !contract) throw new NotFoundError({ fr: 'contrat', en: 'contract' });
  const result = split(contract ? { type: String(contract.type), status: String(contract.status) } : null, input.kind, input.minutes, Number(contract?.remainingMinutes ?? 0));
  if (result.coveredMinutes > 0 && contract?.type === 'hour-bank') {
    await trx('psaHourMovements').insert({
      tenantId: input.tenantId, contractId: input.contractId, kind: 'consumption', minutes: -result.coveredMinutes,
      timeEntryId: input.timeEntryId, createdBy: input.userId,
    });
  }
  await trx('psaTimeEntries').where({ id: input.timeEntryId }).update({
    contractId: input.contractId, coveredMinutes: result.coveredMinutes, billedMinutes: result.billedMinutes, deductedAt: trx.fn.now(),
  });
  const alerts = result.coveredMinutes > 0 && contract?.type === 'hour-bank'
    ? await checkThresholds(trx, input.tenantId, input.contractId!, input.userId)
    : NO_ALERT;
  return { ...result, alerts };
}

export interface ReversalInput {
  tenantId: string;
  userId: string | null;
  timeEntryId: string;
  /** Why (« correction de la saisie »), kept on the movement. */
  reason?: string | null;
}

/**
 * Takes back an entry's deduction (a correction, an approval withdrawn): a `reversal` movement
 * gives the bank back what the entry's movements still hold, and the entry is no longer deducted
 * (covered and billed back to 0). An entry not deducted: nothing. Answers the minutes given back.
 */
export async function reverseTimeEntry(trx: Knex.Transaction, input: ReversalInput): Promise<{ reversedMinutes: number }> {
  const entry = await lockEntry(trx, input.timeEntryId);
  if (!entry.deductedAt) return { reversedMinutes: 0 };
  const held = await trx('psaHourMovements').where({ timeEntryId: input.timeEntryId })
    .groupBy('contractId').select('contractId', trx.raw('sum(minutes)::int as total')) as Array<{ contractId: string; total: number }>;
  let reversed = 0;
  for (const { contractId, total } of held) {
    if (total >= 0) continue;
    await trx('psaContracts').where({ id: contractId }).forUpdate().first('id');
    await trx('psaHourMovements').insert({
      tenantId: input.tenantId, contractId, kind: 'reversal', minutes: -total, timeEntryId: input.timeEntryId, reason: input.reason ?? null, createdBy: input.userId,
    });
    reversed += -total;
  }
  await trx('psaTimeEntries').where({ id: input.timeEntryId }).update({ coveredMinutes: 0, billedMinutes: 0, deductedAt: null });
  return { reversedMinutes: reversed };
}

/** The ledger's sum for a contract (what `remaining_minutes` must equal). */
export async function ledgerSum(trx: Knex.Transaction, contractId: string): Promise<number> {
  const row = (await trx('psaHourMovements').where({ contractId }).first(trx.raw('coalesce(sum(minutes), 0)::int as total'))) as { total: number };
  return Number(row.total);
}
