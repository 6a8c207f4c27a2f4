import type { Knex } from 'knex';
import type { SecretBox } from '../core/secret-box';
import type { RequestContext } from '../core/record-service';
import { ForbiddenError, StaleVersionError, ValidationError, versionMatches, type ExpectedVersion, type FieldProblem } from '../errors';
import { audit } from '../identity/audit-log';
import { registerBuiltInBillingSystemAdapters } from '../../integrations/billing-systems/adapters';
import { listBillingSystemAdapters } from '../../integrations/billing-systems/billing-system.registry';
import { registerBuiltInOperatorAdapters } from '../../integrations/operators/adapters';
import { listOperatorAdapters } from '../../integrations/operators/operator.registry';
import { connectionPut, type AdapterView, type ConnectionView, type ConnectionsList } from './connection.schema';
import { credentialsContext, webhookSecretContext, type ConnectionKind } from './connection-store';
import { integrationsMessage } from './integrations.messages';

/**
 * A tenant's connections to its operators and billing systems (ADR 0042): which adapter serves each
 * operator key or billing-system key, where, with what credentials. Credentials and the webhook secret
 * are sealed by the secret box before they reach the table and never answered; the audit log says which
 * changed, never their values. « voir API » is `telecom.connection.read`, configuring `…update`.
 */
type Row = Record<string, unknown>;

const SANDBOX: Record<ConnectionKind, AdapterView> = {
  operator: { kind: 'operator', adapter: 'sandbox', label: { fr: 'Bac à sable (opérateur simulé)', en: 'Sandbox (simulated operator)' }, credentialFields: [], defaultBaseUrl: null },
  'billing-system': { kind: 'billing-system', adapter: 'sandbox', label: { fr: 'Bac à sable (facturation simulée)', en: 'Sandbox (simulated billing)' }, credentialFields: [], defaultBaseUrl: null },
};

/** Every adapter a connection may name: the sandbox and the registered vendors' adapters. */
export function availableAdapters(): AdapterView[] {
  registerBuiltInOperatorAdapters();
  registerBuiltInBillingSystemAdapters();
  const view = (kind: ConnectionKind) => (d: { adapter: string; label: { fr: string; en: string }; credentialFields: readonly string[]; defaultBaseUrl: string | null }): AdapterView =>
    ({ kind, adapter: d.adapter, label: d.label, credentialFields: [...d.credentialFields], defaultBaseUrl: d.defaultBaseUrl });
  return [SANDBOX.operator, ...listOperatorAdapters().map(view('operator')), SANDBOX['billing-system'], ...listBillingSystemAdapters().map(view('billing-system'))];
}

/** Where an operator posts its notifications for this tenant. */
export function operatorWebhookUrl(publicUrl: string, tenantSlug: string, key: string): string {
  return `${publicUrl.replace(/\/$/, '')}/api/v1/telecom/operators/${key}/webhook?tenant=${encodeURIComponent(tenantSlug)}`;
}

function credentialNames(row: Row, box: SecretBox, tenantId: string): string[] {
  if (!row.credentialsSealed) return [];
  return Object.keys(JSON.parse(box.open(String(row.credentialsSealed), credentialsContext(tenantId, row.kind as ConnectionKind, String(row.key))))).sort();
}

function present(row: Row, box: SecretBox, tenantId: string, publicUrl: string, slug: string): ConnectionView {
  return {
    id: String(row.id), kind: row.kind as ConnectionKind, key: String(row.key), adapter: String(row.adapter), label: String(row.label), baseUrl: (row.baseUrl as string | null) ?? null,
    credentialsSet: credentialNames(row, box, tenantId), webhookSecretSet: Boolean(row.webhookSecretSealed),
    webhookUrl: row.kind === 'operator' ? operatorWebhookUrl(publicUrl, slug, String(row.key)) : null,
    settings: (row.settings as Record<string, unknown>) ?? {}, active: Boolean(row.active), version: Number(row.version), updatedAt: new Date(row.updatedAt as string).toISOString(),
  };
}

const slugOf = async (trx: Knex.Transaction) => String((await trx('tenants').first('slug'))?.slug ?? '');

export async function listConnections(ctx: RequestContext, box: SecretBox, publicUrl: string): Promise<ConnectionsList> {
  if (!ctx.ability.can('read', 'TelecomConnection')) throw new ForbiddenError(integrationsMessage('telecom.connections.forbidden-read'));
  const rows: Row[] = await ctx.trx('integrationConnections').orderBy(['kind', 'key']);
  const slug = await slugOf(ctx.trx);
  return { items: rows.map((r) => present(r, box, ctx.principal.tenantId, publicUrl, slug)), adapters: availableAdapters() };
}

const LOCAL = new Set(['localhost', '127.0.0.1', '[::1]']);

function check(kind: ConnectionKind, input: ReturnType<typeof connectionPut.parse>, stored: Record<string, string>): { problems: FieldProblem[]; adapter: AdapterView | undefined } {
  const problems: FieldProblem[] = [];
  const adapter = availableAdapters().find((a) => a.kind === kind && a.adapter === input.adapter);
  if (!adapter) return { problems: [{ field: 'adapter', message: integrationsMessage('telecom.connections.unknown-adapter', { adapter: input.adapter }) }], adapter };
  for (const name of Object.keys(input.credentials ?? {})) {
    if (!adapter.credentialFields.includes(name)) problems.push({ field: `credentials.${name}`, message: integrationsMessage('telecom.connections.credential-unknown', { adapter: adapter.adapter }) });
  }
  for (const name of adapter.credentialFields) {
    if (!input.credentials?.[name] && !stored[name]) problems.push({ field: `credentials.${name}`, message: integrationsMessage('telecom.connections.credential-required', { adapter: adapter.adapter }) });
  }
  if (input.baseUrl) {
    const url = new URL(input.baseUrl);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL.has(url.hostname))) problems.push({ field: 'baseUrl', message: integrationsMessage('telecom.connections.base-url-https') });
  } else if (adapter.adapter !== 'sandbox' && !adapter.defaultBaseUrl) {
    problems.push({ field: 'baseUrl', message: integrationsMessage('telecom.connections.base-url-required') });
  }
  if (JSON.stringify(input.settings).length > 4096) problems.push({ field: 'settings', message: integrationsMessage('telecom.connections.settings-too-large') });
  return { problems, adapter };
}

/** Creates or replaces the connection of one operator or billing system (If-Match on its version when it exists). */
export async function putConnection(
  ctx: RequestContext, box: SecretBox, kind: ConnectionKind, key: string, body: unknown, expected: ExpectedVersion | undefined, publicUrl: string,
): Promise<ConnectionView> {
  if (!ctx.ability.can('update', 'TelecomConnection')) throw new ForbiddenError(integrationsMessage('telecom.connections.forbidden-update'));
  const parsed = connectionPut.safeParse(body);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message })));
  const input = parsed.data;
  const tenantId = ctx.principal.tenantId;
  const row: Row | undefined = await ctx.trx('integrationConnections').where({ kind, key }).forUpdate().first();
  const slug = await slugOf(ctx.trx);
  if (row && !versionMatches(expected, row.version)) throw new StaleVersionError(present(row, box, tenantId, publicUrl, slug));
  const stored: Record<string, string> = row?.credentialsSealed && row.adapter === input.adapter
    ? JSON.parse(box.open(String(row.credentialsSealed), credentialsContext(tenantId, kind, key))) : {};
  const { problems, adapter } = check(kind, input, stored);
  if (problems.length) throw new ValidationError(problems);
  const credentials = Object.fromEntries(Object.entries({ ...stored, ...(input.credentials ?? {}) }).filter(([name]) => adapter!.credentialFields.includes(name)));
  const values = {
    adapter: input.adapter, label: input.label, baseUrl: input.baseUrl, settings: JSON.stringify(input.settings), active: input.active,
    credentialsSealed: Object.keys(credentials).length ? box.seal(JSON.stringify(credentials), credentialsContext(tenantId, kind, key)) : null,
    webhookSecretSealed: input.webhookSecret ? box.seal(input.webhookSecret, webhookSecretContext(tenantId, kind, key)) : (row?.webhookSecretSealed ?? null),
    updatedBy: ctx.principal.userId,
  };
  const [saved] = row
    ? await ctx.trx('integrationConnections').where({ id: row.id }).update({ ...values, version: Number(row.version) + 1 }).returning('*')
    : await ctx.trx('integrationConnections').insert({ ...values, tenantId, kind, key, createdBy: ctx.principal.userId }).returning('*');
  await audit(ctx.trx, {
    tenantId, actorUserId: ctx.principal.userId, action: 'telecom.connection.update', targetType: 'integration-connection', targetId: String(saved.id),
    details: { kind, key, adapter: input.adapter, active: input.active, credentialsChanged: Object.keys(input.credentials ?? {}).sort(), webhookSecretChanged: Boolean(input.webhookSecret) },
  });
  return present(saved, box, tenantId, publicUrl, slug);
}
