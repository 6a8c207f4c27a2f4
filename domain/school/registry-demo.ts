import type { Knex } from 'knex';
import { nextNumber } from '../core/tenant-counter';
import type { DemoTenantFacts } from '../modules/vertical-module';
import { CURSUS, EMPLOYERS, FIRST_NAMES, LAST_NAMES, STREETS, TOWNS } from './registry-demo-data';
import { makeNir } from './student-samples';
import { nirHashOf, sealNir } from './student-nir';

/**
 * The registry's demo (ACME School): about 300 students across the promotions 2019–2026 and the programmes,
 * prospects for 2027–2028, alumni working at the school's partner companies (accounts; a few more added), valid
 * NIRs, French names (composite first names too), addresses in Brittany, Pays de la Loire and Paris, phones in
 * E.164. The demo users `student@` and `alumnus@acme-school.demo` are linked to their own rows (the portal).
 * Idempotent: each row is found by its NIR's lookup hash; a row already there is left as it is.
 */
const STUDENTS = 300;

/** A deterministic pseudo-random draw (the same demo on every start). */
function draw(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface DemoStudent {
  row: Record<string, unknown>;
  nir: string;
  role?: 'student' | 'alumnus';
}

const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
const digits = (next: () => number, n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
const slug = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '');

function demoStudent(i: number, employers: readonly string[]): DemoStudent {
  const next = draw(i * 7919 + 17);
  const first = pick(next, FIRST_NAMES);
  const lastName = pick(next, LAST_NAMES);
  const town = pick(next, TOWNS);
  // 2019–2026 for the students and alumni, 2027–2028 for the prospects.
  const promotion = i < 270 ? 2019 + (i % 8) : 2027 + (i % 2);
  const status = promotion <= 2025 ? 'alumni' : promotion === 2026 ? 'enrolled' : 'prospect';
  const birthYear = promotion - 22 - Math.floor(next() * 3);
  const nir = makeNir({ sex: first.sex, year: birthYear, month: 1 + Math.floor(next() * 12), department: town.department, commune: 1 + Math.floor(next() * 350), order: 1 + (i % 997) });
  const alumni = status === 'alumni';
  return {
    nir,
    row: {
      lastName, firstName: first.name, status, promotion, cursus: CURSUS[i % CURSUS.length],
      address: `${1 + Math.floor(next() * 120)} ${pick(next, STREETS)}`, postalCode: town.postalCode, city: town.city,
      email: `${slug(first.name)}.${slug(lastName)}${i}@etu.acme-school.demo`,
      personalPhone: `+336${digits(next, 8)}`,
      professionalPhone: alumni && next() < 0.7 ? `+332${pick(next, ['99', '40', '97', '98'])}${digits(next, 6)}` : null,
      companyId: alumni && next() < 0.8 ? pick(next, employers) : null,
    },
  };
}

/** The demo users' own rows: the portal finds them by `user_id`. */
function portalStudents(employers: readonly string[]): DemoStudent[] {
  return [
    {
      role: 'student', nir: makeNir({ sex: 2, year: 2003, month: 4, department: '35', commune: 238, order: 412 }),
      row: {
        lastName: 'Le Goff', firstName: 'Emma', status: 'enrolled', promotion: 2026, cursus: 'Programme Grande École',
        address: '14 rue Saint-Hélier', postalCode: '35000', city: 'Rennes', email: 'emma.legoff@etu.acme-school.demo', personalPhone: '+33645128790',
      },
    },
    {
      role: 'alumnus', nir: makeNir({ sex: 1, year: 1998, month: 11, department: '44', commune: 109, order: 87 }),
      row: {
        lastName: 'Kerbrat', firstName: 'Louis', status: 'alumni', promotion: 2021, cursus: 'MSc Finance',
        address: '3 rue Crébillon', postalCode: '44000', city: 'Nantes', email: 'louis.kerbrat@etu.acme-school.demo',
        personalPhone: '+33678214563', professionalPhone: '+33299871433', companyId: employers[0] ?? null,
      },
    },
  ];
}

/** The partner companies the alumni work at: the demo's accounts, and a few more companies (accounts) added once. */
async function employerIds(trx: Knex.Transaction, tenantId: string, ownerId: string | null): Promise<string[]> {
  for (const e of EMPLOYERS) {
    if (await trx('accounts').where({ tenantId, name: e.name }).first('id')) continue;
    await trx('accounts').insert({
      tenantId, number: await nextNumber(trx, tenantId, 'account'), name: e.name, status: 'active', siren: e.siren,
      city: e.city, postalCode: e.postalCode, ownerId, createdBy: ownerId, notes: 'Employeur d’anciens élèves de l’école.',
    });
  }
  const rows = await trx('accounts').where({ tenantId }).orderBy('number').select('id', 'name');
  // Groupe Armor Finance first: the demo alumnus works there.
  return rows.sort((a, b) => Number(b.name === 'Groupe Armor Finance') - Number(a.name === 'Groupe Armor Finance')).map((r) => String(r.id));
}

export async function seedRegistryDemo(admin: Knex, tenant: DemoTenantFacts): Promise<void> {
  if (tenant.slug !== 'acme-school') return;
  // Read before env(): the test run's global setup seeds before it sets the key (and env() reads once). Nothing to seal with, nothing seeded.
  if (!process.env.RELAIS_SECRET_KEY) return;
  const createdBy = tenant.userIds['school-office'] ?? null;
  await admin.transaction(async (trx) => {
    const employers = await employerIds(trx, tenant.tenantId, tenant.userIds['school-lead'] ?? createdBy);
    const all = [...portalStudents(employers), ...Array.from({ length: STUDENTS }, (_, i) => demoStudent(i, employers))];
    const existing = new Set((await trx('schoolStudents').where({ tenantId: tenant.tenantId })
      .whereIn('nirHash', all.map((s) => nirHashOf(tenant.tenantId, s.nir))).select('nirHash')).map((r) => String(r.nirHash)));
    const seen = new Set<string>();
    for (const s of all) {
      const sealed = sealNir(tenant.tenantId, s.nir);
      if (existing.has(sealed.nirHash) || seen.has(sealed.nirHash)) continue;
      seen.add(sealed.nirHash);
      const userId = s.role ? tenant.userIds[s.role] ?? null : null;
      await trx('schoolStudents').insert({
        tenantId: tenant.tenantId, number: await nextNumber(trx, tenant.tenantId, 'school-student'), ...s.row, ...sealed, userId, createdBy,
      });
    }
    // The portal's users find their own row even when it was seeded before they were linked.
    for (const s of all.filter((x) => x.role)) {
      const userId = tenant.userIds[s.role!];
      if (!userId || await trx('schoolStudents').where({ tenantId: tenant.tenantId, userId }).first('id')) continue;
      await trx('schoolStudents').where({ tenantId: tenant.tenantId, nirHash: nirHashOf(tenant.tenantId, s.nir) }).update({ userId });
    }
  });
}
