import type { AdapterDefinition } from '../operators/operator.registry';
import type { BillingSystemPort } from './billing-system.port';

/** The billing-system adapters Relais knows (ADR 0042), as the operator registry: one adapter per system. */
export type BillingSystemAdapterDefinition = AdapterDefinition<BillingSystemPort>;

const billingAdapters = new Map<string, BillingSystemAdapterDefinition>();

export function registerBillingSystemAdapter(definition: BillingSystemAdapterDefinition): void {
  billingAdapters.set(definition.adapter, definition);
}

export function billingSystemAdapter(adapter: string): BillingSystemAdapterDefinition | undefined {
  return billingAdapters.get(adapter);
}

export function listBillingSystemAdapters(): BillingSystemAdapterDefinition[] {
  return [...billingAdapters.values()];
}
