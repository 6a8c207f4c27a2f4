import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';

/** Reusable field schemas: one definition per kind of value (STYLE: one schema per concept). */
// PostgreSQL cannot store the NUL character: refuse it here, naming the field, rather than fail on insert.
export const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).regex(/^[^\u0000]*$/, 'must not contain the NUL character');
export const requiredText = (max: number) => text(max).min(1, 'is required');
export const optionalText = (max: number) => text(max).nullable().optional();

/** A phone number stored in E.164; French numbers may be typed nationally ("06 12 34 56 78"). */
export const phone = z
  .string()
  .max(40, 'must be at most 40 characters')
  .transform((value, ctx) => {
    const parsed = parsePhoneNumberFromString(value, 'FR');
    if (!parsed || !parsed.isValid()) {
      ctx.addIssue({ code: 'custom', message: 'is not a valid phone number (e.g. 06 12 34 56 78 or +33 6 12 34 56 78)' });
      return z.NEVER;
    }
    return parsed.number as string;
  })
  .nullable()
  .optional();

export const email = z.string().trim().max(254).email('is not a valid email address').nullable().optional();
export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 country code such as FR');
export const uuid = z.string().uuid('must be an identifier (UUID)');
export const cents = z.number().int('must be a whole number of cents').min(0).max(Number.MAX_SAFE_INTEGER);

export const address = {
  addressLine1: optionalText(200),
  addressLine2: optionalText(200),
  postalCode: text(20).regex(/^[A-Za-z0-9 -]*$/, 'is not a valid postal code').nullable().optional(),
  city: optionalText(120),
  country: countryCode.optional(),
};

/** Fields every stored record answers with. */
export const recordMeta = {
  id: z.string().uuid(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
};
