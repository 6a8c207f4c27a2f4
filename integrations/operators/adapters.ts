import { registerOperatorAdapter } from './operator.registry';

/**
 * The vendors' operator adapters shipped with Relais (ADR 0042), registered once before the first
 * resolution. The sandbox is not here: it keeps its state in the tenant's database, so the resolver
 * (activities/telecom/ports.ts) builds it.
 */
let registered = false;
export function registerBuiltInOperatorAdapters(): void {
  if (registered) return;
  registered = true;
  void registerOperatorAdapter;
}
