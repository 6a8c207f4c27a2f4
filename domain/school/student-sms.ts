import type { CampaignCreate } from '../comms/comms.schemas';
import { MAX_CAMPAIGN_RECIPIENTS } from '../comms/campaigns';
import type { RequestContext } from '../core/record-service';
import { UnprocessableError, ValidationError } from '../errors';
import { requireStudentSms } from './companies-access';
import { companiesMessage as m } from './companies.messages';
import type { StudentSmsRequest } from './companies.schema';
import { ensureSchoolTemplates } from './companies-templates';
import { ensureStudentContacts, studentsForReach, type StudentReach } from './student-contacts';

/**
 * « Envoyer un SMS » to one student, a selection or a promotion (spec 004, ADR 0052): the students chosen (or kept
 * by the filter) who have a mobile become the recipients of a comms campaign of one of the school's SMS
 * templates, through their contacts. Comms does the rest as for any campaign: the consent rule (a marketing
 * template reaches only the students who agreed to it by SMS; a transactional one reaches every one), STOP,
 * pacing, the report. Students without a mobile are counted, not sent to.
 */
export async function prepareStudentSms(ctx: RequestContext, input: StudentSmsRequest): Promise<{ campaign: CampaignCreate; selected: number; withoutPhone: number }> {
  requireStudentSms(ctx);
  await ensureSchoolTemplates(ctx.trx, ctx.principal.tenantId);
  const template = await ctx.trx('commsTemplates').where({ key: input.templateKey, channel: 'sms', language: 'fr' }).first('id', 'name');
  if (!template) throw new UnprocessableError(m('school.companies.unknown-template', { key: input.templateKey }));

  const qb = studentsForReach(ctx.trx).orderBy(['s.lastName', 's.firstName', 's.id']).limit(MAX_CAMPAIGN_RECIPIENTS + 1);
  if (input.studentIds) qb.whereIn('s.id', [...new Set(input.studentIds)]);
  if (input.filter?.promotion !== undefined) qb.where('s.promotion', input.filter.promotion);
  if (input.filter?.status) qb.where('s.status', input.filter.status);
  if (input.filter?.cursus) qb.where('s.cursus', input.filter.cursus);
  const students = await qb as StudentReach[];
  if (input.studentIds && students.length !== new Set(input.studentIds).size) {
    throw new ValidationError([{ field: 'studentIds', message: m('school.companies.student-not-found') }]);
  }
  if (!students.length) throw new UnprocessableError(m('school.companies.no-student-selected'));
  const reachable = students.filter((s) => s.personalPhone);
  if (!reachable.length) throw new UnprocessableError(m('school.companies.no-reachable-student'));
  const contacts = await ensureStudentContacts(ctx, reachable);

  const promotion = input.filter?.promotion ? ` — promotion ${input.filter.promotion}` : '';
  return {
    campaign: {
      name: input.name ?? `${template.name as string}${promotion}`, templateId: template.id as string,
      contactIds: reachable.map((s) => contacts.get(s.id)!), ...(input.variables ? { variables: input.variables } : {}),
    },
    selected: students.length,
    withoutPhone: students.length - reachable.length,
  };
}
