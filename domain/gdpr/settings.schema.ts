import { z } from 'zod';
import { fieldIssue } from '../i18n/zod-issues';

/**
 * The organisation's data protection settings (docs/adr/0027-erasure.md): how long an erasure can be undone.
 * The API validates with them; the OpenAPI document and the UI's types come from them.
 */
export const MAX_UNDO_DAYS = 30;

export const gdprSettingsInput = z.object({
  /** Days an erasure can be undone by the data protection officer (0: final at once). */
  erasureUndoDays: z.number().int(fieldIssue('field.whole-number')).min(0).max(MAX_UNDO_DAYS),
}).strict();
export type GdprSettingsInput = z.infer<typeof gdprSettingsInput>;

export const gdprSettingsView = z.object({
  erasureUndoDays: z.number().int(),
  /** Whether the organisation chose it (else the platform's default). */
  chosen: z.boolean(),
  /** The platform's default (`RELAIS_GDPR_ERASURE_UNDO_DAYS`, else 14). */
  defaultUndoDays: z.number().int(),
  /** 0 until the organisation chose (If-Match). */
  version: z.number().int(),
});
export type GdprSettingsView = z.infer<typeof gdprSettingsView>;
