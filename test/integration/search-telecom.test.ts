import crypto from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import { knexConfig } from '../../db/knexfile';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, uniqueName, type OwnTenant } from '../support/fixtures';
import { searchAs, type SearchHit } from '../support/search';

/**
 * Global search covers the telecom vertical through its module's registration (issue 12): a line is found by
 * its number as people type it (national form, spaces, or E.164) and opens on its account; a deployment by its number or its title. Nothing of another organisation answers, and a partner
 * bound to a brand finds only its brand's lines (row-level security, ADR 0046 and 0054).
 */
describe('global search: telecom lines and deployments', () => {
  let t: TestContext;
  let admin: Knex;
  let mine: OwnTenant;
  let theirs: OwnTenant;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  // Digits and a surname no other record has, so the hits are this test's.
  const digits = String(crypto.randomInt(10_000_000, 99_999_999));
  const surname = `Kerhervé${crypto.randomBytes(3).toString('hex').replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!)}`;
  const deploymentNumber = crypto.randomInt(900_000, 999_999);

  async function accountWithLine(tenant: OwnTenant, brandId: string | null, number: string, userName: string, ownerId: string | null = null): Promise<{ account: string; line: string }> {
    const [account] = await admin('accounts').insert({ tenantId: tenant.tenantId, number: crypto.randomInt(7_000_000, 7_999_999), name: uniqueName('Client télécom'), status: 'active', ownerId }).returning('id');
    await admin('telecomAccountProfiles').insert({ accountId: account.id, tenantId: tenant.tenantId, softwhereId: `SW-${crypto.randomInt(100_000, 999_999)}`, brandId });
    const [fleet] = await admin('telecomFleets').insert({ tenantId: tenant.tenantId, accountId: account.id, type: 'mobile', operatorKey: 'orange', name: 'Mobile / Orange' }).returning('id');
    const [line] = await admin('telecomLines').insert({ tenantId: tenant.tenantId, accountId: account.id, fleetId: fleet.id, number, userName, status: 'active', operatorKey: 'snaic' }).returning('id');
    return { account: account.id, line: line.id };
  }

  beforeAll(async () => {
    t = testContext();
    admin = knexFactory(knexConfig(process.env.DATABASE_ADMIN_URL!, 1));
    mine = await createOwnTenant(admin, 'search-tel');
    theirs = await createOwnTenant(admin, 'search-tel2');
    const [brandA, brandB] = (await admin('telecomBrands').insert([
      { tenantId: mine.tenantId, key: 'armor', name: 'Armor Télécom' }, { tenantId: mine.tenantId, key: 'iroise', name: 'Iroise Connect' },
    ]).returning('id')).map((r: { id: string }) => r.id) as [string, string];
    // The partner sells for brand A and owns its client; brand B's client is a salesperson's.
    const a = await accountWithLine(mine, brandA, `+336${digits}`, `Gwenaëlle ${surname}`, mine.userIds.partner);
    const b = await accountWithLine(mine, brandB, `+337${digits}`, `Yann ${surname}`, mine.userIds.sales);
    const other = await accountWithLine(theirs, null, `+336${digits}`, `Gwenaëlle ${surname}`);
    Object.assign(ids, { accountA: a.account, lineA: a.line, accountB: b.account, lineB: b.line, otherLine: other.line });
    const [deployment] = await admin('telecomDeployments').insert({
      tenantId: mine.tenantId, number: deploymentNumber, accountId: a.account, title: `Migration fibre ${surname}`, status: 'study',
    }).returning('id');
    ids.deployment = deployment.id;
    await admin('telecomBrandUsers').insert({ tenantId: mine.tenantId, userId: mine.userIds.partner, brandId: brandA });
    for (const role of ['manager', 'partner']) tokens[role] = (await loginAs(t.app, role, mine.slug)).accessToken;
    tokens.theirManager = (await loginAs(t.app, 'manager', theirs.slug)).accessToken;
  });
  afterAll(async () => {
    await t.close();
    await admin.destroy();
  });

  const search = (who: string, q: string) => searchAs(t.app, tokens[who], q);
  const lines = (hits: SearchHit[]) => hits.filter((h) => h.type === 'telecom-line').map((h) => h.id).sort();

  it('finds a line by its number as typed, nationally with spaces or in E.164, and it opens on its account', async () => {
    const spaced = `06 ${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4, 6)} ${digits.slice(6)}`;
    for (const q of [spaced, `06${digits}`, `+336${digits}`]) {
      const hits = await search('manager', q);
      expect(hits).toEqual([expect.objectContaining({ type: 'telecom-line', id: ids.lineA, title: `+336${digits}`, accountId: ids.accountA, match: 'phone' })]);
      expect(hits[0]!.subtitle).toContain(`Gwenaëlle ${surname}`);
    }
  });

  it('finds a deployment by its number and by a word of its title, with its client beside it', async () => {
    const byNumber = await search('manager', String(deploymentNumber));
    expect(byNumber).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'telecom-deployment', id: ids.deployment, number: deploymentNumber, accountId: ids.accountA, match: 'exact' })]));
    const byTitle = await search('manager', `fibre ${surname}`);
    expect(byTitle).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'telecom-deployment', id: ids.deployment, title: `Migration fibre ${surname}` })]));
  });

  it("never answers another organisation's lines", async () => {
    expect(lines(await search('theirManager', `+336${digits}`))).toEqual([ids.otherLine]);
    expect(lines(await search('manager', `+336${digits}`))).toEqual([ids.lineA]);
  });

  it("lets a partner bound to a brand find its own brand's client's lines only", async () => {
    expect(lines(await search('partner', `06${digits}`))).toEqual([ids.lineA]);
    expect(lines(await search('manager', `07${digits}`))).toEqual([ids.lineB]);
    expect(await search('partner', `07${digits}`)).toEqual([]);
  });
});
