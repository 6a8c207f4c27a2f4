import { http } from './client';
import type { TokenPair } from './tokens';

export interface LoginRequest {
  email: string;
  password: string;
  tenant?: string;
}

export interface LoginResponse extends TokenPair {
  tokenType: string;
  expiresIn: number;
  userId: string;
  tenantId: string;
}

/** One organisation offered after a 409 (the email exists in several). */
export interface TenantChoice {
  slug: string;
  name: string;
}

export interface Me {
  user: { id: string; email: string; displayName: string; type: string; accountId: string | null };
  tenant: {
    id: string;
    slug: string;
    name: string;
    branding: { primaryColor?: string; secondaryColor?: string; logoText?: string } | null;
    verticals: string[];
    locale: string;
    timeZone: string;
  };
  roles: Array<{ key: string; labelFr: string; labelEn: string }>;
  /** Resource key → allowed actions, e.g. `{"core.account": ["read", "update"]}`. */
  permissions: Record<string, string[]>;
  fieldGroups: string[];
  grants: string[];
}

export const authApi = {
  login: (body: LoginRequest) => http.post<LoginResponse>('/auth/login', body, { auth: false }),
  /** Ends the session: the refresh cookie goes with it, the access token in the header is deny-listed. */
  logout: () => http.post<void>('/auth/logout', {}),
  me: () => http.get<Me>('/auth/me'),
};
