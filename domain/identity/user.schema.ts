import { z } from 'zod';
import { requiredText } from '../core/fields';
import { fieldIssue } from '../i18n/zod-issues';

const roleKeys = z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, fieldIssue('field.role-key'))).min(1, fieldIssue('field.at-least-one-role')).max(10);
/** At least 12 characters: the only rule that measurably helps (NIST SP 800-63B). */
const password = z.string().min(12, fieldIssue('field.too-short')).max(200);

/** A collaborator of the organisation (spec 001: management creates, updates and removes them). */
export const userCreate = z.object({
  email: z.string().trim().toLowerCase().max(254).email(fieldIssue('field.email')),
  displayName: requiredText(200),
  roles: roleKeys,
  password,
}).strict();
export const userUpdate = z.object({
  email: userCreate.shape.email,
  displayName: userCreate.shape.displayName,
  roles: roleKeys,
  active: z.boolean(),
  password,
}).partial().strict();
export const userListQuery = z.object({
  role: z.string().max(60).optional(),
  active: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(200).optional(),
}).strict();
export const user = z.object({
  id: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  type: z.string(),
  active: z.boolean(),
  roles: z.array(z.string()),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type UserCreate = z.infer<typeof userCreate>;
export type UserUpdate = z.infer<typeof userUpdate>;
