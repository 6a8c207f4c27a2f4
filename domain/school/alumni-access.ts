import type { RequestContext } from '../core/record-service';
import { ForbiddenError } from '../errors';
import { alumniMessage as m } from './alumni.messages';

/** The permission subjects of the alumni area: searching alumni (`school.alumni`), the Alumnet connection and its runs (`school.alumnet`). */
export const ALUMNI_SUBJECT = 'SchoolAlumni';
export const ALUMNET_SUBJECT = 'SchoolAlumnet';

export function requireAlumniRead(ctx: RequestContext): void {
  if (!ctx.ability.can('read', ALUMNI_SUBJECT)) throw new ForbiddenError(m('school.alumni.forbidden-read'));
}

/** Recording a job an alumnus told the school (the student office). */
export function requireAlumniUpdate(ctx: RequestContext): void {
  requireAlumniRead(ctx);
  if (!ctx.ability.can('update', ALUMNI_SUBJECT)) throw new ForbiddenError(m('school.alumni.forbidden-update'));
}

/** Reading the connection and its runs (the IT office, the head of the student office, the direction). */
export function requireConnectionRead(ctx: RequestContext): void {
  if (!ctx.ability.can('read', ALUMNET_SUBJECT)) throw new ForbiddenError(m('school.alumni.forbidden-connection'));
}

/** Changing the connection (address, key, enabled) and testing it. */
export function requireConnectionUpdate(ctx: RequestContext): void {
  requireConnectionRead(ctx);
  if (!ctx.ability.can('update', ALUMNET_SUBJECT)) throw new ForbiddenError(m('school.alumni.forbidden-connection'));
}

/** Starting a sync now. */
export function requireSyncStart(ctx: RequestContext): void {
  requireConnectionRead(ctx);
  if (!ctx.ability.can('create', ALUMNET_SUBJECT)) throw new ForbiddenError(m('school.alumni.forbidden-sync'));
}
