import type { PaymentsPort } from './payments.port';
import { createSandboxPaymentsAdapter, type SandboxPaymentsPort } from './sandbox.adapter';
import { createStripePaymentsAdapter } from './stripe.adapter';

/** An organisation's payment provider, as its settings say (secrets already opened). */
export type PaymentsConfig =
  | { provider: 'sandbox'; signingSecret: string; pageUrl: (sessionId: string) => string }
  | { provider: 'stripe'; secretKey: string; webhookSecret: string; apiBaseUrl?: string };

function unreachable(value: never): never {
  throw new Error(`Unknown payments provider ${JSON.stringify(value)}`);
}

/** The adapter for a configuration (STYLE §8: an exhaustive switch). */
export function createPaymentsPort(config: PaymentsConfig): PaymentsPort | SandboxPaymentsPort {
  switch (config.provider) {
    case 'sandbox':
      return createSandboxPaymentsAdapter({ signingSecret: config.signingSecret, pageUrl: config.pageUrl });
    case 'stripe':
      return createStripePaymentsAdapter({ secretKey: config.secretKey, webhookSecret: config.webhookSecret, apiBaseUrl: config.apiBaseUrl });
    default:
      return unreachable(config);
  }
}
