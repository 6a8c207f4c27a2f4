import path from 'node:path';
import type { Knex } from 'knex';
import { env } from '../../config/env';
import { logger } from '../../config/logger';
import { retentionTenants, runRetention } from '../../domain/gdpr/retention-run';
import type { DocumentStorage } from '../../integrations/storage/storage.port';
import { localDiskStorage } from '../../integrations/storage/local-disk.storage';
import type { RetentionActivities } from '../../workflows/gdpr/retention.contract';

/**
 * The retention run's activities (workflows/gdpr/retention.workflow.ts): thin, over
 * domain/gdpr/retention-run.ts. Logs carry ids and counts, never a value.
 */
export function createRetentionActivities(deps: { knex: Knex; storage?: DocumentStorage }): RetentionActivities {
  const storage = () => deps.storage ?? localDiskStorage(path.resolve(env().RELAIS_DATA_DIR, 'documents'));
  return {
    async 'gdpr.retention.tenants'() {
      return retentionTenants(deps.knex);
    },
    async 'gdpr.retention.run'({ tenantId, today, runId }) {
      const report = await runRetention(deps.knex, tenantId, { today, runId, storage: storage() });
      logger.info({ tenantId, today, anonymised: report.anonymised, deleted: report.deleted, held: report.held }, 'retention run');
      return { tenantId, anonymised: report.anonymised, deleted: report.deleted, held: report.held };
    },
  };
}
