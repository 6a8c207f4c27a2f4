import type { Knex } from 'knex';
import { checkEgress, EgressRefusedError, type Resolver } from '../../integrations/llm/egress-guard';
import type { RequestContext } from '../core/record-service';
import { ForbiddenError, ruleViolation } from '../errors';
import { audit } from '../identity/audit-log';
import { assistantMessage as m } from './assistant.messages';
import type { SettingsInput, SettingsView } from './assistant.schema';

/**
 * The organisation's assistant settings (docs/adr/0037-local-assistant.md): the embedded provider until
 * someone chooses Ollama, with its host and model. A host is checked by the egress guard when set: a
 * public one is refused (422) unless the administration explicitly allows it, which is recorded (who,
 * when) and audited. Set by those who change missions (the administration, mission leads).
 */
/** The model when none is named: French-capable, `ollama pull mistral` (README). */
export const DEFAULT_MODEL = 'mistral';

export interface StoredSettings extends SettingsView {
  allowPublic: boolean;
}

function present(row: Record<string, unknown> | undefined): StoredSettings {
  if (!row) return { provider: 'embedded', host: null, model: null, publicHostAllowed: null, version: 0, allowPublic: false };
  const at = row.publicHostAllowedAt as Date | null;
  return {
    provider: row.provider as SettingsView['provider'], host: (row.host as string | null) ?? null, model: (row.model as string | null) ?? null,
    publicHostAllowed: at ? { by: (row.publicHostAllowedBy as string | null) ?? null, at: new Date(at).toISOString() } : null,
    version: Number(row.version), allowPublic: Boolean(at),
  };
}

const view = ({ allowPublic: _allowPublic, ...settings }: StoredSettings): SettingsView => settings;

/** The settings of the organisation whose transaction this is (row-level security). */
export async function assistantSettings(trx: Knex.Transaction): Promise<StoredSettings> {
  return present(await trx('assistantSettings').first());
}

function mustSet(ctx: RequestContext): void {
  if (!ctx.ability.can('update', 'AuditMission')) throw new ForbiddenError(m('audits.assistant.settings-forbidden'));
}

export async function readAssistantSettings(ctx: RequestContext): Promise<SettingsView> {
  mustSet(ctx);
  return view(await assistantSettings(ctx.trx));
}

/** Sets the provider, host and model; nothing changes when the host is refused. Audit log `assistant.settings.update`. */
export async function updateAssistantSettings(ctx: RequestContext, input: SettingsInput, resolver?: Resolver): Promise<SettingsView> {
  mustSet(ctx);
  const administration = ctx.principal.roles.includes('administration');
  if (input.allowPublicHost && !administration) throw new ForbiddenError(m('audits.assistant.public-allow-forbidden'));
  const current = await assistantSettings(ctx.trx);
  const ollama = input.provider === 'ollama';
  if (ollama && !input.host) throw ruleViolation('host', m('audits.assistant.host-and-model'));
  const host = ollama ? input.host! : null;
  // A public host stays allowed while it is the same host and the administration does not take it back.
  const keepsAllowance = current.allowPublic && host === current.host && input.allowPublicHost !== false;
  const allowPublic = ollama && (Boolean(input.allowPublicHost) || keepsAllowance);
  if (host) {
    try {
      await checkEgress(host, { resolver, allowPublic });
    } catch (error) {
      if (!(error instanceof EgressRefusedError)) throw error;
      const code = error.reason === 'public-address' ? 'audits.assistant.public-host' : error.reason === 'unresolved' ? 'audits.assistant.unresolved-host' : 'audits.assistant.invalid-host';
      throw ruleViolation('host', m(code));
    }
  }
  const newlyAllowed = allowPublic && !keepsAllowance;
  const values = {
    provider: input.provider, host, model: ollama ? input.model || DEFAULT_MODEL : null,
    publicHostAllowedBy: allowPublic ? (newlyAllowed ? ctx.principal.userId : current.publicHostAllowed?.by ?? null) : null,
    publicHostAllowedAt: allowPublic ? (newlyAllowed ? ctx.trx.fn.now() : current.publicHostAllowed?.at) : null,
    updatedBy: ctx.principal.userId, updatedAt: ctx.trx.fn.now(),
  };
  await ctx.trx('assistantSettings').insert({ tenantId: ctx.principal.tenantId, ...values, version: 1 })
    .onConflict('tenantId').merge({ ...values, version: ctx.trx.raw('assistant_settings.version + 1') });
  await audit(ctx.trx, {
    tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId, action: newlyAllowed ? 'assistant.settings.public-host-allowed' : 'assistant.settings.update',
    targetType: 'assistant-settings', targetId: ctx.principal.tenantId,
    details: { before: { provider: current.provider, host: current.host, model: current.model, publicHostAllowed: current.allowPublic }, after: { provider: values.provider, host, model: values.model, publicHostAllowed: allowPublic } },
  });
  return view(await assistantSettings(ctx.trx));
}
