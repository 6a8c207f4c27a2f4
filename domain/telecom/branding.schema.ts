import { z } from 'zod';
import { text, uuid } from '../core/fields';
import { fieldIssue } from '../i18n/zod-issues';

const hex = z.string().regex(/^#[0-9A-Fa-f]{6}$/, fieldIssue('field.invalid'));

/** A white-label brand's branding (spec 002 §11, ADR 0046): colours, the mail sender's name, its own mail templates. */
export const brandingUpdate = z.object({
  primaryColor: hex.nullable(),
  secondaryColor: hex.nullable(),
  mailSenderName: text(100).nullable(),
  /** The brand's own version of a comms mail template: template key (`telecom.welcome`) → the comms template used instead. */
  mailTemplates: z.record(z.string().regex(/^[a-z0-9][a-z0-9.-]{0,79}$/, fieldIssue('field.code-chars')), uuid).refine((m) => Object.keys(m).length <= 50, fieldIssue('field.too-many')),
}).partial().strict();

/** Who belongs to the brand: its partner and reseller users (they then see only its clients). */
export const brandMembersUpdate = z.object({ userIds: z.array(uuid).max(500, fieldIssue('field.too-many')) }).strict();

export const brandBranding = z.object({
  primaryColor: z.string().nullable(),
  secondaryColor: z.string().nullable(),
  mailSenderName: z.string().nullable(),
  mailTemplates: z.record(z.string(), z.string()),
  /** The logo as a data URL (PNG, JPEG or WebP, 256 KB at most), null without one. */
  logo: z.string().nullable(),
  version: z.number().int(),
});

export const brandMember = z.object({ id: z.string().uuid(), name: z.string(), email: z.string(), type: z.string() });

export const brandView = z.object({
  id: z.string().uuid(),
  key: z.string(),
  name: z.string(),
  active: z.boolean(),
  branding: brandBranding,
  /** Present for those who administer brands (`telecom.brand` update). */
  members: z.array(brandMember).optional(),
});

export type BrandingUpdate = z.infer<typeof brandingUpdate>;
export type BrandView = z.infer<typeof brandView>;
export type BrandMember = z.infer<typeof brandMember>;
