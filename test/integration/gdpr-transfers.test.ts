import crypto from 'node:crypto';
import JSZip from 'jszip';
import request from 'supertest';
import { loginAs, tenantId, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * Transfers to third parties (issue 15, docs/adr/0030-transfers.md) in an organisation of its own: the data
 * protection officer declares transfers of its contacts and accounts; an export is a zip in which none of the
 * people's names, e-mails or phones appears (read file by file), whose pseudonyms are the same for one
 * recipient across transfers and differ between recipients; each export is recorded with its checksum and the
 * recipients show in the register; re-identification is the officer's, and logged. Bad input is a French 4xx
 * that changes nothing; another role and another organisation see nothing.
 */
const PEOPLE = [
  { firstName: 'Hélène', lastName: 'Robinet', email: 'helene.robinet@armor-transfert.example', phone: '+33 2 99 87 14 20', mobile: '+33 6 51 89 23 40', jobTitle: 'Responsable des ressources humaines' },
  { firstName: 'Mathieu', lastName: 'Lemoinard', email: 'm.lemoinard@armor-transfert.example', phone: '0299871450', mobile: null, jobTitle: 'Tuteur des alternants' },
  { firstName: 'Agnès', lastName: 'Perrinet', email: 'agnes.perrinet@armor-transfert.example', phone: null, mobile: '06 77 88 99 00', jobTitle: 'Service comptable' },
];
const IDENTIFYING = [
  ...PEOPLE.flatMap((p) => [p.firstName, p.lastName, p.email, p.jobTitle, p.phone, p.mobile].filter((v): v is string => Boolean(v))),
  ...PEOPLE.flatMap((p) => [p.phone, p.mobile].filter((v): v is string => Boolean(v)).map((v) => v.replace(/\D/g, '').slice(-9))),
  'Armor Transfert Conseil', 'Contact chez un autre', 'Note confidentielle',
];
const CONTACT_FIELDS = ['first_name', 'last_name', 'email', 'phone', 'mobile', 'job_title', 'notes', 'account_id'];

function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

async function unzip(buffer: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(buffer);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) if (!zip.files[name]!.dir) out[name] = await zip.file(name)!.async('string');
  return out;
}

/** The `ref` of each row of a table's JSON, in the order of the rows (by id). */
const refs = (files: Record<string, string>, table: string) => (JSON.parse(files[`donnees/${table}.json`]!) as Array<{ ref: string }>).map((r) => r.ref);

describe('/api/v1/gdpr/transfers', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let dpo: string;
  let admin: string;
  let otherDpo: string;
  let contactIds: string[];
  const as = (token: string) => ({
    get: (url: string) => request(t.app).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string, body?: object) => request(t.app).post(url).set('Authorization', `Bearer ${token}`).send(body ?? {}),
  });
  const declare = (token: string, body: object) => as(token).post('/api/v1/gdpr/transfers', body);
  const exportZip = async (id: string) => {
    const res = await as(dpo).post(`/api/v1/gdpr/transfers/${id}/exports`).buffer(true).parse(binary).expect(201).expect('Content-Type', 'application/zip');
    return { res, body: res.body as Buffer, files: await unzip(res.body as Buffer) };
  };
  const partner = (name: string, mode = 'pseudonymise') => ({
    recipient: { name, country: 'FR', zone: 'eu-eea' }, purpose: 'Annuaire des entreprises partenaires du réseau', activity: 'core.customers', mode,
    tables: [{ table: 'contacts', columns: CONTACT_FIELDS }, { table: 'accounts', columns: ['name', 'email', 'city', 'status'] }],
  });

  beforeAll(async () => {
    t = testContext();
    tenant = await createOwnTenant(t.admin, 'transfers', ['school']);
    [dpo, admin, otherDpo] = (await Promise.all([loginAs(t.app, 'dpo', tenant.slug), loginAs(t.app, 'direction', tenant.slug), loginAs(t.app, 'dpo', 'epic-events')])).map((l) => l.accessToken);
    const [account] = await t.admin('accounts').insert({
      tenantId: tenant.tenantId, number: 1, name: 'Armor Transfert Conseil', email: 'rh@armor-transfert.example', city: 'Rennes', status: 'active',
    }).returning('id');
    contactIds = [];
    for (const p of PEOPLE) {
      const [row] = await t.admin('contacts').insert({ tenantId: tenant.tenantId, accountId: account.id, ...p, notes: 'Note confidentielle sur la personne' }).returning('id');
      contactIds.push(String(row.id));
    }
    const epic = await tenantId(t.admin, 'epic-events');
    const [foreign] = await t.admin('accounts').insert({ tenantId: epic, number: 980_000 + Math.floor(Math.random() * 9_999), name: 'Contact chez un autre', status: 'active' }).returning('id');
    await t.admin('contacts').insert({ tenantId: epic, accountId: foreign.id, firstName: 'Contact chez un autre', lastName: 'Ailleurs' });
  });
  afterAll(() => t.close());

  it('refuses bad input in French (4xx) and changes nothing; another role is refused', async () => {
    const bad = await declare(dpo, { recipient: { name: '', country: 'France', zone: 'mars' }, purpose: '', activity: 'X', mode: 'copy', tables: [] }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['recipient.name', 'recipient.country', 'recipient.zone', 'purpose', 'activity', 'mode', 'tables']));
    const noSafeguard = await declare(dpo, { ...partner('Partenaire américain'), recipient: { name: 'Partenaire américain', country: 'US', zone: 'third-country' } }).expect(422);
    expect(noSafeguard.body.detail).toMatch(/^Un destinataire hors de l’Union européenne/);
    const users = await declare(dpo, { ...partner('X'), tables: [{ table: 'users', columns: ['email'] }] }).expect(422);
    expect(users.body.detail).toBe('Ce type de fiche n’existe pas dans votre organisation');
    const unknown = await declare(dpo, { ...partner('X'), tables: [{ table: 'contacts', columns: ['first_name', 'shoe_size', 'id'] }] }).expect(422);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['tables.0.columns.1', 'tables.0.columns.2']);
    await declare(dpo, { ...partner('X'), activity: 'events.clients' }).expect(422);
    const refused = await declare(admin, partner('X')).expect(403);
    expect(refused.body.detail).toBe('Seul le délégué à la protection des données déclare, prévisualise et exporte les transferts de données');
    await as(admin).get('/api/v1/gdpr/transfers').expect(403);
    expect((await as(dpo).get('/api/v1/gdpr/transfers').expect(200)).body.items).toEqual([]);
  });

  it('exports a pseudonymised transfer: no identifying value in the archive, stable pseudonyms per recipient, recorded and in the register', async () => {
    const a = (await declare(dpo, partner('Réseau Alumni Partenaires')).expect(201)).body;
    expect(a.fields.find((f: { column: string }) => f.column === 'job_title')).toMatchObject({ declared: 'keep', applied: 'pseudonymise' });
    const preview = (await as(dpo).get(`/api/v1/gdpr/transfers/${a.id}/preview?rows=2`).expect(200)).body;
    expect(preview.tables[0]).toMatchObject({ table: 'contacts', total: 3, columns: ['ref', ...CONTACT_FIELDS] });
    expect(preview.tables[0].rows).toHaveLength(2);
    for (const v of IDENTIFYING) expect(JSON.stringify(preview)).not.toContain(v);

    const first = await exportZip(a.id);
    expect(Object.keys(first.files).sort()).toEqual(['LISEZMOI.txt', 'donnees/accounts.csv', 'donnees/accounts.json', 'donnees/contacts.csv', 'donnees/contacts.json', 'manifeste.json']);
    for (const [name, content] of Object.entries(first.files)) for (const v of IDENTIFYING) if (content.includes(v)) throw new Error(`${name} holds « ${v} »`);
    for (const id of contactIds) expect(Object.values(first.files).join('\n')).not.toContain(id);
    const manifest = JSON.parse(first.files['manifeste.json']!);
    expect(manifest).toMatchObject({ format: 'relais.gdpr.transfer', mode: 'pseudonymise', recipient: { name: 'Réseau Alumni Partenaires', country: 'FR' } });
    expect(manifest.fields).toContainEqual(expect.objectContaining({ table: 'contacts', column: 'last_name', declared: 'mask:initials', applied: 'mask:initials' }));
    const contacts = JSON.parse(first.files['donnees/contacts.json']!) as Array<Record<string, string | null>>;
    expect(contacts.map((c) => c.last_name).sort()).toEqual(['L.', 'P.', 'R.']);
    expect(contacts.every((c) => c.email === null && c.notes === null && /^pseudo:t1:/.test(String(c.account_id)))).toBe(true);

    // Recorded: who, when, how many rows, the archive's checksum.
    const read = (await as(dpo).get(`/api/v1/gdpr/transfers/${a.id}`).expect(200)).body;
    expect(read.exports).toEqual([expect.objectContaining({ id: first.res.headers['x-relais-export-id'], rows: 4, sha256: crypto.createHash('sha256').update(first.body).digest('hex') })]);
    expect(await t.admin('auditLog').where({ tenantId: tenant.tenantId, targetId: a.id }).orderBy('id').pluck('action')).toEqual(['gdpr.transfer.declare', 'gdpr.transfer.export']);

    // The same recipient (however written), a second transfer: the same pseudonyms; another recipient: others.
    const again = (await declare(dpo, { ...partner('  réseau alumni PARTENAIRES ') }).expect(201)).body;
    const other = (await declare(dpo, partner('Cabinet de recrutement Ouest')).expect(201)).body;
    const second = await exportZip(again.id);
    const third = await exportZip(other.id);
    expect(refs(second.files, 'contacts')).toEqual(refs(first.files, 'contacts'));
    expect(refs((await exportZip(a.id)).files, 'contacts')).toEqual(refs(first.files, 'contacts'));
    expect(refs(third.files, 'contacts').filter((r) => refs(first.files, 'contacts').includes(r))).toEqual([]);

    const register = (await as(dpo).get('/api/v1/gdpr/register').expect(200)).body;
    const customers = register.activities.find((x: { key: string }) => x.key === 'core.customers');
    expect(customers.recipients).toEqual(expect.arrayContaining(['Réseau Alumni Partenaires (FR) — transfert pseudonymisé', 'Cabinet de recrutement Ouest (FR) — transfert pseudonymisé']));

    // Re-identification: the officer with the key, in the audit log; no one else.
    const ref = refs(first.files, 'contacts')[0]!;
    const found = (await as(dpo).post(`/api/v1/gdpr/transfers/${a.id}/reidentify`, { pseudonym: ref }).expect(200)).body;
    expect(found.match).toEqual({ table: 'contacts', column: 'ref', recordId: [...contactIds].sort()[0] });
    expect((await as(dpo).post(`/api/v1/gdpr/transfers/${other.id}/reidentify`, { pseudonym: ref }).expect(200)).body.match).toBeNull();
    expect((await t.admin('auditLog').where({ tenantId: tenant.tenantId, action: 'gdpr.transfer.reidentify' })).length).toBe(2);
    await as(admin).post(`/api/v1/gdpr/transfers/${a.id}/reidentify`, { pseudonym: ref }).expect(403);
    await as(dpo).post(`/api/v1/gdpr/transfers/${a.id}/reidentify`, { pseudonym: 'Hélène' }).expect(400);

    // The key is sealed at rest.
    const key = await t.admin('gdprTransferKeys').where({ tenantId: tenant.tenantId }).first('sealed');
    expect(String(key.sealed)).toMatch(/^v1\./);
  });

  it('an anonymised transfer outside the EU states its safeguard in the register and holds no pseudonym', async () => {
    const body = { ...partner('Alumni Network Inc.', 'anonymise'), recipient: { name: 'Alumni Network Inc.', country: 'US', zone: 'third-country', safeguard: 'Clauses contractuelles types (2021/914)' } };
    const d = (await declare(dpo, body).expect(201)).body;
    const { files } = await exportZip(d.id);
    const contacts = JSON.parse(files['donnees/contacts.json']!) as Array<Record<string, unknown>>;
    expect(contacts[0]).not.toHaveProperty('ref');
    expect(JSON.stringify(files)).not.toContain('pseudo:');
    for (const v of IDENTIFYING) expect(JSON.stringify(files)).not.toContain(v);
    const customers = (await as(dpo).get('/api/v1/gdpr/register').expect(200)).body.activities.find((x: { key: string }) => x.key === 'core.customers');
    expect(customers.transfersOutsideEu).toContain('Alumni Network Inc., US : Clauses contractuelles types (2021/914)');
    await as(dpo).post(`/api/v1/gdpr/transfers/${d.id}/reidentify`, { pseudonym: `pseudo:t1:${'a'.repeat(22)}` }).expect(422);
  });

  it('the demo: ACME School\'s officer finds the transfer to the alumni network and previews it without identities', async () => {
    const acme = (await loginAs(t.app, 'dpo', 'acme-school')).accessToken;
    const demo = (await as(acme).get('/api/v1/gdpr/transfers').expect(200)).body.items.find((x: { recipient: { name: string } }) => x.recipient.name === 'Réseau Alumni Partenaires');
    expect(demo).toMatchObject({ mode: 'pseudonymise', activity: 'core.customers', tables: [{ table: 'contacts' }] });
    const preview = JSON.stringify((await as(acme).get(`/api/v1/gdpr/transfers/${demo.id}/preview?rows=20`).expect(200)).body);
    expect(preview).toContain('pseudo:t1:');
    for (const v of ['Robin', 'Lemoine', 'Perrin', 'h.robin@armor-finance.fr', 'Tuteur des alternants']) expect(preview).not.toContain(v);
  });

  it('another organisation sees none of it', async () => {
    const [mine] = (await as(dpo).get('/api/v1/gdpr/transfers').expect(200)).body.items;
    expect((await as(otherDpo).get('/api/v1/gdpr/transfers').expect(200)).body.items.map((x: { id: string }) => x.id)).not.toContain(mine.id);
    const missing = await as(otherDpo).get(`/api/v1/gdpr/transfers/${mine.id}`).expect(404);
    expect(missing.body.detail).toBe('Ce transfert n’existe pas dans votre organisation');
    await as(otherDpo).post(`/api/v1/gdpr/transfers/${mine.id}/exports`).expect(404);
    await as(otherDpo).get(`/api/v1/gdpr/transfers/${mine.id}/preview`).expect(404);
  });
});
