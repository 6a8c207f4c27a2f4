import type { Knex } from 'knex';
import { ValidationError } from '../errors';
import { keepCounterAhead, nextNumber } from '../core/tenant-counter';
import { billingMessage } from './billing.messages';

/**
 * Document numbers (docs/adr/0016-billing-numbers.md): a format such as `F-{YYYY}-{#####}` with fixed
 * text, the year ({YYYY}, {YY}), the month ({MM}) and one zero-padded counter ({###}, 3 to 10 digits).
 * The counter is the tenant's (`tenant_counters`, named per sequence, and per year when numbering
 * starts again each year), taken inside the transaction that issues the document: the row stays locked
 * until it commits, so concurrent issues wait in turn (no duplicate), and a rolled-back issue gives its
 * value back (no gap).
 */
export type Sequence = 'invoice' | 'credit-note' | 'quote';
export const SEQUENCES: readonly Sequence[] = ['invoice', 'credit-note', 'quote'];

const TOKEN = /\{(YYYY|YY|MM|#{3,10})\}/g;
const FIXED = /^[A-Za-z0-9 _./-]*$/;

/** Whether a format is usable: fixed text, known tokens, exactly one counter. */
export function numberFormatProblem(format: string, yearlyReset: boolean): 'format' | 'year' | null {
  const counters = [...format.matchAll(TOKEN)].filter((m) => m[1]!.startsWith('#'));
  if (counters.length !== 1 || !FIXED.test(format.replace(TOKEN, ''))) return 'format';
  if (yearlyReset && !/\{YYYY\}|\{YY\}/.test(format)) return 'year';
  return null;
}

/** Refuses (400, naming the field) a format numberFormatProblem finds wrong. */
export function assertNumberFormat(field: string, format: string, yearlyReset: boolean): void {
  const problem = numberFormatProblem(format, yearlyReset);
  if (problem === 'format') throw new ValidationError([{ field, message: billingMessage('billing.number-format', { format }) }]);
  if (problem === 'year') throw new ValidationError([{ field, message: billingMessage('billing.number-format-year', { format }) }]);
}

/** `F-{YYYY}-{#####}`, 2026-03-14, 42 → `F-2026-00042`. */
export function formatNumber(format: string, issueDate: string, sequence: number): string {
  const [year, month] = issueDate.split('-') as [string, string];
  return format.replace(TOKEN, (_all, token: string) => {
    if (token === 'YYYY') return year;
    if (token === 'YY') return year.slice(2);
    if (token === 'MM') return month;
    return String(sequence).padStart(token.length, '0');
  });
}

/** The tenant counter a sequence draws from: `billing.invoice`, or `billing.invoice.2026` when it starts again each year. */
export function counterName(sequence: Sequence, issueDate: string, yearlyReset: boolean): string {
  return yearlyReset ? `billing.${sequence}.${issueDate.slice(0, 4)}` : `billing.${sequence}`;
}

/**
 * The next number of a sequence, drawn in `trx` (the issuing transaction): the counter's row stays
 * locked until it commits or rolls back.
 */
export async function drawNumber(
  trx: Knex.Transaction, tenantId: string, sequence: Sequence, issueDate: string,
  profile: { format: string; yearlyReset: boolean },
): Promise<string> {
  const value = await nextNumber(trx, tenantId, counterName(sequence, issueDate, profile.yearlyReset));
  return formatNumber(profile.format, issueDate, value);
}

/**
 * The yearly reset switched on or off (ADR 0028): each sequence goes on from where it stands. The
 * counter numbering now draws from (the continuous one, or `today`'s year's) is moved up to the one it
 * drew from until now, so the next document takes the next number: no gap, and never a number given
 * already (the unique number would otherwise refuse every issue until the new counter passed it).
 */
export async function carryCounters(trx: Knex.Transaction, tenantId: string, change: { wasYearly: boolean; yearly: boolean }, today: string): Promise<void> {
  if (change.wasYearly === change.yearly) return;
  for (const sequence of SEQUENCES) {
    const from = (await trx('tenantCounters').where({ tenantId, name: counterName(sequence, today, change.wasYearly) }).first('value')) as { value: number } | undefined;
    if (from) await keepCounterAhead(trx, tenantId, counterName(sequence, today, change.yearly), Number(from.value));
  }
}
