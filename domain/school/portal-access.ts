import type { RequestContext } from '../core/record-service';
import { ForbiddenError, NotFoundError } from '../errors';
import { portalMessage as m } from './portal.messages';

/** The permission resources of the portal area (issue 18, ADR 0053) and the CASL subjects they guard. */
export const PORTAL_SUBJECT = 'SchoolPortal';
export const CORRECTION_SUBJECT = 'SchoolCorrectionRequest';
export const GRADE_SUBJECT = 'SchoolGrade';

/** The registry's columns the portal reads of the principal's own row (never the sealed NIR nor the office's notes). */
const OWN_COLUMNS = ['id', 'number', 'lastName', 'firstName', 'nirLastDigits', 'status', 'address', 'postalCode', 'city', 'email',
  'personalPhone', 'professionalPhone', 'companyId', 'cursus', 'promotion', 'version'] as const;
export type OwnStudent = { [K in (typeof OWN_COLUMNS)[number]]: K extends 'promotion' | 'number' | 'version' ? number | null : string | null } & { id: string; number: number };

/**
 * The principal's own student row, found by their user (`school_students.user_id`), never by an id the client
 * chose: the portal has no other way in. A person without the portal's permission is refused (403: the staff);
 * a student or alumnus whose account no record names answers 404, as another student's record would.
 */
export async function ownStudent(ctx: RequestContext): Promise<OwnStudent> {
  if (!ctx.ability.can('read', PORTAL_SUBJECT)) throw new ForbiddenError(m('school.portal.forbidden'));
  const row = await ctx.trx('schoolStudents').where({ userId: ctx.principal.userId }).first(...OWN_COLUMNS);
  if (!row) throw new NotFoundError(m('school.portal.no-student'));
  return row as OwnStudent;
}

export function requireCorrectionsRead(ctx: RequestContext): void {
  if (!ctx.ability.can('read', CORRECTION_SUBJECT)) throw new ForbiddenError(m('school.portal.forbidden-requests'));
}

export function requireCorrectionsDecide(ctx: RequestContext): void {
  if (!ctx.ability.can('update', CORRECTION_SUBJECT)) throw new ForbiddenError(m('school.portal.forbidden-requests'));
}

export function requireGradesImport(ctx: RequestContext): void {
  if (!ctx.ability.can('create', GRADE_SUBJECT)) throw new ForbiddenError(m('school.portal.forbidden-grades'));
}
