import type { OperatorPort } from './operator.port';

/**
 * The operator adapters Relais knows (ADR 0042): a new operator is one adapter registered here, nothing in
 * business code. A tenant's connection (integration_connections) names the adapter serving one of its
 * operator keys; the resolver (activities/telecom/ports.ts) builds it with the connection's opened
 * credentials. `integrations/operators/adapters.ts` registers the vendors' adapters shipped with Relais;
 * the sandbox, which keeps its state in the tenant's database, is built by the resolver itself.
 */
export interface AdapterContext {
  /** The operator key (or billing-system key) as the tenant's records name it. */
  key: string;
  baseUrl: string | null;
  /** The connection's credentials, opened (never logged). */
  credentials: Record<string, string>;
  settings: Record<string, unknown>;
  /** How adapters wait between retries (tests pass an instant one). */
  sleep?: (ms: number) => Promise<void>;
}

export interface AdapterDefinition<Port> {
  adapter: string;
  label: { fr: string; en: string };
  /** The credential fields the connection form asks for (each write-only). */
  credentialFields: readonly string[];
  /** Whether the adapter needs a base URL (a vendor's) or has a default. */
  defaultBaseUrl: string | null;
  create(context: AdapterContext): Port;
  /** The order id a webhook's body is about (the vendor's payload), or null when it is about no order. */
  webhookOrderId?(body: unknown): string | null;
  /** The header carrying the webhook's HMAC-SHA256 signature (lower case; `x-signature` when absent). */
  webhookSignatureHeader?: string;
}

export type OperatorAdapterDefinition = AdapterDefinition<OperatorPort>;

const operatorAdapters = new Map<string, OperatorAdapterDefinition>();

/** Registers an operator adapter (a second registration of the same name replaces the first). */
export function registerOperatorAdapter(definition: OperatorAdapterDefinition): void {
  operatorAdapters.set(definition.adapter, definition);
}

export function operatorAdapter(adapter: string): OperatorAdapterDefinition | undefined {
  return operatorAdapters.get(adapter);
}

export function listOperatorAdapters(): OperatorAdapterDefinition[] {
  return [...operatorAdapters.values()];
}
