import { z } from 'zod';
import { ForbiddenError } from '../errors';
import type { RequestContext } from '../core/record-service';
import { eventsMessage as m } from './events.messages';

export const collaboratorQuery = z.object({ role: z.enum(['sales', 'support', 'management']).optional() }).strict();

/** The organisation's active staff, for pickers (sales contact, support contact). */
export async function listCollaborators(ctx: RequestContext, query: z.infer<typeof collaboratorQuery>) {
  // Staff names and emails: for the people who work on events, not for every account of the platform.
  if (!ctx.ability.can('read', 'Event')) throw new ForbiddenError(m('events.forbidden-collaborators'));
  const qb = ctx.trx('users as u')
    .join('userRoles as ur', 'ur.userId', 'u.id').join('roles as r', 'r.id', 'ur.roleId')
    .where({ 'u.active': true, 'u.type': 'internal' })
    .groupBy('u.id').orderBy('u.displayName')
    .select('u.id', 'u.displayName', 'u.email', ctx.trx.raw('array_agg(r.key order by r.key) as roles'));
  if (query.role) qb.havingRaw('bool_or(r.key = ?)', [query.role]);
  return (await qb) as Array<{ id: string; displayName: string; email: string; roles: string[] }>;
}

/** An active staff member, for the pickers. */
export const collaboratorView = z.object({ id: z.string().uuid(), displayName: z.string(), email: z.string(), roles: z.array(z.string()) });
