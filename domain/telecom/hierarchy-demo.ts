import crypto from 'node:crypto';
import { fleetName, operatorPort, type FleetType } from './fleet-kinds';
import { DEMO_OFFERS, type DemoOffer } from './hierarchy-demo-catalogue';
import type { LineStatus } from './line.schema';

/**
 * The demo reseller's clients (issue 17), generated the same every time (a seeded sequence): ~300 Breton
 * companies with SoftWhere ids, many on several sites, billing sites with their CFAST billing points, fleets of
 * every type and ~3,000 lines; « Groupe Kerlann Distribution » is the large multi-site client of 2,000 lines
 * the bench opens. Rows only: hierarchy-demo-seed.ts writes them in a few statements.
 */
export const LARGE_CLIENT = { name: 'Groupe Kerlann Distribution', softwhereId: 'SW-000100', sites: 20 } as const;
export const GENERATED_ACCOUNTS = 300;

type Row = Record<string, unknown>;

export interface DemoHierarchy {
  accounts: Row[];
  profiles: Row[];
  billingSites: Row[];
  billingRefs: Row[];
  sites: Row[];
  contacts: Row[];
  fleets: Row[];
  lines: Row[];
}

/** A small deterministic generator (mulberry32): the same demo on every seed. */
function sequence(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TRADES = ['Boulangerie', 'Garage', 'Cabinet comptable', 'Transports', 'Pharmacie', 'Hôtel', 'Restaurant', 'Menuiserie', 'Agence immobilière', 'Clinique vétérinaire',
  'Imprimerie', 'Plomberie', 'Électricité', 'Conserverie', 'Brasserie', 'Librairie', 'Optique', 'Cabinet d\'architectes', 'Charpente', 'Poissonnerie'];
const NAMES = ['Le Goff', 'Le Floch', 'Guégan', 'Kerbrat', 'Le Bihan', 'Tanguy', 'Le Roux', 'Jaouen', 'Cadiou', 'Le Gall', 'Quéré', 'Riou', 'Le Corre', 'Guillou', 'Prigent'];
const TOWNS: Array<[string, string, string]> = [['Lorient', '56100', '297'], ['Vannes', '56000', '297'], ['Quimper', '29000', '298'], ['Brest', '29200', '298'], ['Rennes', '35000', '299'],
  ['Saint-Brieuc', '22000', '296'], ['Auray', '56400', '297'], ['Pontivy', '56300', '297'], ['Concarneau', '29900', '298'], ['Morlaix', '29600', '298'], ['Lannion', '22300', '296'], ['Saint-Malo', '35400', '299']];
const FIRST = ['Yann', 'Gwenaëlle', 'Erwan', 'Maëlle', 'Loïc', 'Nolwenn', 'Ronan', 'Soizic', 'Tristan', 'Anaïs', 'Kévin', 'Morgane', 'Pierre', 'Claire', 'Goulven', 'Lénaïg'];
const STREETS = ['rue du Port', 'rue de Siam', 'avenue de la Perrière', 'rue Victor Hugo', 'boulevard Cosmao Dumanoir', 'rue des Halles', 'ZA de Kerpont', 'rue Jean Jaurès'];

/** The demo's data for `tenantId`, its accounts numbered from `firstNumber`, owned by `ownerId` (a few by `partnerId`). */
export function demoHierarchy(input: { tenantId: string; firstNumber: number; ownerId: string | null; partnerId: string | null; brandIds: Record<string, string>; offerIds: Record<string, string> }): DemoHierarchy {
  const next = sequence(17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const between = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const out: DemoHierarchy = { accounts: [], profiles: [], billingSites: [], billingRefs: [], sites: [], contacts: [], fleets: [], lines: [] };
  const base = { tenantId: input.tenantId, createdBy: input.ownerId };
  let mobile = 0; let fixed = 0; let service = 0; let billingPoint = 10_600;
  const offersOf = (type: FleetType, operatorKey: string, kind: 'plan' | 'option', brandKey: string) =>
    DEMO_OFFERS.filter((o) => o.fleetType === type && o.operatorKey === operatorKey && o.kind === kind && (!o.brand || o.brand === brandKey));

  const addLine = (account: Row, fleet: Row, brandKey: string, user: string | null, townDial: string) => {
    const type = fleet.type as FleetType;
    const operatorKey = String(fleet.operatorKey);
    const plan = pick(offersOf(type, operatorKey, 'plan', brandKey));
    const options: DemoOffer[] = [];
    for (const o of offersOf(type, operatorKey, 'option', brandKey)) if (next() < 0.2) options.push(o);
    const roll = next();
    const status: LineStatus = roll < 0.86 ? 'active' : roll < 0.91 ? 'suspended' : roll < 0.95 ? 'pending' : 'terminated';
    const activated = new Date(Date.UTC(2023, 0, 1) + Math.floor(next() * 1_000) * 86_400_000).toISOString().slice(0, 10);
    const number = type === 'mobile' ? `+336${String(10_000_000 + ++mobile).slice(1).padStart(8, '0').replace(/^0/, '8')}`
      : type === 'fixed' ? `+33${townDial}${String(1_000_000 + ++fixed).slice(1)}`
        : type === 'internet' ? `ALK-FTTH-${String(++service).padStart(6, '0')}` : `PA-${String(++service).padStart(7, '0')}`;
    const id = crypto.randomUUID();
    out.lines.push({
      ...base, id, number, accountId: account.id, fleetId: fleet.id, siteId: fleet.siteId, billingSiteId: fleet.billingSiteId, userName: user,
      planId: input.offerIds[plan.code], optionIds: options.map((o) => input.offerIds[o.code]), status,
      salePriceCents: plan.sale + options.reduce((s, o) => s + o.sale, 0), purchasePriceCents: plan.purchase + options.reduce((s, o) => s + o.purchase, 0),
      operatorKey: operatorPort(operatorKey),
      operatorRefs: JSON.stringify(type === 'mobile' ? { lineId: `SNAIC-L-${String(mobile).padStart(7, '0')}`, iccid: `893320${String(4_000_000_000_000 + mobile)}` } : { lineId: `${operatorKey.toUpperCase()}-${id.slice(0, 8)}` }),
      billingRefs: JSON.stringify({ system: 'cfast', serviceId: `CFAST-SVC-${id.slice(0, 8).toUpperCase()}` }),
      activatedOn: status === 'pending' ? null : activated,
      terminatedOn: status === 'terminated' ? new Date(Date.parse(activated) + between(30, 600) * 86_400_000).toISOString().slice(0, 10) : null,
    });
  };

  const addFleet = (account: Row, site: Row | null, billingSiteId: string, type: FleetType, operatorKey: string): Row => {
    const fleet = { ...base, id: crypto.randomUUID(), accountId: account.id, siteId: site?.id ?? null, billingSiteId, type, operatorKey, name: fleetName(type, operatorKey) };
    out.fleets.push(fleet);
    return fleet;
  };

  const addAccount = (name: string, legalForm: string, softwhereId: string, brandKey: string, number: number, town: [string, string, string], siteCount: number, billingCount: number) => {
    const account = {
      ...base, id: crypto.randomUUID(), number, name, legalName: `${legalForm} ${name}`, status: 'active', ownerId: number % 23 === 0 && input.partnerId ? input.partnerId : input.ownerId,
      addressLine1: `${between(1, 80)} ${pick(STREETS)}`, postalCode: town[1], city: town[0], country: 'FR',
      phone: `+33${town[2]}${String(between(100_000, 999_999))}`, paymentTermsDays: 30,
    };
    out.accounts.push(account);
    out.profiles.push({ tenantId: input.tenantId, accountId: account.id, softwhereId, brandId: input.brandIds[brandKey], externalRefs: JSON.stringify({ extranet: `EXT-${number}` }), createdBy: input.ownerId });
    const contact = { ...base, id: crypto.randomUUID(), accountId: account.id, firstName: pick(FIRST), lastName: name.split(' ').slice(-2).join(' '), jobTitle: 'Responsable administratif' };
    out.contacts.push(contact);
    const billing: Row[] = [];
    for (let b = 0; b < billingCount; b += 1) {
      const bs = { ...base, id: crypto.randomUUID(), accountId: account.id, name: billingCount === 1 ? `${name} — facturation` : `${name} — ${b === 0 ? 'siège' : 'établissements'}`,
        externalRef: `CFAST-BP-${++billingPoint}`, billingContactId: contact.id, addressLine1: account.addressLine1, postalCode: town[1], city: town[0], country: 'FR' };
      billing.push(bs);
      out.billingSites.push(bs);
      out.billingRefs.push({ ...base, billingSiteId: bs.id, system: 'cfast', reference: `BP-${billingPoint}` });
      if (b === 0 && next() < 0.3) out.billingRefs.push({ ...base, billingSiteId: bs.id, system: 'pennylane', reference: `PL-CUS-${billingPoint}` });
    }
    const sites: Row[] = [];
    for (let s = 0; s < siteCount; s += 1) {
      const siteTown = s === 0 ? town : pick(TOWNS);
      const site = { ...base, id: crypto.randomUUID(), accountId: account.id, billingSiteId: billing[Math.min(s, billing.length - 1)]!.id,
        name: s === 0 ? (siteCount === 1 ? name : `${name} — siège`) : `${name} — ${siteTown[0]}${s > 1 ? ` ${s}` : ''}`,
        addressLine1: `${between(1, 80)} ${pick(STREETS)}`, postalCode: siteTown[1], city: siteTown[0], country: 'FR' };
      sites.push(site);
      out.sites.push(site);
    }
    return { account, sites, billing, town };
  };

  // The large multi-site client: 20 shops, 2,000 lines.
  {
    const { account, sites, billing, town } = addAccount(LARGE_CLIENT.name, 'SAS', LARGE_CLIENT.softwhereId, 'softwhere', input.firstNumber, TOWNS[0]!, LARGE_CLIENT.sites, 2);
    for (const [index, site] of sites.entries()) {
      const billingSiteId = String(site.billingSiteId ?? billing[0]!.id);
      const mobileFleet = addFleet(account, site, billingSiteId, 'mobile', index % 5 === 4 ? 'sfr' : 'orange');
      for (let i = 0; i < 89; i += 1) addLine(account, mobileFleet, 'softwhere', `${pick(FIRST)} ${pick(NAMES)}`, town[2]);
      addLine(account, addFleet(account, site, billingSiteId, 'internet', 'alphalink'), 'softwhere', null, town[2]);
      const phones = addFleet(account, site, billingSiteId, 'fixed', '3cx');
      for (let i = 0; i < 9; i += 1) addLine(account, phones, 'softwhere', i === 0 ? 'Standard accueil' : `Poste ${i + 100}`, town[2]);
      addLine(account, addFleet(account, site, billingSiteId, 'cyber', 'paloalto'), 'softwhere', null, town[2]);
    }
  }

  // ~300 clients: a third on several sites.
  for (let i = 0; i < GENERATED_ACCOUNTS; i += 1) {
    const name = `${TRADES[i % TRADES.length]} ${NAMES[Math.floor(i / TRADES.length) % NAMES.length]}`;
    const town = TOWNS[i % TOWNS.length]!;
    const multi = next() < 0.35;
    const brandKey = i % 7 === 3 ? 'breizhtel' : i % 5 === 1 ? 'connextoo' : 'softwhere';
    const { account, sites, billing } = addAccount(name, pick(['SARL', 'SAS', 'EURL', 'SASU']), `SW-${String(101 + i).padStart(6, '0')}`, brandKey,
      input.firstNumber + 1 + i, town, multi ? between(2, 4) : 1, multi && next() < 0.6 ? 2 : 1);
    for (const site of sites) {
      const billingSiteId = String(site.billingSiteId ?? billing[0]!.id);
      const mobileFleet = addFleet(account, site, billingSiteId, 'mobile', next() < 0.7 ? 'orange' : 'sfr');
      for (let n = between(1, 5); n > 0; n -= 1) addLine(account, mobileFleet, brandKey, `${pick(FIRST)} ${pick(NAMES)}`, town[2]);
      if (next() < 0.7) addLine(account, addFleet(account, site, billingSiteId, 'internet', 'alphalink'), brandKey, null, town[2]);
      if (next() < 0.4) {
        const phones = addFleet(account, site, billingSiteId, 'fixed', '3cx');
        for (let n = between(1, 3); n > 0; n -= 1) addLine(account, phones, brandKey, n === 1 ? 'Standard' : `Poste ${100 + n}`, town[2]);
      }
      if (next() < 0.12) addLine(account, addFleet(account, site, billingSiteId, 'cyber', 'paloalto'), brandKey, null, town[2]);
    }
  }
  return out;
}
