import { z } from 'zod';

/**
 * What the API answers about the core's shared concepts beyond records
 * (their own schemas are in domain/core/<kind>.schema.ts): documents, a
 * record's timeline and search hits. The OpenAPI document uses them.
 */
const isoTime = z.string().describe('ISO 8601 date-time');

/** A file attached to an account (domain/core/documents.ts). */
export const documentView = z.object({
  id: z.string().uuid(), accountId: z.string().uuid(), filename: z.string(), mimeType: z.string(), sizeBytes: z.number().int(),
  sha256: z.string(), createdBy: z.string().uuid().nullable(), createdAt: isoTime,
});

/** One change of a record's timeline (domain/core/history.ts TimelineItem), newest first. */
export const timelineItem = z.object({
  id: z.string(),
  action: z.string().describe('create, update, delete, assign, upload, message, consent, sign, payment, close, import…'),
  at: isoTime,
  actor: z.object({ id: z.string().uuid(), displayName: z.string() }).nullable(),
  via: z.object({ processKey: z.string(), processName: z.string().nullable() }).nullable().describe('The process the change was made through'),
  changes: z.record(z.string(), z.unknown()),
  names: z.record(z.string(), z.string()).optional().describe('Display names of the ids the changes mention, where the reader may see them'),
});
export const timeline = z.object({ items: z.array(timelineItem) });

/** One hit of the global search (domain/search/search-service.ts), best first. */
export const searchHit = z.looseObject({
  type: z.string().describe("The kind of record (its recordType): account, contact, site, or a vertical's (event-client, event-contract, event)"),
  id: z.string().uuid(), title: z.string().describe("Its name (a contract's is its client's)"), subtitle: z.string().nullable(),
  number: z.number().int().nullable().describe('The number people quote, for kinds that have one'),
  accountId: z.string().uuid().nullable().describe('The account a core record opens on; null for records under no account'),
  match: z.enum(['exact', 'prefix', 'words', 'similar', 'phone']).describe('How it matched, best first: the order of the hits'),
  score: z.number().describe('Within a match, how close its name is to the query (0 to 1)'),
});

/** What a bulk action answers (domain/core/record-bulk.ts BulkReport): one line per record, changed or refused and why. */
export const bulkReport = (record: z.ZodType) => z.object({
  total: z.number().int(), ok: z.number().int(), refused: z.number().int(),
  items: z.array(z.object({
    id: z.string().uuid(), label: z.string().describe('Number and name, as people know the record'), ok: z.boolean(),
    message: z.string().optional().describe('Why it was refused, in the reader\'s language'), record: record.optional().describe('The record after the change'),
  })),
});
