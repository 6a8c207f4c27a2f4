import type { CompanyRegistryPort } from '../../integrations/company-registry/company-registry.port';
import { searchCompanies, type CompanySuggestion } from '../core/company-registry';
import { accountCreate } from '../core/account.schema';
import { createRecord, getRecord, type RequestContext } from '../core/record-service';
import { accounts, containsUnaccented } from '../core/resources';
import { UnprocessableError } from '../errors';
import { requireCompaniesRead, requireCompaniesWrite } from './companies-access';
import { companiesMessage as m } from './companies.messages';
import type { CompanySave } from './companies.schema';
import { STUDENT_CONTACTS_REF } from './student-contacts';
import { OPEN_STATUSES } from './introduction-rules';

/**
 * The school's companies (spec 004 « Gestion des entreprises », ADR 0052): they are the organisation's accounts.
 * « Enregistrer » asks the registry again for the company by its number (the browser's copy is never trusted) and
 * creates the account with the registry's identity and structured head-office address, and the email and phone
 * the office typed; a company already listed (same SIREN) is answered as it is. In three steps, so that no
 * transaction is held while the registry answers: the rights and the listed company first, the registry (down: a
 * French 503 from the core's search, nothing saved), then the account.
 */
export async function prepareCompanySave(ctx: RequestContext, input: CompanySave): Promise<{ input: CompanySave; listedId: string | null }> {
  requireCompaniesWrite(ctx);
  const listed = await ctx.trx('accounts').where({ siren: input.siren.slice(0, 9) }).orderBy('createdAt').first('id');
  return { input, listedId: (listed?.id as string | undefined) ?? null };
}

/** The registry's company for the number, or null when the company is listed already (no call). */
export async function askRegistry(registry: CompanyRegistryPort, prepared: { input: CompanySave; listedId: string | null }): Promise<CompanySuggestion | null> {
  if (prepared.listedId) return null;
  const { items } = await searchCompanies(registry, { q: prepared.input.siren, limit: 1 });
  const company = items.find((c) => c.siren === prepared.input.siren.slice(0, 9));
  if (!company) throw new UnprocessableError(m('school.companies.not-in-registry'));
  return company;
}

export async function finishCompanySave(ctx: RequestContext, prepared: { input: CompanySave; listedId: string | null }, company: CompanySuggestion | null) {
  const { listedId } = await prepareCompanySave(ctx, prepared.input);
  if (listedId || !company) return { created: false, account: await getRecord(ctx, accounts, (listedId ?? prepared.listedId)!) };
  const { input } = prepared;
  const values = accountCreate.parse({
    name: company.legalName, legalName: company.legalName, siren: company.siren, siret: company.siret, vatNumber: company.vatNumber,
    nafCode: company.nafCode, addressLine1: company.addressLine1, addressLine2: company.addressLine2, postalCode: company.postalCode,
    city: company.city, country: company.country === 'FR' ? 'FR' : undefined, email: input.email ?? null, phone: input.phone ?? null,
    notes: 'Entreprise enregistrée depuis le répertoire des entreprises (prospection des stages et formations).',
  });
  return { created: true, account: await createRecord(ctx, accounts, values) };
}

interface CompanyRow {
  id: string; name: string; siren: string | null; siret: string | null; nafCode: string | null; externalRef: string | null;
  addressLine1: string | null; postalCode: string | null; city: string | null; email: string | null; phone: string | null;
}

/**
 * The companies the school has listed (name contains `q`), each with its contacts, the students and alumni it
 * employs (`school_students.company_id`) and its introductions still open: what the office reads before
 * putting a student in touch.
 */
export async function listSchoolCompanies(ctx: RequestContext, query: { q?: string; limit: number }) {
  requireCompaniesRead(ctx);
  const qb = ctx.trx('accounts as t').whereRaw('t.external_ref is distinct from ?', [STUDENT_CONTACTS_REF])
    .orderBy([{ column: 't.name' }, { column: 't.id' }]).limit(query.limit)
    .select('t.id', 't.name', 't.siren', 't.siret', 't.nafCode', 't.externalRef', 't.addressLine1', 't.postalCode', 't.city', 't.email', 't.phone');
  if (query.q) containsUnaccented('t.search_name')(qb, query.q);
  const rows = await qb as CompanyRow[];
  const ids = rows.map((r) => r.id);
  if (!ids.length) return { items: [] };
  const [contacts, students, open] = await Promise.all([
    ctx.trx('contacts').whereIn('accountId', ids).orderBy(['lastName', 'id'])
      .select('id', 'accountId', 'firstName', 'lastName', 'jobTitle', 'email', 'phone', 'mobile'),
    ctx.trx('schoolStudents').whereIn('companyId', ids).orderBy(['lastName', 'firstName', 'id'])
      .select('id', 'companyId', 'firstName', 'lastName', 'status', 'promotion'),
    ctx.trx('schoolIntroductions').whereIn('accountId', ids).whereIn('status', OPEN_STATUSES)
      .groupBy('accountId').select('accountId', ctx.trx.raw('count(*)::int as count')),
  ]);
  const byAccount = <T extends Record<string, unknown>>(list: T[], key: string) => (id: string) => list.filter((x) => x[key] === id).map(({ [key]: _omit, ...rest }) => rest);
  const contactsOf = byAccount(contacts, 'accountId');
  const studentsOf = byAccount(students, 'companyId');
  const openOf = new Map((open as Array<{ accountId: string; count: number }>).map((o) => [o.accountId, o.count]));
  return { items: rows.map((r) => ({ ...r, contacts: contactsOf(r.id), students: studentsOf(r.id), openIntroductions: openOf.get(r.id) ?? 0 })) };
}
