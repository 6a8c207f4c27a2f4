import { http, request } from '@/api/client';

/** The telecom connections' API (api/telecom/connections.router.ts, ADR 0042): secrets are write-only. */
export type ConnectionKind = 'operator' | 'billing-system';

export interface Connection {
  id: string;
  kind: ConnectionKind;
  key: string;
  adapter: string;
  label: string;
  baseUrl: string | null;
  credentialsSet: string[];
  webhookSecretSet: boolean;
  webhookUrl: string | null;
  settings: Record<string, unknown>;
  active: boolean;
  version: number;
  updatedAt: string;
}

export interface AdapterInfo {
  kind: ConnectionKind;
  adapter: string;
  label: { fr: string; en: string };
  credentialFields: string[];
  defaultBaseUrl: string | null;
}

export interface ConnectionPut {
  adapter: string;
  label: string;
  baseUrl: string | null;
  credentials?: Record<string, string>;
  webhookSecret?: string;
  active: boolean;
}

const enc = encodeURIComponent;

export const connectionsApi = {
  list: () => http.get<{ items: Connection[]; adapters: AdapterInfo[] }>('/telecom/connections'),
  put: (kind: ConnectionKind, key: string, body: ConnectionPut, version?: number) =>
    request<Connection>('PUT', `/telecom/connections/${enc(kind)}/${enc(key)}`, version === undefined ? { body } : { body, ifMatch: version }),
};
