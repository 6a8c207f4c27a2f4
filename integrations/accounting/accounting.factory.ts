import type { AccountingPort } from './accounting.port';
import { createPennylaneAccountingAdapter } from './pennylane.adapter';
import { createSandboxAccountingAdapter, type SandboxAccountingOptions } from './sandbox.adapter';

/** An organisation's accounting software, as its settings say (the token already opened). */
export type AccountingConfig =
  | { provider: 'sandbox' } & SandboxAccountingOptions
  | { provider: 'pennylane'; apiToken: string; apiBaseUrl?: string; sleep?: (ms: number) => Promise<void> };

function unreachable(value: never): never {
  throw new Error(`Unknown accounting provider ${JSON.stringify(value)}`);
}

/** The adapter for a configuration (STYLE §8: an exhaustive switch). */
export function createAccountingPort(config: AccountingConfig): AccountingPort {
  switch (config.provider) {
    case 'sandbox':
      return createSandboxAccountingAdapter({ known: config.known });
    case 'pennylane':
      return createPennylaneAccountingAdapter({ apiToken: config.apiToken, apiBaseUrl: config.apiBaseUrl, sleep: config.sleep });
    default:
      return unreachable(config);
  }
}
