import { z } from 'zod';

export const loginRequest = z.object({
  email: z.string().trim().max(254).email('is not a valid email address'),
  password: z.string().min(1, 'is required').max(1000),
  /** The organisation's slug, needed only when the email exists in several. */
  tenant: z.string().max(63).optional(),
}).strict();

export const refreshRequest = z.object({ refreshToken: z.string().min(1).max(500) }).strict();

export const tokenPair = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
});
