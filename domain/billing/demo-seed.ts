import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { DEMO_TENANTS } from '../../db/seeds/demo-tenants';
import { withTenant } from '../../db/tenant-scope';
import { createRecord, type RequestContext } from '../core/record-service';
import { buildAbility } from '../identity/ability';
import { loadPrincipal } from '../identity/principal';
import type { DemoTenantFacts } from '../modules/vertical-module';
import { billingProfileInput } from './billing.schema';
import { creditInvoice } from './credit-notes';
import { issueInvoice, markInvoiceOverdue, markInvoiceSent, recordInvoicePayment } from './invoice-actions';
import type { BillingLineInput } from './line.schema';
import { saveProfile } from './profile';
import { acceptQuote, expireQuote, finalInvoiceOfQuote, refuseQuote, sendQuote } from './quote-actions';
import { billingInvoices, billingQuotes } from './resources';
import { seedSubscriptionsDemo } from './subscriptions-demo';

/**
 * The billing demo of the organisations that invoice (those whose demo data has a `seller` profile:
 * cassandre, softwhere, vidangeur-breton, msp): the legal profile, then quotes and invoices in every
 * status — draft, sent, accepted (with its deposit invoice and the final invoice's draft), refused and
 * expired quotes; draft, issued, sent, partially paid, paid, overdue and credited invoices — written
 * through the same domain actions as the API, by the role that invoices, on days relative to the seed
 * (numbers follow the issue dates). Each issued invoice asks for its dunning, which the API starts when it
 * starts (one unpaid 50 days past its due date waits on the formal-notice task, others on a reminder);
 * then the organisation's subscriptions (subscriptions-demo.ts). Seeded once: an organisation that has
 * billing documents is left alone.
 */
type Lines = BillingLineInput[];
interface Book {
  /** The three client accounts the documents go to, by name (complete identities and addresses). */
  accounts: [string, string, string];
  /** Four realistic sets of lines for the trade. */
  lines: [Lines, Lines, Lines, Lines];
}

const l = (description: string, quantity: number, unitPriceCents: number, vatRateBasisPoints = 2000, unit: BillingLineInput['unit'] = 'C62', discountBasisPoints = 0): BillingLineInput =>
  ({ description, quantity, unitPriceCents, vatRateBasisPoints, unit, discountBasisPoints });

const BOOKS: Record<string, Book> = {
  cassandre: {
    accounts: ['Mairie de Quimper', 'Clinique Saint-Michel', 'Association Les Amis du Port'],
    lines: [
      [l('Audit de sécurité du système d\'information — journées sur site', 4, 95_000, 2000, 'DAY'), l('Rapport d\'audit et restitution à la direction', 1, 120_000)],
      [l('Test d\'intrusion externe (périmètre internet)', 3, 110_000, 2000, 'DAY'), l('Contre-audit après corrections', 1, 65_000, 2000, 'DAY')],
      [l('Sensibilisation à l\'hameçonnage — session d\'une demi-journée', 2, 78_000), l('Campagne d\'hameçonnage simulée (jusqu\'à 250 agents)', 1, 145_000, 2000, 'C62', 1000)],
      [l('Accompagnement RGPD — registre et analyses d\'impact', 5, 85_000, 2000, 'DAY'), l('Frais de déplacement Quimper – Brest', 2, 9_850)],
    ],
  },
  softwhere: {
    accounts: ['Boulangerie Le Fournil', 'Transports Morvan', 'Cabinet Avocats Kerlann'],
    lines: [
      [l('Abonnement fibre pro 1 Gb/s — mensuel', 1, 8_900, 2000, 'MON'), l('Forfait mobile pro 50 Go', 3, 1_990, 2000, 'MON')],
      [l('Abonnement fibre pro 1 Gb/s — mensuel', 2, 8_900, 2000, 'MON'), l('Standard téléphonique hébergé — poste', 12, 850, 2000, 'MON'), l('Forfait mobile pro 100 Go', 8, 2_490, 2000, 'MON')],
      [l('Installation et mise en service du lien fibre', 1, 25_000), l('Routeur professionnel Wi-Fi 6', 1, 32_900), l('Câblage baie de brassage', 3.5, 6_500, 2000, 'HUR')],
      [l('Portabilité de 4 numéros fixes', 4, 1_500), l('Forfait mobile pro 50 Go', 5, 1_990, 2000, 'MON', 1500)],
    ],
  },
  'vidangeur-breton': {
    // A private household (10 % on housing works), a campsite and holiday cottages.
    accounts: ['Famille Le Dantec', 'Camping des Dunes', 'Gîtes de Kerantré'],
    lines: [
      [l('Vidange de fosse septique jusqu\'à 3 m³', 1, 24_000, 1000), l('Déplacement et mise en place du camion', 1, 4_500, 1000)],
      [l('Vidange de bac à graisses — sanitaires collectifs', 2, 18_500), l('Curage haute pression des canalisations', 2.5, 9_500, 2000, 'HUR'), l('Traitement des matières en station agréée', 4.2, 3_800, 2000, 'MTQ')],
      [l('Vidange de fosse toutes eaux 5 m³', 1, 32_000), l('Nettoyage du préfiltre', 1, 6_500)],
      [l('Contrat d\'entretien annuel — 3 vidanges planifiées', 1, 69_000, 2000, 'ANN'), l('Inspection caméra des réseaux', 1, 21_000)],
    ],
  },
  msp: {
    accounts: ['Garage Renault Pornic', 'Expert-comptable Durand', 'Cabinet dentaire Lemaître'],
    lines: [
      [l('Infogérance serveurs — forfait mensuel', 1, 45_000, 2000, 'MON'), l('Supervision des postes de travail', 25, 1_200, 2000, 'MON')],
      [l('Banque d\'heures support — 10 heures', 1, 95_000), l('Licence Microsoft 365 Business Standard', 18, 1_170, 2000, 'MON')],
      [l('Migration de la messagerie vers Microsoft 365', 2, 68_000, 2000, 'DAY'), l('Sauvegarde externalisée 500 Go', 1, 7_900, 2000, 'MON')],
      [l('Pare-feu Fortinet FortiGate 40F', 1, 89_000), l('Installation et paramétrage du pare-feu', 4, 8_500, 2000, 'HUR'), l('Remise fidélité', -1, 5_000)],
    ],
  },
};

/** Writers by role key, in the order a tenant has them. */
const WRITERS = ['accounting', 'administration', 'admin'];

export async function seedBillingDemo(admin: Knex, tenant: DemoTenantFacts): Promise<void> {
  const demo = DEMO_TENANTS.find((t) => t.slug === tenant.slug);
  const book = BOOKS[tenant.slug];
  const writerKey = WRITERS.find((key) => tenant.userIds[key]);
  if (!demo?.seller || !book || !writerKey) return;
  await withTenant({ tenantId: tenant.tenantId }, async (trx) => {
    // By tenant id, not only by the RLS scope: the seed's owner connection may bypass row-level security.
    if (await trx('billingInvoices').where({ tenantId: tenant.tenantId }).first('id')) return;
    const principal = await loadPrincipal(trx, tenant.tenantId, tenant.userIds[writerKey]!);
    if (!principal) throw new Error(`The demo user ${writerKey} of ${tenant.slug} is not active.`);
    const ctx: RequestContext = { trx, principal, ability: buildAbility(principal), requestId: 'demo-seed' };
    const profile = await trx('billingProfiles').where({ tenantId: tenant.tenantId }).first('version');
    if (!profile) await saveProfile(ctx, billingProfileInput.parse(demo.seller), undefined);
    await writeBook(ctx, tenant.tenantId, book);
    await seedSubscriptionsDemo(ctx, tenant.slug);
  }, admin);
}

async function writeBook(ctx: RequestContext, tenantId: string, book: Book): Promise<void> {
  const found = await ctx.trx('accounts').where({ tenantId }).whereIn('name', book.accounts).select('id', 'name');
  const accountIds = book.accounts.map((name) => found.find((row) => row.name === name)?.id as string | undefined);
  if (accountIds.some((id) => !id)) return;
  const [a, b, c] = accountIds as [string, string, string];
  const [l1, l2, l3, l4] = book.lines;
  const now = DateTime.now().setZone('Europe/Paris');
  const day = (offset: number) => now.plus({ days: offset }).toISODate()!;
  const at = (offset: number) => now.plus({ days: offset }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 }).toUTC().toISO()!;
  const invoice = async (accountId: string, lines: Lines, notes?: string) => String((await createRecord(ctx, billingInvoices, { accountId, lines, ...(notes ? { notes } : {}) })).id);
  const quote = async (accountId: string, lines: Lines, extra: Record<string, unknown> = {}) => String((await createRecord(ctx, billingQuotes, { accountId, lines, ...extra })).id);
  const due = async (id: string) => Number((await ctx.trx('billingInvoices').where({ id }).first('amountDueCents')).amountDueCents);
  const issueAndSend = (id: string, offset: number) => [
    { offset, run: () => issueInvoice(ctx, id, { today: day(offset) }) },
    { offset, run: () => markInvoiceSent(ctx, id, at(offset)) },
  ];
  const pay = (id: string, offset: number, share: number, reference: string) => ({
    offset, run: async () => recordInvoicePayment(ctx, id, { amountCents: Math.round((await due(id)) * share), paidOn: day(offset), method: 'transfer', reference }),
  });

  // Drafts first (no number); every step that numbers or pays a document follows, in the order of its day.
  const paid = await invoice(a, l1);
  const wrong = await invoice(b, l2, 'Tarif de l\'ancien contrat appliqué par erreur.');
  const corrected = await invoice(b, l2);
  const overdue = await invoice(c, l3);
  const overduePartly = await invoice(a, l4);
  const partlyPaid = await invoice(b, l1);
  const sent = await invoice(c, l2);
  const issuedOnly = await invoice(a, l3);
  // Unpaid 50 days after its due date: its dunning waits on the formal-notice task (billing.invoice-dunning).
  const formalNotice = await invoice(a, l4);
  await invoice(b, l4, 'À compléter avec le relevé de fin de mois.');
  const expired = await quote(c, l4, { validUntil: day(-40) });
  const refused = await quote(a, l2);
  const accepted = await quote(b, l3, { terms: 'Acompte de 30 % à la commande, solde à la livraison.' });
  const pending = await quote(c, l1, { terms: 'Offre valable 30 jours.' });
  await quote(a, l4, { notes: 'Brouillon à valider avec le client.' });

  const steps: Array<{ offset: number; run: () => Promise<unknown> }> = [
    ...issueAndSend(formalNotice, -80),
    { offset: -70, run: () => sendQuote(ctx, expired, { today: day(-70), sentAt: at(-70) }) },
    ...issueAndSend(paid, -75), pay(paid, -48, 1, 'VIR-SEPA-0311'),
    ...issueAndSend(wrong, -62),
    { offset: -55, run: () => creditInvoice(ctx, wrong, { reason: 'Erreur de tarif : facture annulée et refaite.' }, { today: day(-55) }) },
    ...issueAndSend(corrected, -55), pay(corrected, -30, 1, 'VIR-SEPA-0402'),
    ...issueAndSend(overdue, -50),
    { offset: -45, run: () => sendQuote(ctx, refused, { today: day(-45), sentAt: at(-45) }) },
    ...issueAndSend(overduePartly, -40), pay(overduePartly, -20, 0.5, 'CHQ 0045871'),
    { offset: -35, run: () => sendQuote(ctx, accepted, { today: day(-35), sentAt: at(-35) }) },
    { offset: -30, run: () => refuseQuote(ctx, refused) },
    {
      offset: -28,
      run: async () => {
        const { invoice: deposit } = await acceptQuote(ctx, accepted, { invoice: 'deposit', depositBasisPoints: 3000, issue: true }, { today: day(-28) });
        await markInvoiceSent(ctx, String(deposit!.id), at(-28));
        await recordInvoicePayment(ctx, String(deposit!.id), { amountCents: Number(deposit!.amountDueCents), paidOn: day(-21), method: 'transfer', reference: 'VIR-ACOMPTE' });
        await finalInvoiceOfQuote(ctx, accepted);
      },
    },
    ...issueAndSend(partlyPaid, -12), pay(partlyPaid, -4, 0.4, 'VIR-SEPA-0518'),
    ...issueAndSend(sent, -6),
    { offset: -4, run: () => sendQuote(ctx, pending, { today: day(-4), sentAt: at(-4) }) },
    { offset: -2, run: () => issueInvoice(ctx, issuedOnly, { today: day(-2) }) },
  ];
  steps.sort((x, y) => x.offset - y.offset);
  for (const step of steps) await step.run();
  for (const id of [overdue, overduePartly, formalNotice]) await markInvoiceOverdue(ctx, id);
  await expireQuote(ctx, expired);
}
