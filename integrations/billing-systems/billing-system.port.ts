import { z } from 'zod';

/**
 * The billing-system port (spec 002 §9.2, ADR 0042): what Relais asks the system that bills the client's
 * telecom services (CFAST, future ones), in business terms. A billing site's reference there
 * (`telecom_billing_site_refs.reference`, CFAST's « billing point ») is the `customerRef`.
 *
 * Pennylane is not a billing system here: Relais's own billing issues the invoices and the accounting port
 * (integrations/accounting/) pushes them to Pennylane; the key `pennylane` resolves to no adapter of this
 * port (activities/telecom/ports.ts says so with a refusal).
 *
 * Every call carries our `reference` (idempotency: one service or charge per reference). Failures are
 * PortRefusedError / PortRetryableError (integrations/port-errors.ts).
 */
const code = z.string().trim().min(1).max(64);
const reference = z.string().trim().min(1).max(120);
const serviceId = z.string().trim().min(1).max(120);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const label = z.string().trim().min(1).max(200);
const cents = z.number().int().min(0).max(100_000_000);

export const createServiceInput = z.object({
  reference,
  /** The billing point (the billing site's reference in that system). */
  customerRef: z.string().trim().min(1).max(120),
  productCode: code,
  label,
  monthlyPriceCents: cents,
  quantity: z.number().int().min(1).max(10_000).default(1),
  startOn: day,
  /** The line it bills: its number (E.164) and the operator's line id, when a line. */
  lineNumber: z.string().max(20).nullable().default(null),
  operatorLineId: z.string().max(120).nullable().default(null),
});
export const changeSubscriptionInput = z.object({ reference, serviceId, productCode: code, label, monthlyPriceCents: cents, on: day });
export const addOptionInput = z.object({ reference, serviceId, productCode: code, label, monthlyPriceCents: cents, on: day });
export const addHardwareInput = z.object({
  reference, customerRef: z.string().trim().min(1).max(120), serviceId: serviceId.nullable().default(null),
  productCode: code, label, unitPriceCents: cents, quantity: z.number().int().min(1).max(10_000).default(1), on: day,
});
export const addOneOffFeeInput = z.object({
  reference, customerRef: z.string().trim().min(1).max(120), serviceId: serviceId.nullable().default(null), label, amountCents: cents, on: day,
});
export const cancelServiceInput = z.object({ reference, serviceId, on: day });

export const billingChargeKinds = ['subscription', 'option', 'hardware', 'one-off'] as const;

/** What the billing system answers to a write: the record it made or changed. */
export const billingResult = z.object({
  /** The system's id of the service (subscription), option or charge. */
  serviceId: z.string(),
  kind: z.enum(billingChargeKinds),
  status: z.enum(['active', 'cancelled', 'recorded']),
});

export const billedService = z.object({
  serviceId: z.string(),
  /** The subscription an option belongs to. */
  parentServiceId: z.string().nullable(),
  customerRef: z.string(),
  kind: z.enum(billingChargeKinds),
  productCode: z.string().nullable(),
  label: z.string(),
  /** Monthly for a subscription or option, the whole amount for hardware and one-off fees (excl. tax). */
  amountCents: z.number().int(),
  quantity: z.number().int(),
  status: z.enum(['active', 'cancelled', 'recorded']),
  startedOn: day,
  cancelledOn: day.nullable(),
  lineNumber: z.string().nullable(),
  operatorLineId: z.string().nullable(),
});

export type CreateServiceInput = z.input<typeof createServiceInput>;
export type ChangeSubscriptionInput = z.input<typeof changeSubscriptionInput>;
export type AddOptionInput = z.input<typeof addOptionInput>;
export type AddHardwareInput = z.input<typeof addHardwareInput>;
export type AddOneOffFeeInput = z.input<typeof addOneOffFeeInput>;
export type CancelServiceInput = z.input<typeof cancelServiceInput>;
export type BillingResult = z.infer<typeof billingResult>;
export type BilledService = z.infer<typeof billedService>;

export interface BillingSystemPort {
  /** The system as billing sites name it (`cfast`…). */
  readonly systemKey: string;
  readonly adapter: string;
  createService(input: CreateServiceInput): Promise<BillingResult>;
  /** Changes a subscription's plan and monthly price from a day. */
  changeSubscription(input: ChangeSubscriptionInput): Promise<BillingResult>;
  addOption(input: AddOptionInput): Promise<BillingResult>;
  addHardware(input: AddHardwareInput): Promise<BillingResult>;
  addOneOffFee(input: AddOneOffFeeInput): Promise<BillingResult>;
  /** Stops billing a subscription (and its options) from a day. */
  cancelService(input: CancelServiceInput): Promise<BillingResult>;
  /** What it billed in a month (`YYYY-MM`): every service active some day of it, and the charges of the month. */
  listBilledServices(period: string): Promise<BilledService[]>;
}
