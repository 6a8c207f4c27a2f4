import { DateTime } from 'luxon';
import { createRecord, type RequestContext } from '../core/record-service';
import type { BillingLineInput } from './line.schema';
import { billingSubscriptions } from './subscriptions';

/**
 * The demo's subscriptions (recurring invoicing, spec 003), written by the billing demo seed
 * (demo-seed.ts) with the same record service as the API: the MSP's per-machine and per-user monthly
 * contracts (one issuing its invoices, one leaving drafts to review) and a flat server contract; a
 * subscription or two in the other organisations that invoice. The current month's periods are
 * invoiced by the first run of the hourly schedule after the demo starts.
 */
interface DemoSubscription {
  account: string;
  name: string;
  frequency: 'monthly' | 'quarterly' | 'yearly';
  basis: 'machine' | 'user' | 'site' | 'flat';
  quantity: number;
  mode: 'draft' | 'issued';
  /** 0: the first day of this month; 1: of next month. */
  startsInMonths: 0 | 1;
  lines: BillingLineInput[];
}

const line = (description: string, unitPriceCents: number, quantity = 1): BillingLineInput => ({ description, quantity, unitPriceCents, vatRateBasisPoints: 2000, unit: 'MON' });

const DEMO: Record<string, DemoSubscription[]> = {
  msp: [
    {
      account: 'Garage Renault Pornic', name: 'Infogérance des postes — 25 machines', frequency: 'monthly', basis: 'machine', quantity: 25, mode: 'issued', startsInMonths: 0,
      lines: [line('Supervision et maintenance du poste de travail', 1_200), line('Antivirus géré (EDR)', 450)],
    },
    {
      account: 'Expert-comptable Durand', name: 'Postes utilisateurs Microsoft 365 — 18 utilisateurs', frequency: 'monthly', basis: 'user', quantity: 18, mode: 'draft', startsInMonths: 0,
      lines: [line('Licence Microsoft 365 Business Standard', 1_170), line('Support utilisateur illimité', 1_500)],
    },
    {
      account: 'Cabinet dentaire Lemaître', name: 'Infogérance serveurs — forfait', frequency: 'monthly', basis: 'flat', quantity: 1, mode: 'issued', startsInMonths: 1,
      lines: [line('Infogérance serveurs — forfait mensuel', 45_000), line('Sauvegarde externalisée 500 Go', 7_900)],
    },
  ],
  softwhere: [
    {
      account: 'Transports Morvan', name: 'Flotte mobile — 8 lignes', frequency: 'monthly', basis: 'user', quantity: 8, mode: 'draft', startsInMonths: 0,
      lines: [line('Forfait mobile pro 100 Go', 2_490)],
    },
  ],
  'vidangeur-breton': [
    {
      account: 'Camping des Dunes', name: "Contrat d'entretien annuel", frequency: 'yearly', basis: 'flat', quantity: 1, mode: 'draft', startsInMonths: 1,
      lines: [{ description: "Contrat d'entretien annuel — 3 vidanges planifiées", quantity: 1, unitPriceCents: 69_000, vatRateBasisPoints: 2000, unit: 'ANN' }],
    },
  ],
  cassandre: [
    {
      account: 'Mairie de Quimper', name: 'Veille de sécurité trimestrielle', frequency: 'quarterly', basis: 'site', quantity: 2, mode: 'draft', startsInMonths: 1,
      lines: [{ description: 'Veille de sécurité et tableau de bord — par site', quantity: 1, unitPriceCents: 60_000, vatRateBasisPoints: 2000, unit: 'C62' }],
    },
  ],
};

export async function seedSubscriptionsDemo(ctx: RequestContext, slug: string): Promise<void> {
  const month = DateTime.now().setZone('Europe/Paris').startOf('month');
  for (const s of DEMO[slug] ?? []) {
    const account = await ctx.trx('accounts').where({ tenantId: ctx.principal.tenantId, name: s.account }).first('id');
    if (!account) continue;
    await createRecord(ctx, billingSubscriptions, {
      accountId: account.id, name: s.name, frequency: s.frequency, basis: s.basis, quantity: s.quantity, mode: s.mode, active: true,
      startDate: month.plus({ months: s.startsInMonths }).toISODate(), lines: s.lines,
    });
  }
}
