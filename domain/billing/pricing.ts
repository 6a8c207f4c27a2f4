import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { BillingLineInput, DocumentTotals } from './line.schema';
import { loadProfile } from './profile';
import { computeTotals } from './totals';

type Row = Record<string, unknown>;

/**
 * Lines as stored: each with its id (kept when given, so the line editor follows its rows) and its
 * computed amounts, and the document's totals (totals.ts) as the columns stored beside them. A line at
 * 0 % without a reason takes the profile's VAT exemption mention.
 */
export async function priced(trx: Knex.Transaction, tenantId: string, lines: BillingLineInput[]): Promise<{ totals: DocumentTotals; columns: Row }> {
  const profile = await loadProfile(trx, tenantId);
  const withIds = lines.map((line) => ({ ...line, id: line.id ?? crypto.randomUUID() }));
  const totals = computeTotals(withIds, { defaultExemptionReason: (profile.vatExemptionMention as string | null) ?? null });
  return { totals, columns: totalsColumns(totals) };
}

/** The stored columns of computed totals. */
export function totalsColumns(totals: DocumentTotals): Row {
  return {
    lines: JSON.stringify(totals.lines),
    vatBreakdown: JSON.stringify(totals.vatBreakdown),
    totalExcludingTaxCents: totals.totalExcludingTaxCents,
    totalTaxCents: totals.totalTaxCents,
    totalIncludingTaxCents: totals.totalIncludingTaxCents,
  };
}
