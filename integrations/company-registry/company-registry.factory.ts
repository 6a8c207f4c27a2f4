import type { CompanyRegistryPort } from './company-registry.port';
import { createRechercheEntreprisesAdapter } from './recherche-entreprises.adapter';
import { createSandboxCompanyRegistry } from './sandbox.adapter';

/** Which registry answers, from the configuration (COMPANY_REGISTRY_PROVIDER, sandbox by default). */
export type CompanyRegistryConfig =
  | { provider: 'sandbox' }
  | { provider: 'recherche-entreprises'; baseUrl?: string; timeoutMs?: number };

function unreachable(value: never): never {
  throw new Error(`Unknown company registry ${JSON.stringify(value)}`);
}

/** The adapter for a configuration (STYLE §8: an exhaustive switch). */
export function createCompanyRegistry(config: CompanyRegistryConfig): CompanyRegistryPort {
  switch (config.provider) {
    case 'sandbox':
      return createSandboxCompanyRegistry();
    case 'recherche-entreprises':
      return createRechercheEntreprisesAdapter({ baseUrl: config.baseUrl, timeoutMs: config.timeoutMs });
    default:
      return unreachable(config);
  }
}
