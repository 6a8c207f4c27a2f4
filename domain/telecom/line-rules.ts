import type { Message } from '../i18n/messages';
import { fleetName, type FleetType } from './fleet-kinds';
import { hierarchyMessage as m } from './hierarchy.messages';
import type { LineStatus } from './line.schema';
import type { OfferFacts } from './offer.schema';

/**
 * The rules of a line's plan, options and status (spec 002 §5.3), without I/O: given the line and the
 * catalogue's offers, what changes or why it is refused. line-actions.ts reads and writes around them;
 * a bulk action reports a refusal's message per line.
 */
export interface LineFacts {
  status: LineStatus;
  planId: string | null;
  optionIds: readonly string[];
  fleetType: FleetType;
  /** The fleet's operator (orange, alphalink…), which the offers name too. */
  fleetOperatorKey: string;
  /** The white-label brand of the line's account (null: none). */
  brandId: string | null;
  activatedOn: string | null;
}

export interface Refusal {
  field: string;
  message: Message;
}

export type Outcome<T> = { ok: true; change: T | null } | { ok: false; refusal: Refusal };

const refuse = (field: string, message: Message): { ok: false; refusal: Refusal } => ({ ok: false, refusal: { field, message } });
const unchanged = { ok: true, change: null } as const;

/** Why an offer cannot go on the line as a plan or an option, or null when it can. */
export function offerRefusal(line: LineFacts, offer: OfferFacts | undefined, kind: 'plan' | 'option', field: string): Refusal | null {
  if (!offer) return { field, message: m(kind === 'plan' ? 'telecom.lines.no-such-plan' : 'telecom.lines.no-such-option') };
  if (offer.kind !== kind) return { field, message: kind === 'plan' ? m('telecom.lines.not-a-plan') : m('telecom.lines.not-an-option', { name: offer.name }) };
  if (!offer.active) return { field, message: m('telecom.lines.offer-inactive', { name: offer.name }) };
  if (offer.fleetType !== line.fleetType || offer.operatorKey !== line.fleetOperatorKey) {
    return { field, message: m('telecom.lines.offer-other-fleet', { name: offer.name, offerFleet: fleetName(offer.fleetType, offer.operatorKey), lineFleet: fleetName(line.fleetType, line.fleetOperatorKey) }) };
  }
  if (offer.brandId !== null && offer.brandId !== line.brandId) return { field, message: m('telecom.lines.offer-other-brand', { name: offer.name }) };
  return null;
}

export interface Prices {
  salePriceCents: number;
  purchasePriceCents: number | null;
}

/** A line's monthly prices: its plan's and options' together; the purchase price is null while none of them has one. */
export function linePrices(plan: OfferFacts | undefined, options: readonly OfferFacts[]): Prices {
  const items = [...(plan ? [plan] : []), ...options];
  const sale = items.reduce((sum, o) => sum + o.salePriceCents, 0);
  const known = items.filter((o) => o.purchasePriceCents !== null);
  return { salePriceCents: sale, purchasePriceCents: known.length ? known.reduce((sum, o) => sum + (o.purchasePriceCents ?? 0), 0) : null };
}

/** Another plan on the line: refused on a terminated line and for an offer that does not fit; the same plan changes nothing. */
export function planChange(line: LineFacts, plan: OfferFacts | undefined, planId: string): Outcome<{ planId: string }> {
  if (line.status === 'terminated') return refuse('planId', m('telecom.lines.terminated'));
  const refusal = offerRefusal(line, plan, 'plan', 'planId');
  if (refusal) return { ok: false, refusal };
  return line.planId === planId ? unchanged : { ok: true, change: { planId } };
}

/**
 * The line's whole set of options (`optionIds`), each checked; options already on the line stay whatever
 * the catalogue became (only new ones are checked). The same set changes nothing.
 */
export function optionsChange(line: LineFacts, optionIds: readonly string[], offers: ReadonlyMap<string, OfferFacts>): Outcome<{ optionIds: string[] }> {
  const wanted = [...new Set(optionIds)];
  const same = wanted.length === line.optionIds.length && wanted.every((id) => line.optionIds.includes(id));
  if (same) return unchanged;
  if (line.status === 'terminated') return refuse('optionIds', m('telecom.lines.terminated'));
  const added = wanted.filter((id) => !line.optionIds.includes(id));
  if (added.length && !line.planId) return refuse('optionIds', m('telecom.lines.option-needs-plan'));
  for (const id of added) {
    const refusal = offerRefusal(line, offers.get(id), 'option', 'optionIds');
    if (refusal) return { ok: false, refusal };
  }
  return { ok: true, change: { optionIds: wanted } };
}

/** Options added to the line's (those it has already are kept once). */
export function optionsAdded(line: LineFacts, optionIds: readonly string[], offers: ReadonlyMap<string, OfferFacts>): Outcome<{ optionIds: string[] }> {
  return optionsChange(line, [...line.optionIds, ...optionIds], offers);
}

/** Where a line may go from each status (a terminated line stays terminated: a new line takes the number back). */
export const STATUS_MOVES: Readonly<Record<LineStatus, readonly LineStatus[]>> = {
  pending: ['active', 'terminated'],
  active: ['suspended', 'terminated'],
  suspended: ['active', 'terminated'],
  terminated: [],
};

export interface StatusPatch {
  status: LineStatus;
  activatedOn?: string;
  terminatedOn?: string;
}

/**
 * A line's status moved on day `on`: activation needs a plan and dates the first activation; termination
 * dates the end, never before the activation. The same status changes nothing (a re-run is harmless).
 */
export function statusChange(line: LineFacts, status: LineStatus, on: string): Outcome<StatusPatch> {
  if (line.status === status) return unchanged;
  if (!STATUS_MOVES[line.status].includes(status)) return refuse('status', m('telecom.lines.status-transition', { from: line.status, to: status }));
  if (status === 'active' && !line.planId) return refuse('status', m('telecom.lines.status-needs-plan'));
  if (line.activatedOn && on < line.activatedOn && status === 'terminated') {
    return refuse('statusOn', m('telecom.lines.date-before-activation', { on, activatedOn: line.activatedOn }));
  }
  if (status === 'active' && !line.activatedOn) return { ok: true, change: { status, activatedOn: on } };
  if (status === 'terminated') return { ok: true, change: { status, terminatedOn: on } };
  return { ok: true, change: { status } };
}
