import crypto from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { knexConfig } from '../../db/knexfile';
import { DEMO_TENANTS } from '../../db/seeds/demo-tenants';
import { withTenant } from '../../db/tenant-scope';
import type { Grant } from '../../domain/identity/ability';
import { rolesForVerticals } from '../../domain/identity/role-catalogue';
import { recordKindsOf } from '../../domain/modules/registry';
import type { RecordKind, SampleOwner } from '../../domain/modules/vertical-module';
import { loginAs, tenantId, testContext, userId, type TestContext } from '../support/api';

/**
 * Every role of every demo organisation × every kind of record its modules
 * register (core and vertical record kinds, read from the module registry: a
 * new kind is covered without editing this file) × read / create / update /
 * delete on a record of their own (owned and assigned), another record of
 * their tenant and a record of another tenant; plus each record's history,
 * the documents and contact assignments of core records, and search. The
 * expected answer comes from the role's grants (the role catalogue the seed
 * wrote); a first check pins the grants on core records to the specifications.
 *
 * Letters per permission resource: A = on every record of the tenant,
 * O = only on their own or assigned records, - = never.
 */
type Letter = 'A' | 'O' | '-';
type Letters = [Letter, Letter, Letter, Letter];

/** Written from the specifications, not derived from the role catalogue: read / create / update / delete. */
const SPECIFIED: Record<string, Record<'core.account' | 'core.contact' | 'core.site' | 'core.billing-site', string>> = {
  'epic-events/management': { 'core.account': 'A---', 'core.contact': 'A---', 'core.site': 'A---', 'core.billing-site': 'A---' },
  'epic-events/sales': { 'core.account': 'AOO-', 'core.contact': 'AOOO', 'core.site': 'AOOO', 'core.billing-site': 'AOOO' },
  'epic-events/support': { 'core.account': 'A---', 'core.contact': 'A---', 'core.site': 'A---', 'core.billing-site': 'A---' },
  'cassandre/mission-lead': { 'core.account': 'AAA-', 'core.contact': 'AAAA', 'core.site': 'AAAA', 'core.billing-site': 'AAA-' },
  'cassandre/auditor': { 'core.account': 'O---', 'core.contact': 'O---', 'core.site': 'O-O-', 'core.billing-site': 'O---' },
  'cassandre/administration': { 'core.account': 'AAA-', 'core.contact': 'AAA-', 'core.site': 'AAA-', 'core.billing-site': 'AAAA' },
  'cassandre/candidate': { 'core.account': '----', 'core.contact': '----', 'core.site': '----', 'core.billing-site': '----' },
  'softwhere/direction': { 'core.account': 'A-AA', 'core.contact': 'A---', 'core.site': 'A---', 'core.billing-site': 'A---' },
  'softwhere/manager': { 'core.account': 'AAAA', 'core.contact': 'AAAA', 'core.site': 'AAAA', 'core.billing-site': 'AAAA' },
  'softwhere/support-n1': { 'core.account': 'A---', 'core.contact': 'A-A-', 'core.site': 'A---', 'core.billing-site': 'A---' },
  'softwhere/support-n2': { 'core.account': 'A---', 'core.contact': 'AAA-', 'core.site': 'A-A-', 'core.billing-site': 'A---' },
  'softwhere/sales': { 'core.account': 'AOO-', 'core.contact': 'AOOO', 'core.site': 'AOOO', 'core.billing-site': 'AOOO' },
  'softwhere/accounting': { 'core.account': 'A-A-', 'core.contact': 'A---', 'core.site': 'A---', 'core.billing-site': 'AAA-' },
  'softwhere/client': { 'core.account': 'O---', 'core.contact': 'OOO-', 'core.site': 'O---', 'core.billing-site': 'O---' },
  // Its brand's clients (spec 002 §11): every account as granted, narrowed to its brands by row-level security (ADR 0046).
  'softwhere/partner': { 'core.account': 'AO--', 'core.contact': 'A---', 'core.site': 'A---', 'core.billing-site': 'O---' },
  'vidangeur-breton/direction': { 'core.account': 'A-AA', 'core.contact': 'A---', 'core.site': 'A---', 'core.billing-site': 'A---' },
  'vidangeur-breton/manager': { 'core.account': 'AAAA', 'core.contact': 'AAAA', 'core.site': 'AAAA', 'core.billing-site': 'AAAA' },
  'vidangeur-breton/accounting': { 'core.account': 'A-A-', 'core.contact': 'A---', 'core.site': 'A---', 'core.billing-site': 'AAA-' },
  'vidangeur-breton/technician': { 'core.account': 'O---', 'core.contact': 'O---', 'core.site': 'O-O-', 'core.billing-site': 'O---' },
  'vidangeur-breton/client': { 'core.account': 'O---', 'core.contact': 'OOO-', 'core.site': 'O---', 'core.billing-site': 'O---' },
  'msp/admin': { 'core.account': 'AAAA', 'core.contact': 'AAAA', 'core.site': 'AAAA', 'core.billing-site': 'AAAA' },
  'msp/manager': { 'core.account': 'AAAA', 'core.contact': 'AAAA', 'core.site': 'AAAA', 'core.billing-site': 'AAAA' },
  'msp/technician': { 'core.account': 'A---', 'core.contact': 'AAA-', 'core.site': 'A-A-', 'core.billing-site': 'A---' },
  'msp/client': { 'core.account': 'O---', 'core.contact': 'OOO-', 'core.site': 'O---', 'core.billing-site': 'O---' },
  'acme-school/direction': { 'core.account': 'A---', 'core.contact': 'A---', 'core.site': 'A---', 'core.billing-site': 'A---' },
  'acme-school/school-lead': { 'core.account': 'AAAA', 'core.contact': 'AAAA', 'core.site': 'AAAA', 'core.billing-site': 'AAAA' },
  'acme-school/school-office': { 'core.account': 'AAA-', 'core.contact': 'AAAA', 'core.site': 'AAA-', 'core.billing-site': 'AAA-' },
  'acme-school/teacher': { 'core.account': 'A---', 'core.contact': 'A---', 'core.site': '----', 'core.billing-site': '----' },
  // The student side reads nothing of the administrative one (spec 004): its portal answers the companies list itself.
  'acme-school/student': { 'core.account': '----', 'core.contact': '----', 'core.site': '----', 'core.billing-site': '----' },
  'acme-school/alumnus': { 'core.account': '----', 'core.contact': '----', 'core.site': '----', 'core.billing-site': '----' },
  // The IT office administers the tools (collaborators, providers, GDPR), never a record of the school.
  'acme-school/it-office': { 'core.account': '----', 'core.contact': '----', 'core.site': '----', 'core.billing-site': '----' },
  // The data protection officer (issue 15) keeps the register of processing activities; no record of the organisation.
  'epic-events/dpo': { 'core.account': '----', 'core.contact': '----', 'core.site': '----', 'core.billing-site': '----' },
  'cassandre/dpo': { 'core.account': '----', 'core.contact': '----', 'core.site': '----', 'core.billing-site': '----' },
  'softwhere/dpo': { 'core.account': '----', 'core.contact': '----', 'core.site': '----', 'core.billing-site': '----' },
  'vidangeur-breton/dpo': { 'core.account': '----', 'core.contact': '----', 'core.site': '----', 'core.billing-site': '----' },
  'msp/dpo': { 'core.account': '----', 'core.contact': '----', 'core.site': '----', 'core.billing-site': '----' },
  'acme-school/dpo': { 'core.account': '----', 'core.contact': '----', 'core.site': '----', 'core.billing-site': '----' },
};

/**
 * Partner roles (ADR 0046): in an organisation with white-label brands, what they read « all » of is narrowed by
 * row-level security to their brands' clients (none until bound to one) and to their own records, so the
 * matrix's other records (of no brand) answer as for an « own » scope.
 */
const NARROWED_BY_BRAND = new Set(['softwhere/partner']);
const asNarrowed = (grants: Grant[]): Grant[] => grants.map((g) => (g.scope === 'all' && g.permission.endsWith('.read') ? { ...g, scope: 'own' } : g));

const CASES = DEMO_TENANTS.flatMap((t) => rolesForVerticals(t.verticals).map((role) => ({ key: `${t.slug}/${role.key}`, tenant: t, role })));

function letter(grants: Grant[], permission: string): Letter {
  // The last grant of a permission is the one the organisation keeps (db/seed.ts ensureTenant merges them in order).
  const grant = [...grants].reverse().find((g) => g.permission === permission);
  if (!grant) return '-';
  return grant.scope === 'all' ? 'A' : 'O';
}

function lettersOf(grants: Grant[], resource: string): Letters {
  return (['read', 'create', 'update', 'delete'] as const).map((a) => letter(grants, `${resource}.${a}`)) as Letters;
}

/** What answers a request on the user's own record, given the letter of the read and of the action. */
const onOwn = (read: Letter, action: Letter, ok: number) => (read === '-' || action === '-' ? 403 : ok);
/** …on another record of their tenant: a record they may not read is not there (404). */
const onOther = (read: Letter, action: Letter, ok: number) => {
  if (read === '-') return 403;
  if (read === 'O') return 404;
  return action === 'A' ? ok : 403;
};

/** Expected status of each check on one kind of record, from the role's letters. */
function expectedStatuses([r, c, u, d]: Letters, parentRead: Letter | null, createsForOthers: boolean): Record<string, number> {
  const expected: Record<string, number> = {
    list: r === '-' ? 403 : 200,
    'get own': onOwn(r, r, 200),
    'get other': onOther(r, r, 200),
    'get other tenant': 404,
    'history own': onOwn(r, r, 200),
    'history other': onOther(r, r, 200),
    'history other tenant': 404,
    'update own': onOwn(r, u, 200),
    'update other': onOther(r, u, 200),
    'update other tenant': 404,
    'delete own': onOwn(r, d, 204),
    'delete other': onOther(r, d, 204),
    'delete other tenant': 404,
    // A record created under an account needs an account the user can see (else 400, naming accountId).
    'create own': c === '-' ? 403 : parentRead === '-' ? 400 : 201,
  };
  if (createsForOthers) expected['create other'] = c === '-' ? 403 : parentRead !== null && parentRead !== 'A' ? 400 : c === 'A' ? 201 : 403;
  return expected;
}

describe('permission matrix: role × registered record kind × own / other / other tenant, from the roles\' grants', () => {
  let t: TestContext;
  /** Fixtures are written through the owner connection, several at a time (each in its tenant's RLS scope). */
  let owner: Knex;
  beforeAll(() => {
    t = testContext();
    owner = knexFactory(knexConfig(process.env.DATABASE_ADMIN_URL!, 8));
  });
  afterAll(async () => {
    await owner.destroy();
    await t.close();
  });

  it('the grants on core records say what the specifications say, for every demo role', () => {
    const granted = Object.fromEntries(CASES.map(({ key, role }) => [key,
      Object.fromEntries(Object.keys(SPECIFIED[key] ?? {}).map((resource) => [resource, lettersOf(role.grants, resource).join('')]))]));
    expect(granted).toEqual(SPECIFIED);
  });

  it('every record kind of every module is covered: the matrix reads them from the registry', () => {
    const kinds = recordKindsOf(DEMO_TENANTS.flatMap((d) => d.verticals)).map((k) => k.path);
    expect(kinds).toEqual(expect.arrayContaining(['accounts', 'contacts', 'sites', 'billing-sites', 'catalogue-items', 'events/clients', 'events/contracts', 'events/events']));
  });

  it.each(CASES.map((c) => [c.key, c] as const))('%s', async (key, { tenant: demo, role: declared }) => {
    const tenant = await tenantId(t.admin, demo.slug);
    const foreignTenant = await tenantId(t.admin, demo.slug === 'msp' ? 'epic-events' : 'msp');
    const me = await userId(t.admin, declared.key, demo.slug);
    const narrowed = NARROWED_BY_BRAND.has(key) && Boolean(await t.admin('telecomBrands').where({ tenantId: tenant }).first('id'));
    const role = narrowed ? { ...declared, grants: asNarrowed(declared.grants) } : declared;
    const { accessToken } = await loginAs(t.app, role.key, demo.slug);
    const api = (method: 'get' | 'post' | 'patch' | 'delete', url: string) =>
      request(t.app)[method](url).set('Authorization', `Bearer ${accessToken}`).set('If-Match', '"1"');
    const mine: SampleOwner = { tenantId: tenant, userId: me };
    const nobody: SampleOwner = { tenantId: tenant, userId: null };
    const foreignOwner: SampleOwner = { tenantId: foreignTenant, userId: null };
    const insert = (kind: RecordKind, whose: SampleOwner) => withTenant({ tenantId: whose.tenantId }, (trx) => kind.sample.insert(trx, whose), owner);
    const body = (kind: RecordKind, whose: SampleOwner) => withTenant({ tenantId: whose.tenantId }, (trx) => kind.sample.createBody(trx, whose), owner);
    const kinds = recordKindsOf(demo.verticals);

    const actual: Record<string, Record<string, number>> = {};
    const expected: Record<string, Record<string, number>> = {};
    const checkKind = async (kind: RecordKind) => {
      const base = `/api/v1/${kind.path}`;
      const letters = lettersOf(role.grants, kind.resource.key);
      const parentRead = kind.resource.accountLink === 'accountId' ? letter(role.grants, 'core.account.read') : null;
      const [own, other, foreign, ownToDelete, otherToDelete, forMe, forOthers] = await Promise.all([
        insert(kind, mine), insert(kind, nobody), insert(kind, foreignOwner), insert(kind, mine), insert(kind, nobody), body(kind, mine), body(kind, nobody),
      ]);
      const checks: Record<string, () => request.Test> = {
        list: () => api('get', `${base}?limit=200&sort=-createdAt`),
        'get own': () => api('get', `${base}/${own}`),
        'get other': () => api('get', `${base}/${other}`),
        'get other tenant': () => api('get', `${base}/${foreign}`),
        'history own': () => api('get', `${base}/${own}/history`),
        'history other': () => api('get', `${base}/${other}/history`),
        'history other tenant': () => api('get', `${base}/${foreign}/history`),
        'update own': () => api('patch', `${base}/${own}`).send(kind.sample.patch),
        'update other': () => api('patch', `${base}/${other}`).send(kind.sample.patch),
        'update other tenant': () => api('patch', `${base}/${foreign}`).send(kind.sample.patch),
        'delete own': () => api('delete', `${base}/${ownToDelete}`).unset('If-Match'),
        'delete other': () => api('delete', `${base}/${otherToDelete}`).unset('If-Match'),
        'delete other tenant': () => api('delete', `${base}/${foreign}`).unset('If-Match'),
        'create own': () => api('post', base).send(forMe!),
        ...(forOthers ? { 'create other': () => api('post', base).send(forOthers) } : {}),
      };
      const answers = Object.fromEntries(await Promise.all(Object.entries(checks).map(async ([check, run]) => [check, await run()] as const)));
      const got = Object.fromEntries(Object.entries(answers).map(([check, res]) => [check, res.status]));
      if (answers.list!.status === 200) {
        const ids = answers.list!.body.items.map((i: { id: string }) => i.id);
        // The list shows exactly what the user may read: their own record, others' only with scope "all".
        expect({ kind: kind.path, own: ids.includes(own), other: ids.includes(other), foreign: ids.includes(foreign) })
          .toEqual({ kind: kind.path, own: true, other: letters[0] === 'A', foreign: false });
      }
      actual[kind.path] = got;
      expected[kind.path] = expectedStatuses(letters, parentRead, forOthers !== null);
      // A narrowed partner: another client's record (outside its brands) is not there, as another tenant's. An agenda
      // entry names an account only when it is about one (the sample's names none): it stays a plain refusal.
      if (narrowed && (kind.resource.accountLink || kind.resource.ownership?.account) && kind.path !== 'planning/entries') {
        for (const check of ['get other', 'history other', 'update other', 'delete other']) if (expected[kind.path]![check] === 403) expected[kind.path]![check] = 404;
      }
      // Nothing in the other tenant moved.
      expect(await owner(kind.resource.table).where({ id: foreign }).first('version')).toEqual({ version: 1 });
    };

    // Documents and contact assignments hang on core records and follow their permissions.
    const accountKind = kinds.find((k) => k.resource.accountLink === 'self')!;
    const contactKind = kinds.find((k) => k.resource.key === 'core.contact')!;
    const accountRead = letter(role.grants, 'core.account.read');
    const [docRead, docCreate] = lettersOf(role.grants, 'core.document');
    const [contactRead, , contactUpdate] = lettersOf(role.grants, 'core.contact');
    const upload = (account: string) => api('post', `/api/v1/accounts/${account}/documents`).attach('file', Buffer.from('Procès-verbal de recette'), 'pv-recette.txt');
    const assign = (contact: string) => api('post', `/api/v1/contacts/${contact}/assignments`).send({ purpose: 'support' });
    const checkAttached = async () => {
      const [ownAccount, otherAccount, foreignAccount, ownContact, otherContact, foreignContact] = await Promise.all([
        insert(accountKind, mine), insert(accountKind, nobody), insert(accountKind, foreignOwner),
        insert(contactKind, mine), insert(contactKind, nobody), insert(contactKind, foreignOwner),
      ]);
      const checks: Record<string, () => request.Test> = {
        'documents own': () => api('get', `/api/v1/accounts/${ownAccount}/documents`),
        'documents other': () => api('get', `/api/v1/accounts/${otherAccount}/documents`),
        'documents other tenant': () => api('get', `/api/v1/accounts/${foreignAccount}/documents`),
        'upload own': () => upload(ownAccount),
        'upload other': () => upload(otherAccount),
        'upload other tenant': () => upload(foreignAccount),
        'assignments own': () => api('get', `/api/v1/contacts/${ownContact}/assignments`),
        'assignments other': () => api('get', `/api/v1/contacts/${otherContact}/assignments`),
        'assignments other tenant': () => api('get', `/api/v1/contacts/${foreignContact}/assignments`),
        'assign own': () => assign(ownContact),
        'assign other': () => assign(otherContact),
        'assign other tenant': () => assign(foreignContact),
      };
      actual.attached = Object.fromEntries(await Promise.all(Object.entries(checks).map(async ([check, run]) => [check, (await run()).status] as const)));
      expected.attached = {
        'documents own': onOwn(accountRead, docRead, 200),
        'documents other': onOther(accountRead, docRead, 200),
        'documents other tenant': 404,
        'upload own': onOwn(accountRead, docCreate, 201),
        'upload other': onOther(accountRead, docCreate, 201),
        'upload other tenant': 404,
        'assignments own': onOwn(contactRead, contactRead, 200),
        'assignments other': onOther(contactRead, contactRead, 200),
        'assignments other tenant': 404,
        'assign own': onOwn(contactRead, contactUpdate, 201),
        'assign other': onOther(contactRead, contactUpdate, 201),
        'assign other tenant': 404,
      };
    };

    // Search finds what the user may read, and never another tenant's records.
    const checkSearch = async () => {
      const [ownAccount, otherAccount, foreignAccount] = [await insert(accountKind, mine), await insert(accountKind, nobody), await insert(accountKind, foreignOwner)];
      // A word of their reference, not their name: a client user's own account is its company, whose name others read.
      const word = `matrice${crypto.randomBytes(5).toString('hex')}`;
      await owner('accounts').whereIn('id', [ownAccount, otherAccount, foreignAccount]).update({ externalRef: word });
      const found = await api('get', `/api/v1/search?q=${encodeURIComponent(word)}&limit=50`);
      const hits = found.status === 200 ? found.body.items.map((h: { id: string }) => h.id) : [];
      actual.search = { status: found.status, own: Number(hits.includes(ownAccount)), other: Number(hits.includes(otherAccount)), foreign: Number(hits.includes(foreignAccount)) };
      expected.search = { status: 200, own: Number(accountRead !== '-'), other: Number(accountRead === 'A'), foreign: 0 };
    };

    // A few kinds at a time: each inserts seven rows at once through a pool of 8, which a loaded machine cannot serve all together in time.
    const pending = [...kinds];
    const lane = async () => {
      for (let kind = pending.shift(); kind; kind = pending.shift()) await checkKind(kind);
    };
    // The register of processing activities (issue 15): its data protection officer's only.
    const checkRegister = async () => {
      actual.register = { status: (await api('get', '/api/v1/gdpr/register')).status };
      expected.register = { status: letter(role.grants, 'gdpr.register.read') === '-' ? 403 : 200 };
      // Rights requests (ADR 0023): the subject picker is the officer's; the list answers everyone (their own requests).
      actual.requests = { picker: (await api('get', '/api/v1/gdpr/subjects?kind=contact')).status, list: (await api('get', '/api/v1/gdpr/requests')).status };
      expected.requests = { picker: letter(role.grants, 'gdpr.request.create') === '-' ? 403 : 200, list: 200 };
    };

    await Promise.all([lane(), lane(), lane(), checkAttached(), checkSearch(), checkRegister()]);
    expect(actual).toEqual(expected);
  });
});
