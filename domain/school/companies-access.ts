import type { RequestContext } from '../core/record-service';
import { ForbiddenError } from '../errors';
import { companiesMessage as m } from './companies.messages';

/**
 * The permission subjects of the school's companies area (ADR 0052): the companies list with its contacts and
 * students (read: the staff; create: saving from the registry and the legacy import), the introductions, and the
 * SMS to students. The student side has none of them: it reads the companies list through its portal.
 */
export const COMPANIES_SUBJECT = 'SchoolCompanies';
export const INTRODUCTION_SUBJECT = 'SchoolIntroduction';
export const STUDENT_SMS_SUBJECT = 'SchoolStudentSms';

export function requireCompaniesRead(ctx: RequestContext): void {
  if (!ctx.ability.can('read', COMPANIES_SUBJECT)) throw new ForbiddenError(m('school.companies.forbidden-read'));
}

export function requireCompaniesWrite(ctx: RequestContext): void {
  requireCompaniesRead(ctx);
  if (!ctx.ability.can('create', COMPANIES_SUBJECT)) throw new ForbiddenError(m('school.companies.forbidden-write'));
}

export function requireIntroductions(ctx: RequestContext, action: 'read' | 'create' | 'update'): void {
  if (!ctx.ability.can('read', INTRODUCTION_SUBJECT)) throw new ForbiddenError(m('school.companies.forbidden-read'));
  if (action !== 'read' && !ctx.ability.can(action, INTRODUCTION_SUBJECT)) throw new ForbiddenError(m('school.companies.forbidden-introduce'));
}

export function requireStudentSms(ctx: RequestContext): void {
  if (!ctx.ability.can('create', STUDENT_SMS_SUBJECT) || !ctx.ability.can('create', 'Message')) throw new ForbiddenError(m('school.companies.forbidden-sms'));
}
