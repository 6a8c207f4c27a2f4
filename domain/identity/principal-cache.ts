import type { Knex } from 'knex';
import type { AlsoRead } from '../../db/tenant-scope';
import { buildAbility, type AppAbility, type Principal } from './ability';
import { loadPrincipal } from './principal';

/** A principal with its CASL ability, built once and shared by the requests of the same version. */
export interface ResolvedPrincipal {
  principal: Principal;
  ability: AppAbility;
}

/**
 * The expression every authenticated request reads in the statement that
 * opens its row-level security context (db/tenant-scope.ts): the tenant's
 * principal version, or null when the user is inactive or gone or this
 * access token was revoked (migration 20261210001200_principal_versions).
 */
export function principalVersionCheck(tenantId: string, userId: string, tokenId: string): AlsoRead {
  return { sql: 'principal_version(?::uuid, ?::uuid, ?::uuid)', bindings: [tenantId, userId, tokenId] };
}

/**
 * Principals and their abilities kept in memory by tenant and user, each
 * valid for one principal version of its tenant (ADR 0012). The version is
 * read from the database on every request, so a change to roles or grants,
 * committed by any process, is seen at the next request; the cache only
 * saves the query and the CASL build when nothing changed. Bounded: the
 * least recently used entries leave first.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, { version: number; resolved: ResolvedPrincipal }>();

  constructor(private readonly maxEntries = 10_000) {}

  /** The principal for this version: from memory, or loaded and built (null when the user is no longer active). */
  async resolve(trx: Knex.Transaction, tenantId: string, userId: string, version: number): Promise<ResolvedPrincipal | null> {
    const key = `${tenantId}:${userId}`;
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.resolved;
    }
    const principal = await loadPrincipal(trx, tenantId, userId);
    if (!principal) {
      this.entries.delete(key);
      return null;
    }
    // Loaded after the version was read: it is at least as recent as that version (a newer one only costs a reload).
    const resolved = { principal, ability: buildAbility(principal) };
    this.entries.delete(key);
    this.entries.set(key, { version, resolved });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return resolved;
  }

  get size(): number {
    return this.entries.size;
  }
}
