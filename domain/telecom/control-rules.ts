/**
 * The two V1 billing controls (spec 002 §7.2), as pure rules over one period's facts: no database, no
 * port. `control-runs.ts` gathers the facts (lines, catalogue, what the billing system billed, the
 * operators' invoices) and writes what these rules find as anomalies.
 *
 * - `terminated-still-billed`: a line terminated on or before the period's first day, yet billed for
 *   the period by the billing system (the client pays for nothing) or on the operator's invoice
 *   (SoftWhere pays for nothing).
 * - `purchase-price-gap`: what the operator invoiced for a product of a line that was live the whole
 *   period differs from the catalogue's purchase price of that product.
 */

export const ANOMALY_KINDS = ['terminated-still-billed', 'purchase-price-gap'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];
export const ANOMALY_SOURCES = ['billing-system', 'operator-invoice'] as const;
export type AnomalySource = (typeof ANOMALY_SOURCES)[number];

/** A line as the controls see it. */
export interface ControlLine {
  id: string;
  accountId: string;
  number: string | null;
  operatorKey: string;
  /** The operator's own id of the line (`operator_refs.lineId`). */
  operatorLineId: string | null;
  status: 'pending' | 'active' | 'suspended' | 'terminated';
  /** `YYYY-MM-DD`. */
  activatedOn: string | null;
  terminatedOn: string | null;
  planId: string | null;
  optionIds: readonly string[];
  /** The billing system's id of the service billing this line (`billing_refs.serviceId`). */
  billingServiceId: string | null;
}

/** A catalogue plan or option with the operator's product code and its purchase price. */
export interface ControlOffer {
  catalogueItemId: string;
  operatorKey: string;
  operatorProductCode: string | null;
  purchasePriceCents: number | null;
}

/** A service the billing system billed for the period. */
export interface BilledService {
  serviceId: string;
  amountCents: number;
}

/** A row of an operator's invoice (or CDR summary) for the period. */
export interface InvoiceRow {
  operatorKey: string;
  number: string | null;
  operatorLineId: string | null;
  productCode: string;
  amountCents: number;
}

/** What a rule found: one anomaly of one line, identified by (kind, line, subject). */
export interface Finding {
  kind: AnomalyKind;
  lineId: string;
  accountId: string;
  operatorKey: string;
  source: AnomalySource;
  /** Tells two anomalies of one kind on one line apart: the source, or the product code of a price gap. */
  subjectKey: string;
  productCode: string | null;
  /** What was billed or invoiced for the period. */
  billedCents: number;
  /** What should have been: 0 for a terminated line, the catalogue's purchase price for a gap. */
  expectedCents: number | null;
  /** What the anomaly costs (or wrongly charges) each month; 0 when the operator invoices less than the catalogue says. */
  monthlyLossCents: number;
  /** Since when (`YYYY-MM-DD`): the termination day, or the period's first day for a gap. */
  since: string;
}

export interface ControlFacts {
  /** `YYYY-MM`. */
  period: string;
  lines: readonly ControlLine[];
  offers: readonly ControlOffer[];
  /** What the billing system billed for the period; null when it could not be asked (no finding from it then). */
  billed: readonly BilledService[] | null;
  /** The operators' invoice rows for the period (every imported invoice). */
  invoiceRows: readonly InvoiceRow[];
}

/** The period's first day, `YYYY-MM-01`. */
export function periodStart(period: string): string {
  return `${period}-01`;
}

/**
 * A phone number as E.164 when it reads as a French one (`06 12 34 56 78`, `0033…`, `33…`, `+33 …`),
 * any other identifier trimmed and upper-cased: invoices write numbers as people do.
 */
export function normaliseNumber(raw: string): string {
  const compact = raw.replace(/[\s.\-()\u00a0]/g, '');
  if (/^0[1-9]\d{8}$/.test(compact)) return `+33${compact.slice(1)}`;
  if (/^0033[1-9]\d{8}$/.test(compact)) return `+${compact.slice(2)}`;
  if (/^33[1-9]\d{8}$/.test(compact)) return `+${compact}`;
  if (/^\+\d{6,15}$/.test(compact)) return compact;
  return raw.trim().toUpperCase();
}

const LIVE_FIRST = { active: 0, suspended: 1, pending: 2, terminated: 3 } as const;

/**
 * The line an invoice row is about: by the operator's line id first, else by its number — a number given
 * back to the operator and reused by a newer line belongs to the live one, so billing it is no anomaly.
 * Undefined when no line of that operator matches.
 */
export function lineIndex(lines: readonly ControlLine[]): (row: Pick<InvoiceRow, 'operatorKey' | 'number' | 'operatorLineId'>) => ControlLine | undefined {
  const byOperatorId = new Map<string, ControlLine>();
  const byNumber = new Map<string, ControlLine>();
  for (const line of lines) {
    if (line.operatorLineId) byOperatorId.set(`${line.operatorKey}\u0000${line.operatorLineId}`, line);
    if (line.number) {
      const key = `${line.operatorKey}\u0000${normaliseNumber(line.number)}`;
      const current = byNumber.get(key);
      if (!current || LIVE_FIRST[line.status] < LIVE_FIRST[current.status]) byNumber.set(key, line);
    }
  }
  return (row) => (row.operatorLineId ? byOperatorId.get(`${row.operatorKey}\u0000${row.operatorLineId}`) : undefined)
    ?? (row.number ? byNumber.get(`${row.operatorKey}\u0000${normaliseNumber(row.number)}`) : undefined);
}

/** Whether a line was terminated on or before the period's first day, so that nothing of the period is due. */
function terminatedBefore(line: ControlLine, period: string): boolean {
  return line.status === 'terminated' && line.terminatedOn !== null && line.terminatedOn <= periodStart(period);
}

/** Terminated lines still billed by the billing system or still on the operator's invoice. */
export function terminatedStillBilled(facts: ControlFacts): Finding[] {
  const findings: Finding[] = [];
  const terminated = facts.lines.filter((l) => terminatedBefore(l, facts.period));
  const finding = (line: ControlLine, source: AnomalySource, billedCents: number): Finding => ({
    kind: 'terminated-still-billed', lineId: line.id, accountId: line.accountId, operatorKey: line.operatorKey, source, subjectKey: source, productCode: null,
    billedCents, expectedCents: 0, monthlyLossCents: billedCents, since: line.terminatedOn!,
  });
  if (facts.billed) {
    const billedBy = new Map<string, number>();
    for (const b of facts.billed) billedBy.set(b.serviceId, (billedBy.get(b.serviceId) ?? 0) + b.amountCents);
    for (const line of terminated) {
      const amount = line.billingServiceId ? billedBy.get(line.billingServiceId) : undefined;
      if (amount !== undefined && amount > 0) findings.push(finding(line, 'billing-system', amount));
    }
  }
  const find = lineIndex(facts.lines);
  const invoiced = new Map<string, { line: ControlLine; cents: number }>();
  for (const row of facts.invoiceRows) {
    const line = find(row);
    if (!line || !terminatedBefore(line, facts.period)) continue;
    const entry = invoiced.get(line.id) ?? { line, cents: 0 };
    entry.cents += row.amountCents;
    invoiced.set(line.id, entry);
  }
  for (const { line, cents } of invoiced.values()) if (cents > 0) findings.push(finding(line, 'operator-invoice', cents));
  return findings;
}

/**
 * Purchase-price gaps: per line live the whole period (activated before it, not terminated) and per
 * product code, the invoiced total against the catalogue's purchase price of that product: the line's
 * own plan or option carrying the code, else the catalogue's offers with that code when they agree on
 * one price (an offer names the network, Orange, where a line names the port that provisions it, SNAIC).
 * A product the catalogue does not know, or without a purchase price, is not compared.
 */
export function purchasePriceGaps(facts: ControlFacts): Finding[] {
  const start = periodStart(facts.period);
  const offersByCode = new Map<string, ControlOffer[]>();
  for (const offer of facts.offers) {
    if (!offer.operatorProductCode) continue;
    const key = offer.operatorProductCode.toUpperCase();
    offersByCode.set(key, [...(offersByCode.get(key) ?? []), offer]);
  }
  const find = lineIndex(facts.lines);
  const totals = new Map<string, { line: ControlLine; code: string; cents: number }>();
  for (const row of facts.invoiceRows) {
    const line = find(row);
    if (!line || line.status === 'terminated' || line.status === 'pending' || !line.activatedOn || line.activatedOn > start) continue;
    const code = row.productCode.toUpperCase();
    const key = `${line.id}\u0000${code}`;
    const entry = totals.get(key) ?? { line, code, cents: 0 };
    entry.cents += row.amountCents;
    totals.set(key, entry);
  }
  const findings: Finding[] = [];
  for (const { line, code, cents } of totals.values()) {
    const expected = expectedPurchase(offersByCode.get(code) ?? [], line);
    if (expected === null || expected === cents) continue;
    findings.push({
      kind: 'purchase-price-gap', lineId: line.id, accountId: line.accountId, operatorKey: line.operatorKey, source: 'operator-invoice', subjectKey: `product:${code}`, productCode: code,
      billedCents: cents, expectedCents: expected, monthlyLossCents: Math.max(0, cents - expected), since: start,
    });
  }
  return findings;
}

/** The purchase price a line's product should cost: its own plan's or option's, else the one price every offer with the code agrees on. */
function expectedPurchase(candidates: readonly ControlOffer[], line: ControlLine): number | null {
  const own = candidates.find((o) => o.catalogueItemId === line.planId || line.optionIds.includes(o.catalogueItemId));
  if (own) return own.purchasePriceCents;
  const prices = new Set(candidates.map((o) => o.purchasePriceCents));
  return prices.size === 1 ? [...prices][0]! : null;
}

/** Both controls over one period's facts, in a stable order (kind, line, subject). */
export function runControls(facts: ControlFacts): Finding[] {
  return [...terminatedStillBilled(facts), ...purchasePriceGaps(facts)]
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.lineId.localeCompare(b.lineId) || a.subjectKey.localeCompare(b.subjectKey));
}

/** The months from `since`'s month to `period` inclusive (at least 1): how long a monthly loss has run. */
export function monthsRunning(since: string, period: string): number {
  const [sy, sm] = since.split('-').map(Number) as [number, number];
  const [py, pm] = period.split('-').map(Number) as [number, number];
  return Math.max(1, (py - sy) * 12 + (pm - sm) + 1);
}

/** `YYYY-MM` of the month before. */
export function previousPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
