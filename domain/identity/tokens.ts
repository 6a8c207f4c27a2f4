import crypto from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';

export interface AccessClaims {
  userId: string;
  tenantId: string;
}

/** A verified access token: who, and which token (its id is deny-listed at logout until it expires). */
export interface VerifiedAccess extends AccessClaims {
  tokenId: string;
  expiresAt: Date;
}

const ISSUER = 'relais';
const AUDIENCE = 'relais-api';

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function signAccessToken(claims: AccessClaims, secret: string, ttlSeconds: number): Promise<string> {
  return new SignJWT({ tid: claims.tenantId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setJti(crypto.randomUUID())
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(key(secret));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Throws on a tampered, expired or foreign token, and on one that lacks an
 * expiry, an issue time, an id, the issuer or the audience (a token without
 * `exp` would be valid for ever).
 */
export async function verifyAccessToken(token: string, secret: string): Promise<VerifiedAccess> {
  // A token is presented on every request of its session: its signature is checked once, its expiry every time.
  const known = verified.get(token);
  if (known && known.secret === secret) {
    if (known.access.expiresAt.getTime() > Date.now()) return known.access;
    verified.delete(token);
  }
  const access = await verifySignedAccessToken(token, secret);
  if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value!);
  verified.set(token, { secret, access });
  return access;
}

/** Access tokens whose signature and claims were checked, by token (oldest first out): revocation is checked per request in the database, not here. */
const verified = new Map<string, { secret: string; access: VerifiedAccess }>();
const MAX_VERIFIED = 10_000;

async function verifySignedAccessToken(token: string, secret: string): Promise<VerifiedAccess> {
  const { payload } = await jwtVerify(token, key(secret), {
    issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp', 'iat', 'jti', 'sub', 'iss', 'aud'],
  });
  if (typeof payload.sub !== 'string' || !UUID.test(payload.sub) || typeof payload.tid !== 'string' || !UUID.test(payload.tid)) {
    throw new Error('token without subject or tenant');
  }
  if (typeof payload.jti !== 'string' || !UUID.test(payload.jti)) throw new Error('token without a valid id');
  return { userId: payload.sub, tenantId: payload.tid, tokenId: payload.jti, expiresAt: new Date(payload.exp! * 1000) };
}

/**
 * Refresh tokens are `<tenantId>.<random>`: the tenant part lets the server
 * open the right row-level security context before looking the token up;
 * only a SHA-256 of the whole token is stored.
 */
export function newRefreshToken(tenantId: string): { token: string; hash: string } {
  const token = `${tenantId}.${crypto.randomBytes(32).toString('base64url')}`;
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export function tenantOfRefreshToken(token: string): string | null {
  const [tenantId] = token.split('.');
  return /^[0-9a-f-]{36}$/i.test(tenantId ?? '') ? tenantId! : null;
}
