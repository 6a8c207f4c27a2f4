import type { Knex } from 'knex';
import type { SecretBox } from '../core/secret-box';

/**
 * How a tenant's connections to its operators and billing systems are kept (integration_connections,
 * ADR 0042): the credentials as one JSON object and the webhook secret, each sealed by the secret box
 * bound to the tenant, the kind and the key — a sealed value copied to another connection does not open.
 */
export type ConnectionKind = 'operator' | 'billing-system';

export interface OpenedConnection {
  id: string;
  kind: ConnectionKind;
  key: string;
  adapter: string;
  label: string;
  baseUrl: string | null;
  credentials: Record<string, string>;
  webhookSecret: string | null;
  settings: Record<string, unknown>;
  active: boolean;
}

export const credentialsContext = (tenantId: string, kind: ConnectionKind, key: string) => `${tenantId}/telecom-connection/${kind}/${key}/credentials`;
export const webhookSecretContext = (tenantId: string, kind: ConnectionKind, key: string) => `${tenantId}/telecom-connection/${kind}/${key}/webhook-secret`;

/** The connection of one operator or billing system, its secrets opened (the resolver and the webhook only); null when none. */
export async function openConnection(trx: Knex.Transaction, tenantId: string, kind: ConnectionKind, key: string, box: SecretBox): Promise<OpenedConnection | null> {
  const row = await trx('integrationConnections').where({ kind, key }).first();
  if (!row) return null;
  return {
    id: String(row.id), kind, key, adapter: String(row.adapter), label: String(row.label), baseUrl: (row.baseUrl as string | null) ?? null,
    credentials: row.credentialsSealed ? (JSON.parse(box.open(String(row.credentialsSealed), credentialsContext(tenantId, kind, key))) as Record<string, string>) : {},
    webhookSecret: row.webhookSecretSealed ? box.open(String(row.webhookSecretSealed), webhookSecretContext(tenantId, kind, key)) : null,
    settings: (row.settings as Record<string, unknown>) ?? {},
    active: Boolean(row.active),
  };
}
