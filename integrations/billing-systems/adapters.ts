import { registerBillingSystemAdapter } from './billing-system.registry';
import { CFAST_API_BASE_URL, createCfastAdapter } from './cfast.adapter';

/** The vendors' billing-system adapters shipped with Relais (ADR 0042), registered once; the sandbox is the resolver's. */
let registered = false;
export function registerBuiltInBillingSystemAdapters(): void {
  if (registered) return;
  registered = true;
  registerBillingSystemAdapter({
    adapter: 'cfast',
    label: { fr: 'CFAST (facturation télécom)', en: 'CFAST (telecom billing)' },
    credentialFields: ['apiKey'],
    defaultBaseUrl: CFAST_API_BASE_URL,
    create: (c) => createCfastAdapter(c.key, { apiKey: c.credentials.apiKey ?? '', baseUrl: c.baseUrl, sleep: c.sleep }),
  });
}
