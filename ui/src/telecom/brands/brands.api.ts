import { http, request } from '@/api/client';

/** The brands area's API (api/telecom/brands.router.ts, ADR 0046): the account panel's telecom blocks and the white-label brands. */

export type AccountSection = 'summary' | 'externalRefs' | 'billingSites' | 'sites' | 'finance' | 'margin';

export interface PanelFleet {
  id: string;
  name: string;
  type: string;
  operatorKey: string;
  lineCount: number;
}

/** GET /telecom/accounts/{id}/panel: sections the role may not read are absent. */
export interface AccountPanel {
  accountId: string;
  sections: AccountSection[];
  summary: {
    name: string;
    number: number;
    status: string;
    softwhereId: string | null;
    profileVersion: number | null;
    brand: { id: string; key: string; name: string } | null;
    salesperson: { id: string; name: string } | null;
    externalRefs?: Record<string, string>;
  };
  finance?: { currency: string; monthlySaleCents: number; monthlyPurchaseCents?: number; monthlyMarginCents?: number };
  sites?: {
    layout: 'compact' | 'navigation';
    lineCount: number;
    items: Array<{ id: string; name: string; city: string | null; lineCount: number; fleets: PanelFleet[] }>;
    unsitedFleets: PanelFleet[];
  };
  billingSites?: Array<{
    id: string;
    name: string;
    externalRef: string | null;
    billingEmail: string | null;
    billingContact: { id: string; name: string } | null;
    references: Array<{ system: string; reference: string }>;
  }>;
}

/** The account's telecom profile (api/telecom/hierarchy.part.ts, `/telecom/accounts/{id}/profile`). */
export interface AccountProfile {
  accountId: string;
  softwhereId: string;
  brandId: string | null;
  externalRefs: Record<string, string>;
  version: number;
}

export interface BrandBranding {
  primaryColor: string | null;
  secondaryColor: string | null;
  mailSenderName: string | null;
  mailTemplates: Record<string, string>;
  logo: string | null;
  version: number;
}

export interface Brand {
  id: string;
  key: string;
  name: string;
  active: boolean;
  branding: BrandBranding;
  members?: Array<{ id: string; name: string; email: string; type: string }>;
}

const enc = encodeURIComponent;

export const brandsApi = {
  /** The hierarchy's account summary (api/telecom/hierarchy.part.ts): the panel's sections plus the site count. */
  panel: (accountId: string) => http.get<AccountPanel & { multiSite: boolean; siteCount: number }>(`/telecom/accounts/${enc(accountId)}/summary`),
  setAccountBrand: (accountId: string, brandId: string | null, version: number) =>
    request<{ brandId: string | null; version: number }>('PUT', `/telecom/accounts/${enc(accountId)}/brand`, { body: { brandId }, ifMatch: version }),
  profile: (accountId: string) => http.get<{ profile: AccountProfile | null }>(`/telecom/accounts/${enc(accountId)}/profile`),
  /** Creates or replaces the profile; `version` null for a profile not made yet (no If-Match). */
  putProfile: (accountId: string, body: { softwhereId: string; brandId: string | null; externalRefs?: Record<string, string> }, version: number | null) =>
    request<AccountProfile>('PUT', `/telecom/accounts/${enc(accountId)}/profile`, { body, ...(version === null ? {} : { ifMatch: version }) }),
  list: () => http.get<{ items: Brand[] }>('/telecom/brands'),
  mine: () => http.get<{ brand: Brand | null }>('/telecom/brands/mine'),
  updateBranding: (id: string, patch: Partial<Pick<BrandBranding, 'primaryColor' | 'secondaryColor' | 'mailSenderName' | 'mailTemplates'>>, version: number) =>
    http.patch<Brand>(`/telecom/brands/${enc(id)}/branding`, patch, version),
  uploadLogo: (id: string, file: File, version: number) => {
    const body = new FormData();
    body.append('file', file);
    return request<Brand>('PUT', `/telecom/brands/${enc(id)}/logo`, { body, ifMatch: version });
  },
  removeLogo: (id: string, version: number) => request<Brand>('DELETE', `/telecom/brands/${enc(id)}/logo`, { ifMatch: version }),
  setMembers: (id: string, userIds: string[]) => request<Brand>('PUT', `/telecom/brands/${enc(id)}/members`, { body: { userIds } }),
};
