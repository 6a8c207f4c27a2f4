import type { Knex } from 'knex';
import { SANDBOX_COMPANIES } from '../../integrations/company-registry/sandbox.adapter';
import { nextNumber } from '../core/tenant-counter';
import { frenchVatNumber } from '../core/legal-identity';
import type { DemoTenantFacts } from '../modules/vertical-module';
import { ensureSchoolTemplates, SCHOOL_TEMPLATE_KEYS } from './companies-templates';
import { STUDENT_CONTACTS_REF } from './student-contacts';

/**
 * The companies area's demo (ACME School, ADR 0052): four companies saved from the registry (sandbox) with their
 * contacts, three from the legacy « Gestion des entreprises » table (`external_ref` ENT-…), an introduction in each
 * status, and the « Offre de stage » SMS campaign sent to the 2026 promotion with its delivery results (delivered,
 * refused for want of consent, one undelivered). Idempotent: what exists is left as it is.
 */
const SAVED: ReadonlyArray<{ siren: string; email: string; phone: string; contacts: Array<[string, string, string, string]> }> = [
  { siren: '538204173', email: 'stages@banque-rhone.fr', phone: '+33472410000', contacts: [['Claire', 'Lefèvre', 'Responsable RH', '+33472410012'], ['Marc', 'Dubois', 'Chargé de recrutement', '+33472410015']] },
  { siren: '432294171', email: 'contact@csf-conseil.fr', phone: '+33142650000', contacts: [['Sophie', 'Garnier', 'Associée', '+33142650021']] },
  { siren: '793128455', email: 'hello@horizon-pub.fr', phone: '+33478370000', contacts: [['Julien', 'Moreau', 'Directeur de création', '+33478370009']] },
  { siren: '518372941', email: 'rh@lsa-logiciels.fr', phone: '+33476850000', contacts: [['Nadia', 'Benali', 'Talent acquisition', '+33476850044']] },
];

const LEGACY = [
  { externalRef: 'ENT-0012', name: 'Hôtel de la Plage Quiberon', addressLine1: '4, boulevard Chanard', postalCode: '56170', city: 'Quiberon', email: 'direction@hotel-plage-quiberon.fr', phone: '+33297500000' },
  { externalRef: 'ENT-0027', name: 'Coopérative Laitière de l’Ouest', addressLine1: 'ZA de Kerboulard', postalCode: '56250', city: 'Saint-Nolff', email: 'rh@clo.coop', phone: '+33297450000' },
  { externalRef: 'ENT-0031', name: 'Atelier Numérique Nantais', addressLine1: '12 rue de Strasbourg', postalCode: '44000', city: 'Nantes', email: 'jobs@atelier-numerique.fr', phone: '+33240200000' },
];

const STATUSES = ['proposed', 'sent', 'accepted', 'declined', 'closed'] as const;
const PURPOSES = ['internship', 'apprenticeship', 'job', 'training', 'internship'] as const;

async function account(trx: Knex.Transaction, tenantId: string, values: Record<string, unknown>, createdBy: string | null): Promise<string> {
  const [row] = await trx('accounts').insert({ tenantId, number: await nextNumber(trx, tenantId, 'account'), status: 'prospect', ownerId: createdBy, createdBy, ...values }).returning('id');
  return row.id as string;
}

async function seedCompanies(trx: Knex.Transaction, tenantId: string, by: string | null): Promise<string[]> {
  const ids: string[] = [];
  for (const s of SAVED) {
    const found = await trx('accounts').where({ tenantId, siren: s.siren }).first('id');
    if (found) { ids.push(found.id); continue; }
    const c = SANDBOX_COMPANIES.find((x) => x.siren === s.siren)!;
    const id = await account(trx, tenantId, {
      name: c.legalName, legalName: c.legalName, siren: c.siren, siret: c.siret, vatNumber: frenchVatNumber(c.siren), nafCode: c.nafCode,
      addressLine1: c.headOffice.line1, postalCode: c.headOffice.postalCode, city: c.headOffice.city, country: 'FR', email: s.email, phone: s.phone,
      notes: 'Entreprise enregistrée depuis le répertoire des entreprises (prospection des stages et formations).',
    }, by);
    await trx('contacts').insert(s.contacts.map(([firstName, lastName, jobTitle, phone]) => ({
      tenantId, accountId: id, firstName, lastName, jobTitle, phone, email: `${firstName.toLowerCase()}.${lastName.toLowerCase().replace(/[^a-z]/g, '')}@${s.email.split('@')[1]}`, createdBy: by,
    })));
    ids.push(id);
  }
  for (const l of LEGACY) {
    if (await trx('accounts').where({ tenantId, externalRef: l.externalRef }).first('id')) continue;
    await account(trx, tenantId, { ...l, country: 'FR', notes: 'Reprise de la table « Gestion des entreprises » (GetEnt).' }, by);
  }
  return ids;
}

/** The students' contacts comms writes to (as ensureStudentContacts makes them). */
async function studentContacts(trx: Knex.Transaction, tenantId: string, students: Array<Record<string, string | null>>, by: string | null): Promise<Map<string, string>> {
  let holder = (await trx('accounts').where({ tenantId, externalRef: STUDENT_CONTACTS_REF }).first('id'))?.id as string | undefined;
  holder ??= await account(trx, tenantId, { name: 'Étudiants de l’école (messages)', externalRef: STUDENT_CONTACTS_REF, status: 'active' }, by);
  const links = new Map<string, string>((await trx('schoolStudentContacts').where({ tenantId }).whereIn('studentId', students.map((s) => s.id!))
    .select('studentId', 'contactId')).map((l) => [l.studentId as string, l.contactId as string]));
  for (const s of students.filter((x) => !links.has(x.id!))) {
    const [c] = await trx('contacts').insert({ tenantId, accountId: holder, firstName: s.firstName, lastName: s.lastName!, mobile: s.personalPhone, email: s.email, createdBy: by }).returning('id');
    await trx('schoolStudentContacts').insert({ tenantId, studentId: s.id, contactId: c.id });
    links.set(s.id!, c.id as string);
  }
  return links;
}

async function seedIntroductions(trx: Knex.Transaction, tenantId: string, companies: string[], students: Array<Record<string, string | null>>, by: string | null): Promise<void> {
  if (await trx('schoolIntroductions').where({ tenantId }).first('id')) return;
  for (const [i, status] of STATUSES.entries()) {
    const student = students[i];
    if (!student) return;
    const accountId = companies[i % companies.length]!;
    const contact = await trx('contacts').where({ tenantId, accountId }).orderBy('lastName').first('id');
    await trx('schoolIntroductions').insert({
      tenantId, studentId: student.id, accountId, contactId: contact?.id ?? null, purpose: PURPOSES[i], status, channel: status === 'proposed' ? 'none' : 'sms',
      note: status === 'accepted' ? 'Entretien réussi, convention de stage en préparation.' : status === 'declined' ? 'Le poste est pourvu ; à relancer au printemps.' : null,
      statusChangedAt: status === 'proposed' ? null : trx.fn.now(), statusChangedBy: status === 'proposed' ? null : by, createdBy: by,
    });
  }
}

/**
 * A demo seeded before the offer read `school.sms-info` (ADR 0052): the students the campaign reached hold it on
 * their contact, as those seeded since do (idempotent: only where the contact has no entry for it).
 */
async function keepOfferConsents(trx: Knex.Transaction, tenantId: string, campaignId: string): Promise<void> {
  const reached = await trx('messages').where({ tenantId, campaignId }).whereNot({ status: 'refused' }).whereNotNull('contactId')
    .whereNotExists(trx('gdprConsentEntries as e').whereRaw('e.subject_id = messages.contact_id').where({ 'e.subjectKind': 'contact', 'e.purpose': 'school.sms-info', 'e.channel': 'sms' }))
    .distinct('contactId') as Array<{ contactId: string }>;
  if (!reached.length) return;
  await trx('gdprConsentEntries').insert(reached.map((r) => ({
    tenantId, subjectKind: 'contact', subjectId: r.contactId, purpose: 'school.sms-info', channel: 'sms', decision: 'opt-in', source: 'portal', sourceDetail: 'Portail étudiant', recordedBy: null,
  })));
}

/** « Offre de stage » to the 2026 promotion: delivered to those who agreed, refused (no consent) to the others, one undelivered. */
async function seedCampaign(trx: Knex.Transaction, tenantId: string, links: Map<string, string>, students: Array<Record<string, string | null>>, by: string | null): Promise<void> {
  const name = 'Offre de stage — promotion 2026';
  const seeded = await trx('commsCampaigns').where({ tenantId, name }).first('id');
  if (seeded) return keepOfferConsents(trx, tenantId, seeded.id as string);
  const template = await trx('commsTemplates').where({ tenantId, key: SCHOOL_TEMPLATE_KEYS.internshipOffer, channel: 'sms', language: 'fr' }).first('id', 'key');
  if (!template || !students.length) return;
  const [campaign] = await trx('commsCampaigns').insert({
    tenantId, name, channel: 'sms', templateId: template.id, workflowId: `${tenantId}/comms-campaign/demo-school-offer`, status: 'completed',
    total: students.length, ratePerMinute: 60, createdBy: by, completedAt: trx.fn.now(),
  }).returning('id');
  // The students who agreed to the school's information by SMS (the offer's purpose, ADR 0052), as the ledger keeps it.
  await trx('gdprConsentEntries').insert(students.filter((_s, i) => i % 3 !== 2).map((s) => ({
    tenantId, subjectKind: 'contact', subjectId: links.get(s.id!), purpose: 'school.sms-info', channel: 'sms', decision: 'opt-in', source: 'portal',
    sourceDetail: 'Portail étudiant', recordedBy: null,
  })));
  await trx('commsCampaignRecipients').insert(students.map((s, i) => ({ tenantId, campaignId: campaign.id, position: i + 1, contactId: links.get(s.id!) })));
  await trx('messages').insert(students.map((s, i) => {
    const consenting = i % 3 !== 2;
    const status = !consenting ? 'refused' : i === 4 ? 'undelivered' : 'delivered';
    return {
      tenantId, channel: 'sms', category: 'marketing', recipient: s.personalPhone, contactId: links.get(s.id!), templateId: template.id, templateKey: template.key, language: 'fr',
      body: `ACME School : ${s.firstName}, une offre de stage pour vous : Assistant(e) marketing, 6 mois chez Agence Horizon Publicité. Le pôle scolarité vous en dit plus. STOP pour ne plus recevoir d’offres.`,
      status, provider: consenting ? 'sandbox' : null, attempts: consenting ? 1 : 0, campaignId: campaign.id, sentByUserId: by,
      errorReason: !consenting ? 'Pas de consentement enregistré pour les messages commerciaux par SMS' : status === 'undelivered' ? 'Numéro injoignable (opérateur)' : null,
      idempotencyKey: `campaign/${campaign.id}/${i + 1}`,
    };
  }));
}

export async function seedCompaniesDemo(admin: Knex, tenant: DemoTenantFacts): Promise<void> {
  if (tenant.slug !== 'acme-school') return;
  const { tenantId } = tenant;
  const by = tenant.userIds['school-office'] ?? null;
  await admin.transaction(async (trx) => {
    await ensureSchoolTemplates(trx, tenantId);
    const companies = await seedCompanies(trx, tenantId, by);
    const promotion = await trx('schoolStudents').where({ tenantId, promotion: 2026 }).whereNotNull('personalPhone').orderBy(['lastName', 'id']).limit(24)
      .select('id', 'firstName', 'lastName', 'personalPhone', 'email') as Array<Record<string, string | null>>;
    const links = await studentContacts(trx, tenantId, promotion, by);
    await seedIntroductions(trx, tenantId, companies, promotion, by);
    await seedCampaign(trx, tenantId, links, promotion, by);
  });
}
