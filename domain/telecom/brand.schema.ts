import { z } from 'zod';
import { recordMeta, requiredText } from '../core/fields';
import { fieldIssue } from '../i18n/zod-issues';

/** A key as stored (`telecom_brands.key`, operator and billing-system keys): lower case, digits and dashes. */
export const telecomKey = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, fieldIssue('field.code-chars'));

/** A white-label brand SoftWhere sells under (spec 002 §11): its key and name; branding is the brands area's (F). */
export const brandCreate = z.object({ key: telecomKey, name: requiredText(200), active: z.boolean().default(true) }).strict();
export const brandUpdate = z.object({ name: requiredText(200), active: z.boolean() }).partial().strict();
export const brand = z.object({ ...recordMeta, key: z.string(), name: z.string(), active: z.boolean() });

export type Brand = z.infer<typeof brand>;
