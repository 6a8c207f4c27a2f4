import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import { ConflictError, UnauthorizedError } from '../errors';
import { audit } from './audit-log';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { hashRefreshToken, newRefreshToken, signAccessToken, tenantOfRefreshToken, type VerifiedAccess } from './tokens';
import { identityMessage } from './identity.messages';

export interface AuthSettings {
  jwtSecret: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  /** Send the refresh cookie with `Secure`; by default, unless the public URL is on localhost. */
  secureCookie?: boolean;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  userId: string;
  tenantId: string;
}

const BAD_CREDENTIALS = identityMessage('auth.bad-credentials');

async function issue(trx: Knex.Transaction, settings: AuthSettings, tenantId: string, userId: string, familyId: string): Promise<TokenPair> {
  const refresh = newRefreshToken(tenantId);
  await trx('refreshTokens').insert({
    tenantId, userId, familyId, tokenHash: refresh.hash,
    expiresAt: new Date(Date.now() + settings.refreshTtlSeconds * 1000),
  });
  const accessToken = await signAccessToken({ userId, tenantId }, settings.jwtSecret, settings.accessTtlSeconds);
  return { accessToken, refreshToken: refresh.token, tokenType: 'Bearer', expiresIn: settings.accessTtlSeconds, userId, tenantId };
}

interface Candidate { userId: string; tenantId: string; tenantSlug: string; tenantName: string; passwordHash: string; active: boolean }

export async function login(knex: Knex, settings: AuthSettings, input: { email: string; password: string; tenant?: string }, ip: string | null): Promise<TokenPair> {
  const result = await knex.raw(
    `select user_id as "userId", tenant_id as "tenantId", tenant_slug as "tenantSlug", tenant_name as "tenantName",
            password_hash as "passwordHash", active from auth_login_candidates(?)`, [input.email]);
  let candidates: Candidate[] = result.rows;
  if (input.tenant) candidates = candidates.filter((c) => c.tenantSlug === input.tenant);
  // The same password work whatever the account's state: a deactivated account is
  // verified like an active one (its answer is the same 401), an unknown email
  // against a dummy hash, so timing tells nothing about which accounts exist.
  const matching: Candidate[] = [];
  for (const c of candidates) {
    const verified = await verifyPassword(c.passwordHash, input.password);
    if (verified && c.active) matching.push(c);
  }
  if (candidates.length === 0) await verifyPassword(await dummyPasswordHash(), input.password);
  if (matching.length === 0) {
    const tenantId = candidates.length === 1 ? candidates[0]!.tenantId : null;
    const failure = { action: 'auth.login.failed', tenantId, targetType: 'user', targetId: candidates[0]?.userId, ip };
    if (tenantId) await withTenant({ tenantId }, (trx) => audit(trx, failure), knex);
    else await audit(knex, { ...failure, targetId: undefined });
    throw new UnauthorizedError(BAD_CREDENTIALS);
  }
  if (matching.length > 1) {
    throw new ConflictError(identityMessage('auth.several-organisations'), {
      tenants: matching.map((m) => ({ slug: m.tenantSlug, name: m.tenantName })),
    });
  }
  const chosen = matching[0]!;
  return withTenant({ tenantId: chosen.tenantId, userId: chosen.userId }, async (trx) => {
    await audit(trx, { tenantId: chosen.tenantId, actorUserId: chosen.userId, action: 'auth.login', targetType: 'user', targetId: chosen.userId, ip });
    return issue(trx, settings, chosen.tenantId, chosen.userId, crypto.randomUUID());
  }, knex);
}

/**
 * How long the token just rotated may be presented again (docs/adr/0008): a browser
 * that left or reloaded its page while the refresh was under way never received the
 * rotated cookie, and its next page sends the previous one. Only while the token it
 * was rotated into has not been used; the answer is a new pair of the same family.
 */
export const REUSE_GRACE_SECONDS = 30;

/**
 * The token the rotation of `row` issued, if it is still unused and unrevoked: created in
 * that rotation's transaction, so at the very instant `row` was marked used.
 */
async function unusedSuccessor(trx: Knex.Transaction, row: { id: string; familyId: string }): Promise<{ id: string } | undefined> {
  return trx('refreshTokens').where({ familyId: row.familyId }).whereNull('usedAt').whereNull('revokedAt')
    .whereRaw('created_at = (select used_at from refresh_tokens where id = ?)', [row.id])
    .forUpdate().first('id');
}

/**
 * Rotates a refresh token. A token used a second time means it leaked: the
 * whole family is revoked (the thief's and the owner's sessions alike), except
 * the token just rotated presented again within REUSE_GRACE_SECONDS while its
 * successor is unused (a rotation whose answer was lost).
 */
export async function refresh(knex: Knex, settings: AuthSettings, token: string, ip: string | null): Promise<TokenPair> {
  const tenantId = tenantOfRefreshToken(token);
  if (!tenantId) throw new UnauthorizedError();
  const outcome = await withTenant({ tenantId }, async (trx) => {
    const row = await trx('refreshTokens').where({ tokenHash: hashRefreshToken(token) }).forUpdate()
      .first('*', trx.raw('used_at >= now() - make_interval(secs => ?) as "inGrace"', [REUSE_GRACE_SECONDS]));
    if (!row) return { ok: false as const };
    // The answer of the rotation never reached the client (a page left or reloaded mid-refresh): the successor it did not receive is superseded.
    const lost = row.inGrace === true && !row.revokedAt ? await unusedSuccessor(trx, row) : undefined;
    if ((row.usedAt || row.revokedAt) && !lost) {
      await trx('refreshTokens').where({ familyId: row.familyId }).whereNull('revokedAt').update({ revokedAt: trx.fn.now() });
      await audit(trx, { tenantId, actorUserId: row.userId, action: 'auth.refresh.reused', targetType: 'token-family', targetId: row.familyId, ip });
      return { ok: false as const };
    }
    if (new Date(row.expiresAt).getTime() < Date.now()) return { ok: false as const };
    const user = await trx('users').where({ id: row.userId, active: true }).first('id');
    if (!user) return { ok: false as const };
    await trx('refreshTokens').where({ id: lost?.id ?? row.id }).update({ usedAt: trx.fn.now() });
    return { ok: true as const, pair: await issue(trx, settings, tenantId, row.userId, row.familyId) };
  }, knex);
  if (!outcome.ok) throw new UnauthorizedError();
  return outcome.pair;
}

/**
 * Ends a session: revokes the refresh token's family and deny-lists the
 * access token shown with it (until it expires), so neither works after
 * logout. Either may be missing; an unknown one is ignored.
 */
export async function logout(knex: Knex, token: string | undefined, access: VerifiedAccess | undefined): Promise<void> {
  const tenantId = token ? tenantOfRefreshToken(token) : null;
  if (token && tenantId) {
    await withTenant({ tenantId }, async (trx) => {
      const row = await trx('refreshTokens').where({ tokenHash: hashRefreshToken(token) }).first('familyId', 'userId');
      if (!row) return;
      await trx('refreshTokens').where({ familyId: row.familyId }).whereNull('revokedAt').update({ revokedAt: trx.fn.now() });
      await audit(trx, { tenantId, actorUserId: row.userId, action: 'auth.logout', targetType: 'token-family', targetId: row.familyId });
    }, knex);
  }
  if (access) await denyAccessToken(knex, access);
}

/**
 * Deny-lists an access token until its expiry (checked with the principal on
 * every request, see loadPrincipal). The tenant's entries already expired are
 * purged on the way: the list only ever holds tokens of the last access-token
 * lifetime.
 */
export async function denyAccessToken(knex: Knex, access: VerifiedAccess): Promise<void> {
  await withTenant({ tenantId: access.tenantId, userId: access.userId }, async (trx) => {
    await trx('revokedAccessTokens').insert({ tenantId: access.tenantId, jti: access.tokenId, expiresAt: access.expiresAt }).onConflict('jti').ignore();
    await trx('revokedAccessTokens').where('expiresAt', '<', trx.fn.now()).delete();
  }, knex);
}
