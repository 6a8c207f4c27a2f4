import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import { defaultSecretBox, type SecretBox } from '../../domain/core/secret-box';
import { openConnection, type ConnectionKind, type OpenedConnection } from '../../domain/telecom/connection-store';
import { trackOrder } from '../../domain/telecom/operator-orders';
import { registerBuiltInBillingSystemAdapters } from '../../integrations/billing-systems/adapters';
import type { BillingSystemPort } from '../../integrations/billing-systems/billing-system.port';
import { billingSystemAdapter } from '../../integrations/billing-systems/billing-system.registry';
import { registerBuiltInOperatorAdapters } from '../../integrations/operators/adapters';
import type { OperatorOrder, OperatorPort } from '../../integrations/operators/operator.port';
import { operatorAdapter, type AdapterContext, type AdapterDefinition } from '../../integrations/operators/operator.registry';
import { refused } from '../../integrations/port-errors';
import { createSandboxBillingSystemAdapter, type SandboxBillingSettings } from './sandbox/sandbox-billing-system';
import { createSandboxOperatorAdapter, type SandboxOperatorSettings } from './sandbox/sandbox-operator';

/**
 * The one way business code reaches an operator or a billing system (spec 002 §9.1, ADR 0042):
 *   const port = await telecomPorts(deps).operator(tenantId, 'snaic');
 *   const order = await port.createLine({ reference: actionId, productCode: 'MOB-20GO' });
 * The tenant's connection (integration_connections) names the adapter, its base URL and credentials
 * (opened from the secret box); a tenant that configured none gets the sandbox. Orders placed through the
 * operator port are tracked (telecom_operator_orders) so their completion reaches the engine once.
 * Call it from activities and the API, never from a workflow (it does I/O). No transaction is held while a
 * vendor is called.
 */
export interface TelecomPortsDeps {
  knex: Knex;
  box?: SecretBox;
  /** How HTTP adapters wait between retries (tests pass an instant one). */
  sleep?: (ms: number) => Promise<void>;
}

export interface TelecomPorts {
  operator(tenantId: string, operatorKey: string): Promise<OperatorPort>;
  billingSystem(tenantId: string, systemKey: string): Promise<BillingSystemPort>;
}

const ORDER_METHODS = ['createLine', 'modifyLine', 'changeOptions', 'terminateLine', 'suspendLine', 'resumeLine', 'orderSim', 'getOrder'] as const;

/** The port, each order it answers kept in telecom_operator_orders (in its own short transaction, after the vendor answered). */
function tracked(port: OperatorPort, record: (order: OperatorOrder) => Promise<void>): OperatorPort {
  const wrapped: Record<string, unknown> = { operatorKey: port.operatorKey, adapter: port.adapter };
  for (const method of ORDER_METHODS) {
    wrapped[method] = async (input: never) => {
      const order = await (port[method] as (i: never) => Promise<OperatorOrder>)(input);
      await record(order);
      return order;
    };
  }
  if (port.listInvoiceLines) wrapped.listInvoiceLines = port.listInvoiceLines.bind(port);
  return wrapped as unknown as OperatorPort;
}

export function telecomPorts(deps: TelecomPortsDeps): TelecomPorts {
  registerBuiltInOperatorAdapters();
  registerBuiltInBillingSystemAdapters();
  const box = () => deps.box ?? defaultSecretBox();

  async function build<Port>(
    tenantId: string, kind: ConnectionKind, key: string, find: (adapter: string) => AdapterDefinition<Port> | undefined,
    sandbox: (settings: Record<string, unknown>, run: <T>(fn: (trx: Knex.Transaction) => Promise<T>) => Promise<T>) => Port,
  ): Promise<Port> {
    if (!/^[a-z][a-z0-9-]{1,39}$/.test(key)) {
      throw refused('bad-key', `Clé de connexion invalide : ${JSON.stringify(key)}.`, `Invalid connection key: ${JSON.stringify(key)}.`, 400);
    }
    const connection: OpenedConnection | null = await withTenant({ tenantId }, (trx) => openConnection(trx, tenantId, kind, key, box()), deps.knex);
    if (connection && !connection.active) {
      throw refused('connection-inactive', `La connexion « ${connection.label} » est désactivée.`, `The connection "${connection.label}" is disabled.`, 409);
    }
    const adapterName = connection?.adapter ?? 'sandbox';
    if (adapterName === 'sandbox') return sandbox(connection?.settings ?? {}, (fn) => withTenant({ tenantId }, fn, deps.knex));
    const definition = find(adapterName);
    if (!definition) throw refused('unknown-adapter', `Aucun adaptateur « ${adapterName} » n’est installé.`, `No adapter "${adapterName}" is installed.`, 409);
    const context: AdapterContext = {
      key, baseUrl: connection?.baseUrl ?? definition.defaultBaseUrl, credentials: connection?.credentials ?? {}, settings: connection?.settings ?? {},
      sleep: deps.sleep,
    };
    return definition.create(context);
  }

  return {
    async operator(tenantId, operatorKey) {
      const port = await build(tenantId, 'operator', operatorKey, operatorAdapter,
        (settings, run) => createSandboxOperatorAdapter({ operatorKey, run, settings: settings as SandboxOperatorSettings }));
      return tracked(port, (order) => withTenant({ tenantId }, (trx) => trackOrder(trx, operatorKey, order), deps.knex));
    },
    async billingSystem(tenantId, systemKey) {
      if (systemKey === 'pennylane') {
        throw refused('through-accounting', 'Pennylane reçoit les factures émises par Relais par le port comptable ; ce n’est pas un système de facturation des services.',
          'Pennylane receives the invoices Relais issues through the accounting port; it is not a service billing system.', 409);
      }
      return build(tenantId, 'billing-system', systemKey, billingSystemAdapter,
        (settings, run) => createSandboxBillingSystemAdapter({ systemKey, run, settings: settings as SandboxBillingSettings }));
    },
  };
}
