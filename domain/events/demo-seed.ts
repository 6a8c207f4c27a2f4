import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { withTenant } from '../../db/tenant-scope';
import { createRecord, updateRecord, type RequestContext } from '../core/record-service';
import { buildAbility } from '../identity/ability';
import { loadPrincipal } from '../identity/principal';
import type { DemoTenantFacts } from '../modules/vertical-module';
import { recordPayment, signContract } from './contract-actions';
import { closeEvent } from './event-actions';
import { eventClients, eventContracts, eventEvents } from './resources';

/**
 * Epic Events' demo book (spec 001): clients at every stage of lead-to-event,
 * written through the same domain actions as the API, each by the department
 * that does it (sales create clients and events, management contracts,
 * payments and support assignments, support closes what is over). Dates are
 * relative to the day of the seed, so there is always something past and
 * something upcoming. Seeded once: a tenant that has clients is left alone.
 */
interface DemoClient {
  fullName: string;
  email?: string;
  phone?: string;
  companyName?: string;
  notes?: string;
  contract?: {
    totalAmountCents: number;
    signed: boolean;
    payments?: Array<{ amountCents: number; method: 'transfer' | 'card' | 'cheque'; reference?: string; daysAgo: number }>;
    event?: {
      name: string; location: string; attendees: number; inDays: number; startHour: number; hours: number;
      support: boolean; closedNotes?: string; notes?: string;
    };
  };
}

const CLIENTS: DemoClient[] = [
  {
    fullName: 'Kevin Casey', email: 'kevin@startup.io', phone: '+33612345678', companyName: 'Cool Startup LLC',
    contract: {
      totalAmountCents: 1_200_000, signed: true,
      payments: [{ amountCents: 600_000, method: 'transfer', reference: 'VIR-CS-0412', daysAgo: 80 }, { amountCents: 600_000, method: 'transfer', reference: 'VIR-CS-0519', daysAgo: 40 }],
      event: {
        name: 'Soirée de lancement Cool Startup', location: '53 rue du Château, 41120 Candé-sur-Beuvron', attendees: 75, inDays: -30, startHour: 18, hours: 6,
        support: true, closedNotes: 'Soirée réussie, traiteur à l\'heure, fin à minuit comme prévu.',
      },
    },
  },
  {
    fullName: 'Marion Lebrun', email: 'marion.lebrun@orange.fr', phone: '+33687654321',
    notes: 'Mariage au château, budget confortable ; préfère être joint le soir.',
    contract: {
      totalAmountCents: 2_500_000, signed: true,
      payments: [{ amountCents: 1_000_000, method: 'cheque', reference: 'CHQ 0042317', daysAgo: 20 }],
      event: {
        name: 'Mariage Lebrun', location: 'Château de Candé, 41120 Candé-sur-Beuvron', attendees: 120, inDays: 40, startHour: 13, hours: 13,
        support: true, notes: 'DJ jusqu\'à 2 h ; prévoir un parking pour les invités.',
      },
    },
  },
  {
    fullName: 'Jacky Blangier', email: 'jacky@loubouzin.fr', phone: '+33666123450', companyName: 'Lou Bouzin',
    contract: {
      totalAmountCents: 450_000, signed: true,
      event: {
        name: 'Fête de village de Mufflins', location: 'Salle des fêtes, 30150 Mufflins', attendees: 300, inDays: 10, startHour: 10, hours: 12,
        support: false,
      },
    },
  },
  {
    fullName: 'Sophie Lefèvre', email: 'sophie.lefevre@chinon-patrimoine.fr', phone: '+33247930000', companyName: 'Association Chinon Patrimoine',
    contract: {
      totalAmountCents: 600_000, signed: true,
      payments: [{ amountCents: 200_000, method: 'card', daysAgo: 15 }],
      event: {
        name: 'Gala annuel Chinon Patrimoine', location: 'Forteresse royale, 37500 Chinon', attendees: 90, inDays: -2, startHour: 19, hours: 5,
        support: true,
      },
    },
  },
  {
    fullName: 'Camille Durand', email: 'camille.durand@durand-fils.fr', phone: '+33240123456', companyName: 'Durand & Fils',
    notes: 'Séminaire d\'entreprise à l\'étude, attend le devis signé par sa direction.',
    contract: { totalAmountCents: 800_000, signed: false },
  },
  {
    fullName: 'Antoine Moreau', email: 'antoine@brasserie-du-port.fr', companyName: 'Brasserie du Port',
    notes: 'Premier contact au salon du mariage de Tours ; rappeler en fin de mois.',
  },
];

const DAY = 86_400_000;

/** `hour` o'clock in Paris, `days` from `now`. */
function at(days: number, hour: number, now: Date): Date {
  return DateTime.fromJSDate(now, { zone: 'Europe/Paris' }).plus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}

export async function seedEventsDemo(admin: Knex, tenant: DemoTenantFacts): Promise<void> {
  const { management, sales, support } = tenant.userIds;
  if (!management || !sales || !support) return;
  await withTenant({ tenantId: tenant.tenantId }, async (trx) => {
    // By tenant id, not only by the RLS scope: the seed's owner connection may bypass row-level security.
    if (await trx('eventClients').where({ tenantId: tenant.tenantId }).first('id')) return;
    const as = async (userId: string): Promise<RequestContext> => {
      const principal = await loadPrincipal(trx, tenant.tenantId, userId);
      if (!principal) throw new Error(`The demo user ${userId} of ${tenant.slug} is not active.`);
      return { trx, principal, ability: buildAbility(principal), requestId: 'demo-seed' };
    };
    const [bySales, byManagement, bySupport] = [await as(sales), await as(management), await as(support)];
    const now = new Date();
    for (const c of CLIENTS) {
      const { contract: deal, ...fields } = c;
      const client = await createRecord(bySales, eventClients, { ...fields, firstContactOn: new Date(now.getTime() - 120 * DAY).toISOString().slice(0, 10) });
      if (!deal) continue;
      const contract = await createRecord(byManagement, eventContracts, { clientId: client.id, totalAmountCents: deal.totalAmountCents });
      if (!deal.signed) continue;
      await signContract(bySales, String(contract.id));
      for (const p of deal.payments ?? []) {
        const paidOn = new Date(now.getTime() - p.daysAgo * DAY).toISOString().slice(0, 10);
        await recordPayment(byManagement, String(contract.id), { amountCents: p.amountCents, paidOn, method: p.method, reference: p.reference });
      }
      const e = deal.event;
      if (!e) continue;
      const startsAt = at(e.inDays, e.startHour, now);
      const created = await createRecord(bySales, eventEvents, {
        contractId: contract.id, name: e.name, location: e.location, attendees: e.attendees, notes: e.notes,
        startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + e.hours * 3_600_000).toISOString(),
      });
      if (!e.support) continue;
      await updateRecord(byManagement, eventEvents, String(created.id), Number(created.version), { supportContactId: support });
      if (e.closedNotes) await closeEvent(bySupport, String(created.id), { notes: e.closedNotes }, now);
    }
  }, admin);
}
