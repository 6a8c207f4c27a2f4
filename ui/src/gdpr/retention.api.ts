import { request } from '@/api/client';
import type {
  DryRunView, LegalHoldChange, LegalHoldInput, LegalHoldView, RetentionRuleView, RetentionRunView,
} from '@domain/gdpr/retention.schema';

/** Retention's API (/api/v1/gdpr/retention, /api/v1/gdpr/legal-holds; domain/gdpr/retention.schema.ts is the source of these types). */
export type { DryRunView, LegalHoldInput, LegalHoldView, RetentionRuleView, RetentionRunView };
export type LegalHoldScope = LegalHoldInput['scope'];

export const retentionApi = {
  rules: () => request<{ today: string; rules: RetentionRuleView[] }>('GET', '/gdpr/retention/rules'),
  runs: () => request<{ items: RetentionRunView[] }>('GET', '/gdpr/retention/runs'),
  dryRun: (today?: string) => request<DryRunView>('POST', '/gdpr/retention/dry-run', { body: today ? { today } : {} }),
  holds: () => request<{ items: LegalHoldView[] }>('GET', '/gdpr/legal-holds'),
  place: (input: LegalHoldInput) => request<LegalHoldView>('POST', '/gdpr/legal-holds', { body: input }),
  change: (id: string, change: LegalHoldChange, version: number) => request<LegalHoldView>('PATCH', `/gdpr/legal-holds/${id}`, { body: change, ifMatch: version }),
  lift: (id: string, version: number) => request<LegalHoldView>('POST', `/gdpr/legal-holds/${id}/lift`, { ifMatch: version }),
};
