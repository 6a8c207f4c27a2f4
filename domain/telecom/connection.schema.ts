import { z } from 'zod';

/**
 * A tenant's connection to an operator or a billing system as the API takes and answers it
 * (`/api/v1/telecom/connections`, ADR 0042). Credentials and the webhook secret are write-only: an answer
 * names the credential fields that are set, never their values.
 */
export const connectionKind = z.enum(['operator', 'billing-system']);
export const connectionKey = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/);

export const connectionPut = z.object({
  adapter: connectionKey,
  label: z.string().trim().min(1).max(120),
  baseUrl: z.string().trim().url().max(500).nullable().default(null),
  /** Write-only: the fields given replace the stored ones; omitted ones are kept. */
  credentials: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/), z.string().min(1).max(4000)).optional(),
  /** Write-only: the secret the operator signs its webhooks with (HMAC-SHA256); omitted keeps the stored one. */
  webhookSecret: z.string().min(16).max(200).optional(),
  /** The adapter's own settings (the sandbox's latency, completion delay, simulated outage). */
  settings: z.record(z.string(), z.unknown()).default({}),
  active: z.boolean().default(true),
}).strict();
export type ConnectionPut = z.input<typeof connectionPut>;

export const connectionView = z.object({
  id: z.string().uuid(),
  kind: connectionKind,
  key: z.string(),
  adapter: z.string(),
  label: z.string(),
  baseUrl: z.string().nullable(),
  /** The credential fields set (their values are never answered). */
  credentialsSet: z.array(z.string()),
  webhookSecretSet: z.boolean(),
  /** Where the operator posts its notifications (operators only). */
  webhookUrl: z.string().nullable(),
  settings: z.record(z.string(), z.unknown()),
  active: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type ConnectionView = z.infer<typeof connectionView>;

export const adapterView = z.object({
  kind: connectionKind,
  adapter: z.string(),
  label: z.object({ fr: z.string(), en: z.string() }),
  credentialFields: z.array(z.string()),
  defaultBaseUrl: z.string().nullable(),
});
export type AdapterView = z.infer<typeof adapterView>;

export const connectionsList = z.object({ items: z.array(connectionView), adapters: z.array(adapterView) });
export type ConnectionsList = z.infer<typeof connectionsList>;
