import type { Knex } from 'knex';
import type { Client } from '@temporalio/client';
import type { AuthSettings } from '../../domain/identity/auth-service';
import type { ApiModule } from '../api-module';
import type { ReplicaReads } from '../../db/replica-reads';
import type { CompanyRegistryPort } from '../../integrations/company-registry/company-registry.port';

/** What the API needs from the outside, given once to createApp (tests pass their own). */
export interface ApiDeps {
  knex: Knex;
  auth: AuthSettings;
  /** Lazily connected Temporal client (STYLE §9). */
  temporal: () => Promise<Client>;
  taskQueue: string;
  dataDir: string;
  loginRateLimitPer15Min: number;
  /** Count sign-in attempts in PostgreSQL, shared by every API process (api/server.ts), rather than per app in memory. */
  sharedLoginLimits?: boolean;
  uiDir?: string;
  /** The API's public base URL (PUBLIC_URL): vendor webhook signatures cover it. Defaults to the configuration. */
  publicUrl?: string;
  /** Express `trust proxy` setting (see TRUST_PROXY). */
  trustProxy?: string;
  /** The French company registry the account lookup asks; by default the one COMPANY_REGISTRY_PROVIDER names (sandbox). */
  companyRegistry?: CompanyRegistryPort;
  /** The second site's replica, when DATABASE_REPLICA_URL is set: lists and searches may read from it (ADR 0021). */
  replica?: ReplicaReads;
  /** The API parts of the installed verticals (api/installed-modules.ts). */
  modules: readonly ApiModule[];
}
