import crypto from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';

export interface AccessClaims {
  userId: string;
  tenantId: string;
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
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(key(secret));
}

/** Throws on a tampered, expired or foreign token. */
export async function verifyAccessToken(token: string, secret: string): Promise<AccessClaims> {
  const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
  if (typeof payload.sub !== 'string' || typeof payload.tid !== 'string') throw new Error('token without subject or tenant');
  return { userId: payload.sub, tenantId: payload.tid };
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
