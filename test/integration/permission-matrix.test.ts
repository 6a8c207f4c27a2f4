import request from 'supertest';
import type { Knex } from 'knex';
import { loginAs, tenantId, testContext, userId, type TestContext } from '../support/api';

/**
 * Every role of the demo seed × every core endpoint × a record of their own
 * (owned or assigned), another record of their tenant, and a record of another
 * tenant — against the table below, written from the specifications, not
 * derived from the role catalogue.
 *
 * Letters per resource, in the order read / create / update / delete:
 *   A = on every record of the tenant, O = only on their own or assigned records, - = never.
 */
const EXPECTED: Record<string, Record<string, [string, string, string, string]>> = {
  'epic-events/management': { account: 'A---', contact: 'A---', site: 'A---', billing: 'A---' } as never,
  'epic-events/sales': { account: 'AOO-', contact: 'AOOO', site: 'AOOO', billing: 'AOOO' } as never,
  'epic-events/support': { account: 'A---', contact: 'A---', site: 'A---', billing: 'A---' } as never,
  'cassandre/mission-lead': { account: 'AAA-', contact: 'AAAA', site: 'AAAA', billing: 'AAA-' } as never,
  'cassandre/auditor': { account: 'O---', contact: 'O---', site: 'O-O-', billing: 'O---' } as never,
  'cassandre/administration': { account: 'AAA-', contact: 'AAA-', site: 'AAA-', billing: 'AAAA' } as never,
  'cassandre/candidate': { account: '----', contact: '----', site: '----', billing: '----' } as never,
  'softwhere/direction': { account: 'A-AA', contact: 'A---', site: 'A---', billing: 'A---' } as never,
  'softwhere/manager': { account: 'AAAA', contact: 'AAAA', site: 'AAAA', billing: 'AAAA' } as never,
  'softwhere/support-n1': { account: 'A---', contact: 'A-A-', site: 'A---', billing: 'A---' } as never,
  'softwhere/support-n2': { account: 'A---', contact: 'AAA-', site: 'A-A-', billing: 'A---' } as never,
  'softwhere/sales': { account: 'AOO-', contact: 'AOOO', site: 'AOOO', billing: 'AOOO' } as never,
  'softwhere/accounting': { account: 'A-A-', contact: 'A---', site: 'A---', billing: 'AAA-' } as never,
  'softwhere/client': { account: 'O---', contact: 'OOO-', site: 'O---', billing: 'O---' } as never,
  'softwhere/partner': { account: 'OO--', contact: 'O---', site: 'O---', billing: 'O---' } as never,
  'vidangeur-breton/direction': { account: 'A-AA', contact: 'A---', site: 'A---', billing: 'A---' } as never,
  'vidangeur-breton/manager': { account: 'AAAA', contact: 'AAAA', site: 'AAAA', billing: 'AAAA' } as never,
  'vidangeur-breton/accounting': { account: 'A-A-', contact: 'A---', site: 'A---', billing: 'AAA-' } as never,
  'vidangeur-breton/technician': { account: 'O---', contact: 'O---', site: 'O-O-', billing: 'O---' } as never,
  'vidangeur-breton/client': { account: 'O---', contact: 'OOO-', site: 'O---', billing: 'O---' } as never,
  'msp/admin': { account: 'AAAA', contact: 'AAAA', site: 'AAAA', billing: 'AAAA' } as never,
  'msp/manager': { account: 'AAAA', contact: 'AAAA', site: 'AAAA', billing: 'AAAA' } as never,
  'msp/technician': { account: 'A---', contact: 'AAA-', site: 'A-A-', billing: 'A---' } as never,
  'msp/client': { account: 'O---', contact: 'OOO-', site: 'O---', billing: 'O---' } as never,
  'acme-school/director': { account: 'A---', contact: 'A---', site: 'A---', billing: 'A---' } as never,
  'acme-school/school-lead': { account: 'AAAA', contact: 'AAAA', site: 'AAAA', billing: 'AAAA' } as never,
  'acme-school/school-office': { account: 'AAA-', contact: 'AAAA', site: 'AAA-', billing: 'AAA-' } as never,
  'acme-school/teacher': { account: 'A---', contact: 'A---', site: '----', billing: '----' } as never,
  'acme-school/student': { account: 'A---', contact: '----', site: '----', billing: '----' } as never,
  'acme-school/alumnus': { account: 'A---', contact: '----', site: '----', billing: '----' } as never,
};

type Kind = 'account' | 'contact' | 'site' | 'billing';
const PATH: Record<Kind, string> = { account: 'accounts', contact: 'contacts', site: 'sites', billing: 'billing-sites' };
const TABLE: Record<Kind, string> = { account: 'accounts', contact: 'contacts', site: 'sites', billing: 'billingSites' };

let counter = 0;
async function makeAccount(admin: Knex, tenant: string, owner: string | null): Promise<string> {
  counter += 1;
  const [row] = await admin('accounts').insert({
    tenantId: tenant, number: 1_000_000 + counter + Math.floor(Math.random() * 1_000_000), name: `Matrix ${counter}`, ownerId: owner, supportUserId: owner,
  }).returning('id');
  return row.id;
}

async function makeRecord(admin: Knex, kind: Kind, tenant: string, accountId: string): Promise<string> {
  if (kind === 'account') return accountId;
  const data = kind === 'contact' ? { lastName: `Matrix ${++counter}` } : { name: `Matrix ${++counter}` };
  const [row] = await admin(TABLE[kind]).insert({ tenantId: tenant, accountId, ...data }).returning('id');
  return row.id;
}

function createBody(kind: Kind, accountId: string, own: boolean): Record<string, unknown> {
  // An account is "other" when created without an owner.
  if (kind === 'account') return own ? { name: `Matrix created ${++counter}` } : { name: `Matrix created ${++counter}`, ownerId: null };
  if (kind === 'contact') return { accountId, lastName: `Created ${++counter}` };
  return { accountId, name: `Created ${++counter}` };
}
const patchBody = (kind: Kind) => (kind === 'contact' ? { jobTitle: 'Changé' } : { name: `Renamed ${++counter}` });

/** Expected HTTP status of each check, from the table's letters. */
function expectedStatuses(letters: Record<Kind, string>, kind: Kind): Record<string, number> {
  const [r, c, u, d] = [...letters[kind]];
  const accountRead = letters.account[0];
  const onOwn = (l: string) => (r === '-' ? 403 : l === '-' ? 403 : 'ok');
  const onOther = (l: string) => (r === '-' ? 403 : r === 'O' ? 404 : l === 'A' ? 'ok' : 403);
  const as = (x: number | 'ok', ok: number) => (x === 'ok' ? ok : x);
  let createOther: number;
  if (kind === 'account') createOther = c === 'A' ? 201 : 403;
  else if (c === '-') createOther = 403;
  else if (accountRead !== 'A') createOther = 400;
  else createOther = c === 'A' ? 201 : 403;
  return {
    list: r === '-' ? 403 : 200,
    'get own': as(onOwn(r), 200),
    'get other': as(onOther(r), 200),
    'get other tenant': 404,
    'history own': as(onOwn(r), 200),
    'update own': as(onOwn(u), 200),
    'update other': as(onOther(u), 200),
    'update other tenant': 404,
    'delete own': as(onOwn(d), 204),
    'delete other': as(onOther(d), 204),
    'delete other tenant': 404,
    'create on own account': kind === 'account' ? (c === '-' ? 403 : 201) : (c === '-' ? 403 : accountRead === '-' ? 400 : 201),
    'create on other account': createOther,
  };
}

describe('permission matrix: role × core endpoint × own / other / other tenant', () => {
  let t: TestContext;
  beforeAll(() => { t = testContext(); });
  afterAll(() => t.close());

  it.each(Object.keys(EXPECTED))('%s', async (key) => {
    const [tenantSlug, role] = key.split('/') as [string, string];
    const letters = EXPECTED[key] as unknown as Record<Kind, string>;
    const tenant = await tenantId(t.admin, tenantSlug);
    const foreignTenant = await tenantId(t.admin, tenantSlug === 'msp' ? 'epic-events' : 'msp');
    const me = await userId(t.admin, role, tenantSlug);
    const { accessToken } = await loginAs(t.app, role, tenantSlug);
    const api = (method: 'get' | 'post' | 'patch' | 'delete', url: string) =>
      request(t.app)[method](url).set('Authorization', `Bearer ${accessToken}`).set('If-Match', '"1"');

    const actual: Record<string, Record<string, number>> = {};
    const expected: Record<string, Record<string, number>> = {};
    for (const kind of Object.keys(PATH) as Kind[]) {
      const base = `/api/v1/${PATH[kind]}`;
      const ownAccount = await makeAccount(t.admin, tenant, me);
      const otherAccount = await makeAccount(t.admin, tenant, null);
      const foreignAccount = await makeAccount(t.admin, foreignTenant, null);
      const own = await makeRecord(t.admin, kind, tenant, ownAccount);
      const other = await makeRecord(t.admin, kind, tenant, otherAccount);
      const foreign = await makeRecord(t.admin, kind, foreignTenant, foreignAccount);
      const got: Record<string, number> = {};
      const list = await api('get', `${base}?limit=200&sort=-createdAt`);
      got.list = list.status;
      if (list.status === 200) {
        const ids = list.body.items.map((i: { id: string }) => i.id);
        // The list shows exactly what the user may read: their own record, others' only with scope "all".
        expect({ kind, own: ids.includes(own), other: ids.includes(other), foreign: ids.includes(foreign) })
          .toEqual({ kind, own: true, other: letters[kind][0] === 'A', foreign: false });
      }
      got['get own'] = (await api('get', `${base}/${own}`)).status;
      got['get other'] = (await api('get', `${base}/${other}`)).status;
      got['get other tenant'] = (await api('get', `${base}/${foreign}`)).status;
      got['history own'] = (await api('get', `${base}/${own}/history`)).status;
      got['update own'] = (await api('patch', `${base}/${own}`).send(patchBody(kind))).status;
      got['update other'] = (await api('patch', `${base}/${other}`).send(patchBody(kind))).status;
      got['update other tenant'] = (await api('patch', `${base}/${foreign}`).send(patchBody(kind))).status;
      const ownToDelete = await makeRecord(t.admin, kind, tenant, kind === 'account' ? await makeAccount(t.admin, tenant, me) : ownAccount);
      const otherToDelete = await makeRecord(t.admin, kind, tenant, kind === 'account' ? await makeAccount(t.admin, tenant, null) : otherAccount);
      got['delete own'] = (await request(t.app).delete(`${base}/${ownToDelete}`).set('Authorization', `Bearer ${accessToken}`)).status;
      got['delete other'] = (await request(t.app).delete(`${base}/${otherToDelete}`).set('Authorization', `Bearer ${accessToken}`)).status;
      got['delete other tenant'] = (await request(t.app).delete(`${base}/${foreign}`).set('Authorization', `Bearer ${accessToken}`)).status;
      got['create on own account'] = (await api('post', base).send(createBody(kind, ownAccount, true))).status;
      got['create on other account'] = (await api('post', base).send(createBody(kind, otherAccount, false))).status;
      actual[kind] = got;
      expected[kind] = expectedStatuses(letters, kind);
      // Nothing in the other tenant moved.
      expect(await t.admin(TABLE[kind]).where({ id: foreign }).first('version')).toEqual({ version: 1 });
    }
    expect(actual).toEqual(expected);
  });
});
