import { z } from 'zod';
import { fieldIssue } from '../i18n/zod-issues';

/**
 * The one form of an email used to sign in: Unicode NFKC (full-width and
 * compatibility characters folded), surrounding spaces trimmed, lower case.
 * The login rate limiter keys on it too, so padding or case variants of one
 * address share one budget.
 */
export function normaliseEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

/**
 * How the refresh token travels: `cookie` (the default, for the browser: an
 * httpOnly cookie scoped to /api/v1/auth, never in the body) or `body` (API
 * clients that keep their session themselves, such as the CLI).
 */
export const tokenTransport = z.enum(['cookie', 'body']);
export type TokenTransport = z.infer<typeof tokenTransport>;

export const loginRequest = z.object({
  email: z.string().max(300).transform(normaliseEmail).pipe(z.string().max(254).email(fieldIssue('field.email'))),
  password: z.string().min(1, fieldIssue('field.required')).max(1000),
  /** The organisation's slug, needed only when the email exists in several. */
  tenant: z.string().max(63).optional(),
  tokenTransport: tokenTransport.optional(),
}).strict();

/** The refresh token comes in the body (API clients) or in the httpOnly cookie (the browser): then the body is `{}`. */
export const refreshRequest = z.object({
  refreshToken: z.string().min(1).max(500).optional(),
  tokenTransport: tokenTransport.optional(),
}).strict();

export const tokenPair = z.object({
  accessToken: z.string(),
  refreshToken: z.string().optional().describe('Only with tokenTransport "body" (or a refresh token sent in the body); the browser gets it as an httpOnly cookie'),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
  userId: z.string(),
  tenantId: z.string(),
});
