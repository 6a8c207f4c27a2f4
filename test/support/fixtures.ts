import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { ensureTenant, ensureUser } from '../../db/seed';
import { DEMO_PASSWORD, demoEmail } from '../../db/seeds/demo-tenants';
import { hashPassword } from '../../domain/identity/passwords';
import { rolesForVerticals } from '../../domain/identity/role-catalogue';

export interface OwnTenant {
  slug: string;
  tenantId: string;
  /** User id by role key; each user signs in with `loginAs(app, role, slug)`. */
  userIds: Record<string, string>;
}

/**
 * A tenant of its own for one test file, with one user per role of its
 * verticals (`<role>@<slug>.demo`, the demo password). Nothing else writes to
 * it, so counting its rows proves what a request did or did not write even
 * while other test files run in parallel.
 */
export async function createOwnTenant(admin: Knex, prefix: string, verticals: string[] = ['telecom']): Promise<OwnTenant> {
  const slug = `${prefix}-${crypto.randomBytes(4).toString('hex')}`;
  const tenantId = await ensureTenant(admin, { slug, name: `Test ${slug}`, verticals });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userIds: Record<string, string> = {};
  for (const role of rolesForVerticals(verticals)) {
    userIds[role.key] = await ensureUser(admin, tenantId, {
      email: demoEmail(role.key, slug), displayName: `${role.labelEn} ${slug}`, type: role.userType, passwordHash, roleKeys: [role.key],
    });
  }
  return { slug, tenantId, userIds };
}

/** A name no other test uses, so lookups by name find only this test's rows. */
export function uniqueName(label: string): string {
  return `${label} ${crypto.randomBytes(5).toString('hex')}`;
}
