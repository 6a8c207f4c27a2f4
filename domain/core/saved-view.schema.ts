import { z } from 'zod';
import { requiredText, text } from './fields';
import { fieldIssue } from '../i18n/zod-issues';

/** At most this many parameters in a saved view's query, each value at most this long. */
export const MAX_VIEW_PARAMETERS = 30;
export const MAX_VIEW_VALUE = 500;

/** The UI's name of a list (its route name: `accounts`, `events-clients`). */
export const savedViewListKey = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,63}$/, fieldIssue('field.template-key'));

/** A list's URL query as the UI writes it: `{ q: 'Tours', sort: '-number', status: 'active' }`. */
export const savedViewQuery = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, fieldIssue('field.code-chars')), text(MAX_VIEW_VALUE))
  .refine((query) => Object.keys(query).length <= MAX_VIEW_PARAMETERS, { message: fieldIssue('field.too-many'), params: { max: MAX_VIEW_PARAMETERS } });

const name = requiredText(80);

export const savedViewCreate = z.object({
  list: savedViewListKey,
  name,
  query: savedViewQuery,
  shared: z.boolean().default(false),
}).strict();

/** Renaming a view, or sharing it with the organisation (or no longer). */
export const savedViewUpdate = z.object({ name, shared: z.boolean() }).partial().strict()
  .refine((v) => v.name !== undefined || v.shared !== undefined, { message: fieldIssue('field.give-one-of'), params: { names: ['name', 'shared'] }, path: ['name'] });

export const savedViewListFilter = z.object({ list: savedViewListKey }).strict();

export const savedView = z.object({
  id: z.string().uuid(),
  list: savedViewListKey,
  name: z.string(),
  query: z.record(z.string(), z.string()),
  shared: z.boolean().describe('Shown to everyone of the organisation'),
  mine: z.boolean().describe('The reader owns it (only the owner renames or deletes it)'),
  ownerId: z.string().uuid(),
  ownerName: z.string().describe('Who saved it'),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type SavedViewCreate = z.infer<typeof savedViewCreate>;
export type SavedViewUpdate = z.infer<typeof savedViewUpdate>;
export type SavedView = z.infer<typeof savedView>;
