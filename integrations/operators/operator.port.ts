import { z } from 'zod';

/**
 * The operator port (spec 002 §9.3, ADR 0042): what Relais asks a telecom operator (SNAIC, Alphalink,
 * future ones), in business terms. Business code (deployments, bulk actions, the billing control) sees
 * only this interface, through `telecomPorts(deps).operator(tenantId, operatorKey)`
 * (activities/telecom/ports.ts); a vendor's wire protocol lives in one adapter.
 *
 * Every order carries our `reference` (the deployment action's or the bulk item's id): the operator keeps
 * one order per reference, so a call retried after a lost answer places nothing twice. An order may
 * complete later (a SIM delivered, a number ported): it is answered `pending`, and its end comes back by
 * the operator's webhook or by `getOrder` (polling); either way the engine gets the message
 * `telecom.operator-order-completed` correlated on the order's `orderId`.
 *
 * Failures are thrown as PortRefusedError (refused, with a French/English reason: never retried) or
 * PortRetryableError (integrations/port-errors.ts).
 */
export const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'E.164');
const code = z.string().trim().min(1).max(64);
const reference = z.string().trim().min(1).max(120);
const operatorLineId = z.string().trim().min(1).max(120);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const createLineInput = z.object({
  reference,
  /** The operator's product code of the plan (telecom_offers.operator_product_code). */
  productCode: code,
  optionCodes: z.array(code).max(50).default([]),
  /** A number to keep (portability, with its RIO) or null: the operator allocates one. */
  number: e164.nullable().default(null),
  /** The RIO (relevé d'identité opérateur) of a ported mobile number. */
  rio: z.string().regex(/^[0-9A-Z]{12}$/).nullable().default(null),
  /** A SIM already in hand (ICCID), or null: one is shipped with the order. */
  iccid: z.string().regex(/^\d{18,22}$/).nullable().default(null),
});
export const modifyLineInput = z.object({ reference, operatorLineId, productCode: code });
export const changeOptionsInput = z.object({ reference, operatorLineId, add: z.array(code).max(50).default([]), remove: z.array(code).max(50).default([]) });
export const lineActionInput = z.object({ reference, operatorLineId, on: day.nullable().default(null) });
export const orderSimInput = z.object({
  reference,
  /** The line the SIM replaces, or null for spare SIMs. */
  operatorLineId: operatorLineId.nullable().default(null),
  quantity: z.number().int().min(1).max(500).default(1),
  /** Where to ship (our site's id: the adapter reads the address it needs). */
  shipToSiteId: z.string().uuid().nullable().default(null),
});

export const orderKinds = ['create-line', 'modify-line', 'change-options', 'terminate-line', 'suspend-line', 'resume-line', 'order-sim'] as const;
export type OrderKind = typeof orderKinds[number];

export const operatorOrder = z.object({
  /** The operator's id of the order (opaque): the correlation key of `telecom.operator-order-completed`. */
  orderId: z.string().min(1),
  reference,
  kind: z.enum(orderKinds),
  status: z.enum(['pending', 'completed', 'refused']),
  operatorLineId: z.string().nullable(),
  number: z.string().nullable(),
  iccids: z.array(z.string()),
  /** Why the operator refused it (status refused), French first. */
  reason: z.object({ fr: z.string(), en: z.string() }).nullable(),
  placedAt: z.string(),
  completedAt: z.string().nullable(),
});

export const invoicePeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
export const operatorInvoiceLine = z.object({
  /** The operator's invoice it comes from. */
  invoiceRef: z.string(),
  operatorLineId: z.string().nullable(),
  number: z.string().nullable(),
  productCode: z.string(),
  label: z.string(),
  periodStart: day,
  periodEnd: day,
  quantity: z.number(),
  /** Excluding tax, in cents: what the operator charges us (the purchase price the control compares). */
  amountCents: z.number().int(),
});

export type CreateLineInput = z.input<typeof createLineInput>;
export type ModifyLineInput = z.input<typeof modifyLineInput>;
export type ChangeOptionsInput = z.input<typeof changeOptionsInput>;
export type LineActionInput = z.input<typeof lineActionInput>;
export type OrderSimInput = z.input<typeof orderSimInput>;
export type OperatorOrder = z.infer<typeof operatorOrder>;
export type OperatorInvoiceLine = z.infer<typeof operatorInvoiceLine>;

export interface OperatorPort {
  /** The operator as the tenant's fleets name it (`snaic`, `alphalink`, `orange`…). */
  readonly operatorKey: string;
  /** The adapter serving it (`sandbox`, `snaic`, `alphalink`…). */
  readonly adapter: string;
  createLine(input: CreateLineInput): Promise<OperatorOrder>;
  /** Changes the plan. */
  modifyLine(input: ModifyLineInput): Promise<OperatorOrder>;
  changeOptions(input: ChangeOptionsInput): Promise<OperatorOrder>;
  terminateLine(input: LineActionInput): Promise<OperatorOrder>;
  suspendLine(input: LineActionInput): Promise<OperatorOrder>;
  resumeLine(input: LineActionInput): Promise<OperatorOrder>;
  orderSim(input: OrderSimInput): Promise<OperatorOrder>;
  /** The order as the operator sees it now (polling); refused when the operator knows no such order. */
  getOrder(orderId: string): Promise<OperatorOrder>;
  /** The operator's invoice lines of a month, where the operator offers them (absent otherwise: CSV import). */
  listInvoiceLines?(period: string): Promise<OperatorInvoiceLine[]>;
}
