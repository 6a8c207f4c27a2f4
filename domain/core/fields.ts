import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import { fieldIssue } from '../i18n/zod-issues';

/** Reusable field schemas: one definition per kind of value (STYLE: one schema per concept). */
// PostgreSQL cannot store the NUL character: refuse it here, naming the field, rather than fail on insert.
export const text = (max: number) => z.string().trim().max(max, fieldIssue('field.too-long')).regex(/^[^\u0000]*$/, fieldIssue('field.nul'));
export const requiredText = (max: number) => text(max).min(1, fieldIssue('field.required'));
export const optionalText = (max: number) => text(max).nullable().optional();

/** A phone number stored in E.164; French numbers may be typed nationally ("06 12 34 56 78"). */
export const phone = z
  .string()
  .max(40, fieldIssue('field.too-long'))
  .transform((value, ctx) => {
    const parsed = parsePhoneNumberFromString(value, 'FR');
    if (!parsed || !parsed.isValid()) {
      ctx.addIssue({ code: 'custom', message: fieldIssue('field.phone') });
      return z.NEVER;
    }
    return parsed.number as string;
  })
  .nullable()
  .optional();

export const email = z.string().trim().max(254).email(fieldIssue('field.email')).nullable().optional();
export const countryCode = z.string().regex(/^[A-Z]{2}$/, fieldIssue('field.country'));
export const uuid = z.string().uuid(fieldIssue('field.uuid'));
export const cents = z.number().int(fieldIssue('field.whole-cents')).min(0).max(Number.MAX_SAFE_INTEGER);

export const address = {
  addressLine1: optionalText(200),
  addressLine2: optionalText(200),
  postalCode: text(20).regex(/^[A-Za-z0-9 -]*$/, fieldIssue('field.postal-code')).nullable().optional(),
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
