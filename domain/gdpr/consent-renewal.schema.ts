import { z } from 'zod';
import { channelKey, purposeKey, subjectKind } from './consent.schemas';

/** Who to ask again for a purpose's consent (docs/adr/0024): the query and the answer. Nothing but labels and ids. */
export const consentRenewalQuery = z.object({ purpose: purposeKey }).strict();

export const consentRenewalView = z.object({
  purpose: z.string(),
  /** The purpose's current text version (null: the organisation published none, nobody is outdated). */
  currentVersion: z.number().int().nullable(),
  items: z.array(z.object({
    subject: z.object({ kind: subjectKind, id: z.string().uuid(), label: z.string() }),
    channel: channelKey,
    /** The version the person agreed to (null: no text was named). */
    textVersion: z.number().int().nullable(),
    since: z.string().datetime(),
  })),
});
export type ConsentRenewalView = z.infer<typeof consentRenewalView>;
