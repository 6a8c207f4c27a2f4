import { ALPHALINK_API_BASE_URL, alphalinkWebhookOrderId, createAlphalinkAdapter } from './alphalink.adapter';
import { registerOperatorAdapter } from './operator.registry';
import { createSnaicAdapter, SNAIC_API_BASE_URL, snaicWebhookOrderId } from './snaic.adapter';

/**
 * The vendors' operator adapters shipped with Relais (ADR 0042), registered once before the first
 * resolution. The sandbox is not here: it keeps its state in the tenant's database, so the resolver
 * (activities/telecom/ports.ts) builds it.
 */
let registered = false;
export function registerBuiltInOperatorAdapters(): void {
  if (registered) return;
  registered = true;
  registerOperatorAdapter({
    adapter: 'snaic',
    label: { fr: 'SNAIC (mobile)', en: 'SNAIC (mobile)' },
    credentialFields: ['apiToken'],
    defaultBaseUrl: SNAIC_API_BASE_URL,
    create: (c) => createSnaicAdapter(c.key, { apiToken: c.credentials.apiToken ?? '', baseUrl: c.baseUrl, sleep: c.sleep }),
    webhookOrderId: snaicWebhookOrderId,
    webhookSignatureHeader: 'x-snaic-signature',
  });
  registerOperatorAdapter({
    adapter: 'alphalink',
    label: { fr: 'Alphalink (internet, trunks SIP)', en: 'Alphalink (internet, SIP trunks)' },
    credentialFields: ['login', 'password'],
    defaultBaseUrl: ALPHALINK_API_BASE_URL,
    create: (c) => createAlphalinkAdapter(c.key, { login: c.credentials.login ?? '', password: c.credentials.password ?? '', baseUrl: c.baseUrl, sleep: c.sleep }),
    webhookOrderId: alphalinkWebhookOrderId,
    webhookSignatureHeader: 'x-alphalink-signature',
  });
}
