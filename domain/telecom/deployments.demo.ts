import type { Knex } from 'knex';

/** The demo's deployments (softwhere): written after the hierarchy's accounts and lines. Filled in below. */
export async function seedDeploymentsDemo(_admin: Knex, _tenant: { tenantId: string; slug: string; userIds: Record<string, string> }): Promise<void> {}
