import { spawnSync } from 'node:child_process';
import Ajv2020 from 'ajv/dist/2020';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { withTenant } from '../../db/tenant-scope';
import { processContext } from '../../domain/core/process-context';
import { markReportDelivered } from '../../domain/audits/report/report-delivery';
import { testContext, loginAs, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { asUser } from '../support/http';

/**
 * The audit report (issue 16, ADR 0038) through the API: the review loop (submit → frozen, edit 409 →
 * changes requested with comments → edited → submitted again → approved by the lead), every version
 * kept with its comments, an auditor not on the mission and another organisation answered 404, bad
 * input refused in French writing nothing, and the PDF read back by poppler's pdftotext (cover, table
 * of contents, executive summary, findings by severity, appendix), identical after the template changed.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-audit-report-'));

function pdfText(name: string, bytes: Buffer): string {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  const run = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  if (run.error) throw new Error(`pdftotext is missing: install poppler-utils. ${run.error.message}`);
  return run.stdout.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
}

describe('/api/v1/audits/missions/{id}/report', () => {
  let t: TestContext;
  let firm: OwnTenant;
  let other: OwnTenant;
  let lead: string;
  let auditor: string;
  let administration: string;
  let candidate: string;
  let otherLead: string;
  let mine: string;
  let notMine: string;

  const api = (token: string) => asUser(t.app, token);
  const pdf = (token: string, url: string) => request(t.app).get(url).set('Authorization', `Bearer ${token}`).buffer(true)
    .parse((res, done) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => done(null, Buffer.concat(chunks))); });

  async function mission(tenant: OwnTenant, number: number, auditorIds: string[]): Promise<string> {
    const [{ next }] = await t.admin('accounts').where({ tenantId: tenant.tenantId }).select(t.admin.raw('coalesce(max(number), 0) + 1 as next'));
    const [account] = await t.admin('accounts').insert({ tenantId: tenant.tenantId, number: next, name: `Mairie de Plouzané ${number}` }).returning('id');
    const [row] = await t.admin('auditMissions').insert({
      tenantId: tenant.tenantId, number, accountId: account.id, title: `Audit du réseau ${number}`, status: 'drafting',
      scopes: ['network', 'servers'], leadId: tenant.userIds['mission-lead'], auditorIds, startsOn: '2026-11-02', endsOn: '2026-11-06',
    }).returning('id');
    return row.id as string;
  }

  beforeAll(async () => {
    t = testContext();
    [firm, other] = await Promise.all([createOwnTenant(t.admin, 'report', ['audits']), createOwnTenant(t.admin, 'report-other', ['audits'])]);
    [lead, auditor, administration, candidate, otherLead] = (await Promise.all([
      loginAs(t.app, 'mission-lead', firm.slug), loginAs(t.app, 'auditor', firm.slug), loginAs(t.app, 'administration', firm.slug),
      loginAs(t.app, 'candidate', firm.slug), loginAs(t.app, 'mission-lead', other.slug),
    ])).map((l) => l.accessToken);
    mine = await mission(firm, 1, [firm.userIds.auditor!]);
    notMine = await mission(firm, 2, []);
    // What the auditor captured on site, through the capture area's API (sealed at rest; the report opens it).
    const accountId = (await t.admin('auditMissions').where({ id: mine }).first('accountId')).accountId;
    const [{ id: siteId }] = await t.admin('sites').insert({ tenantId: firm.tenantId, accountId, name: 'Hôtel de ville' }).returning('id');
    await t.admin('auditMissionSites').insert({ tenantId: firm.tenantId, missionId: mine, siteId });
    const library = await api(lead).post('/api/v1/audits/findings-library', { title: 'SMBv1 actif', references: ['ANSSI Guide d’hygiène, mesure 34'] }).expect(201);
    const captured = [
      { title: 'Mots de passe par défaut sur les imprimantes', description: 'Description des imprimantes.', risk: 'Risque des imprimantes.', recommendation: 'Changer les mots de passe.', rating: { method: 'grid', likelihood: 3, impact: 2 } },
      { title: 'Protocole SMBv1 actif sur SRV-FICHIERS', libraryFindingId: library.body.id, description: 'Le serveur accepte **SMBv1**.', risk: 'Propagation d’un rançongiciel.', recommendation: 'Désactiver SMBv1.', rating: { method: 'cvss', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' } },
      { title: 'Absence de verrouillage automatique des postes', description: 'Postes ouverts.', risk: 'Accès physique.', recommendation: 'Verrouiller après 5 minutes.', rating: { method: 'grid', likelihood: 1, impact: 2 } },
    ];
    for (const f of captured) await api(auditor).post(`/api/v1/audits/missions/${mine}/findings`, { id: crypto.randomUUID(), siteId, ...f }).expect(201);
    await api(auditor).post(`/api/v1/audits/missions/${mine}/inventory`, {
      id: crypto.randomUUID(), siteId, type: 'server', brand: 'Dell', model: 'PowerEdge R640', serial: 'CN0X4KJ29871', location: 'Salle serveur', networkAddress: '10.29.4.12', owner: 'Jean Kerjean',
    }).expect(201);
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  const url = () => `/api/v1/audits/missions/${mine}/report`;
  const counts = async () => Promise.all(['auditReportSections', 'auditReportVersions', 'auditReportComments'].map(async (table) => Number((await t.admin(table).where({ tenantId: firm.tenantId }).count({ n: '*' }))[0]!.n)));

  it('runs the review loop: submit freezes, changes requested reopen, the lead approves; every version kept', async () => {
    const opened = await api(auditor).get(url()).expect(200);
    expect(opened.body).toMatchObject({ status: 'draft', currentVersion: 0, can: { edit: true, submit: true, review: false }, template: { serialDisplay: 'last4' } });
    expect(opened.body.sections.map((s: { key: string }) => s.key)).toEqual(['cover-note', 'executive-summary', 'scope-and-method', 'findings', 'recommendations', 'appendix']);
    const sections = opened.body.sections.map((s: { key: string; title: string }) => ({ key: s.key, title: s.title, body: '' }));
    const text = (key: string, body: string, origin?: 'assistant') => sections.map((s: { key: string }) => (s.key === key ? { ...s, body, ...(origin ? { origin } : {}) } : s));

    // The assistant's executive summary, accepted as it is: flagged until a person edits it.
    let written = await api(auditor).put(url(), { sections: text('executive-summary', 'La direction dispose d’un réseau **globalement maîtrisé**.', 'assistant') }, `"${opened.body.version}"`).expect(200);
    expect(written.body.sections.find((s: { key: string }) => s.key === 'executive-summary')).toMatchObject({ origin: 'assistant', assistantDraft: true });
    const summary = 'La direction dispose d’un réseau **globalement maîtrisé** ; trois constats demandent une action, dont un critique.';
    sections.splice(1, 1, { ...sections[1], body: summary });
    written = await api(auditor).put(url(), { sections }, written.headers.etag).expect(200);
    expect(written.body.sections.find((s: { key: string }) => s.key === 'executive-summary')).toMatchObject({ origin: 'assistant', assistantDraft: false });
    await api(auditor).put(url(), { sections }, `"${opened.body.version}"`).expect(412);

    const submitted = await api(auditor).post(`${url()}/submit`).expect(200);
    expect(submitted.body).toMatchObject({ status: 'in_review', currentVersion: 1, can: { edit: false, submit: false, review: false } });
    const frozen = await api(auditor).put(url(), { sections }, '*').expect(409);
    expect(frozen.body.detail).toMatch(/^Le rapport est en relecture : il est figé/);
    await api(auditor).post(`${url()}/review`, { decision: 'approve' }).expect(403);
    const missionStatus = async () => (await t.admin('auditMissions').where({ id: mine }).first('status')).status;
    expect(await missionStatus()).toBe('review');
    // No instance of the mission's process waits yet: the message is kept for it.
    expect(await t.admin('bufferedMessages').where({ tenantId: firm.tenantId, correlationKey: mine }).pluck('name')).toEqual(['audits.report-submitted']);

    const sentBack = await api(lead).post(`${url()}/review`, { decision: 'request-changes', comments: [{ sectionKey: 'executive-summary', body: 'Chiffrez le risque pour la direction.' }] }).expect(200);
    expect(sentBack.body).toMatchObject({ status: 'changes_requested', can: { review: false } });
    expect(await missionStatus()).toBe('drafting');
    expect(sentBack.body.comments).toEqual([expect.objectContaining({ versionNumber: 1, sectionKey: 'executive-summary', body: 'Chiffrez le risque pour la direction.', resolved: false })]);

    sections.splice(1, 1, { ...sections[1], body: `${summary}\n\nLe risque principal : une **compromission du serveur de fichiers**.` });
    sections.splice(5, 1, { ...sections[5], body: 'Inventaire relevé le 4 novembre 2026.' });
    const again = await api(auditor).get(url()).expect(200);
    await api(auditor).put(url(), { sections }, again.headers.etag).expect(200);
    await api(auditor).post(`${url()}/submit`).expect(200);
    const approved = await api(lead).post(`${url()}/review`, { decision: 'approve', comments: [{ sectionKey: 'findings', body: 'Très clair.' }] }).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', currentVersion: 2, approvedBy: firm.userIds['mission-lead'] });
    await api(lead).put(url(), { sections }, '*').expect(409);
    expect(await missionStatus()).toBe('review');
    expect((await t.admin('bufferedMessages').where({ tenantId: firm.tenantId, correlationKey: mine }).pluck('name')).sort())
      .toEqual(['audits.report-approved', 'audits.report-changes-requested', 'audits.report-submitted', 'audits.report-submitted']);

    const versions = (await api(administration).get(`${url()}/versions`).expect(200)).body.items;
    expect(versions).toMatchObject([
      { number: 2, decision: 'approved', submittedBy: firm.userIds.auditor, comments: [{ sectionKey: 'findings', body: 'Très clair.' }] },
      { number: 1, decision: 'changes_requested', submittedBy: firm.userIds.auditor, comments: [{ sectionKey: 'executive-summary', resolved: true }] },
    ]);
  });

  it('prints the approved version: cover, table of contents, summary, findings by severity, appendix; the same after the template changed', async () => {
    const first = await pdf(administration, `${url()}/pdf`).expect(200).expect('Content-Type', 'application/pdf');
    const text = pdfText('v2', first.body as Buffer);
    expect(text).toContain('Rapport d’audit de sécurité');
    expect(text).toContain('Client : Mairie de Plouzané 1');
    expect(text).toContain('Version 2 du');
    expect(text).toContain('Sommaire');
    expect(text).toMatch(/Synthèse managériale \d+/);
    expect(text).toContain('trois constats demandent une action, dont un critique');
    expect(text).toContain('compromission du serveur de fichiers');
    expect(text).toContain('Répartition des constats par sévérité');
    expect(text).toMatch(/Critique 1 Élevée 0 Moyenne 1 Faible 1 Information 0/);
    expect(text.indexOf('Protocole SMBv1 actif')).toBeLessThan(text.indexOf('Mots de passe par défaut sur les imprimantes'));
    expect(text).toContain('CVSS 3.1 : 9,8');
    expect(text).toContain('Vraisemblance 3/4 × impact 2/4');
    expect(text).toContain('ANSSI Guide d’hygiène, mesure 34');
    expect(text).toContain('Propagation d’un rançongiciel.');
    expect(text).not.toContain('Jean Kerjean');
    expect(text).toContain('Inventaire du matériel relevé');
    expect(text).toContain('••••9871');
    expect(text).not.toContain('CN0X4KJ29871');
    expect(text).toContain('10.29.••.••');

    const v1 = pdfText('v1', (await pdf(lead, `${url()}/pdf?version=1`).expect(200)).body as Buffer);
    expect(v1).toContain('Version 1 du');
    expect(v1).not.toContain('compromission du serveur de fichiers');

    await api(lead).put('/api/v1/audits/report-template', { coverTitle: 'Rapport de test d’intrusion', serialDisplay: 'full', footer: 'Nouveau pied de page' }, '*').expect(200);
    await t.admin('tenants').where({ id: firm.tenantId }).update({ name: 'Cabinet renommé' });
    const later = pdfText('v2-again', (await pdf(lead, `${url()}/pdf?version=2`).expect(200)).body as Buffer);
    expect(later).toBe(text);
    // Delivered by the mission's process: the same version still prints.
    await withTenant({ tenantId: firm.tenantId }, (trx) => markReportDelivered(processContext(trx, firm.tenantId, 'test', []), mine, new Date()), t.admin);
    expect((await api(lead).get(url()).expect(200)).body).toMatchObject({ status: 'delivered', currentVersion: 2, can: { edit: false, submit: false, review: false } });
    expect(pdfText('delivered', (await pdf(lead, `${url()}/pdf`).expect(200)).body as Buffer)).toBe(text);
    // A report made from now on takes the new template.
    const fresh = await api(lead).get(`/api/v1/audits/missions/${notMine}/report`).expect(200);
    expect(fresh.body.template).toMatchObject({ coverTitle: 'Rapport de test d’intrusion', serialDisplay: 'full', organisationName: 'Cabinet renommé' });
  });

  it('hides the report from an auditor not on the mission, the candidate and another organisation (404); the administration only reads', async () => {
    const notOnIt = await api(auditor).get(`/api/v1/audits/missions/${notMine}/report`).expect(404);
    expect(notOnIt.body.detail).toBe('Aucune mission de votre organisation ne porte cet identifiant.');
    await api(auditor).post(`/api/v1/audits/missions/${notMine}/report/submit`).expect(404);
    await pdf(auditor, `/api/v1/audits/missions/${notMine}/report/pdf`).expect(404);
    await api(candidate).get(url()).expect(404);
    await api(otherLead).get(url()).expect(404);
    await api(otherLead).get(`${url()}/versions`).expect(404);
    await api(otherLead).post(`${url()}/review`, { decision: 'approve' }).expect(404);
    await api(lead).get('/api/v1/audits/missions/not-a-uuid/report').expect(404);
    const read = await api(administration).get(`/api/v1/audits/missions/${notMine}/report`).expect(200);
    expect(read.body.can).toEqual({ edit: false, submit: false, review: false });
    await api(administration).put(`/api/v1/audits/missions/${notMine}/report`, { sections: [{ key: 'x', title: 'X', body: '' }] }, '*').expect(403);
  });

  it('refuses bad input in French and writes nothing', async () => {
    const before = await counts();
    const draft = `/api/v1/audits/missions/${notMine}/report`;
    const bad = await api(lead).put(draft, { sections: [{ key: 'Bad Key', title: '', body: 1 }] }, '*').expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['sections.0.body', 'sections.0.key', 'sections.0.title']);
    expect(bad.body.errors.find((e: { field: string }) => e.field === 'sections.0.title').message).toBe('est obligatoire');
    const twice = await api(lead).put(draft, { sections: [{ key: 'a', title: 'A', body: '' }, { key: 'a', title: 'B', body: '' }] }, '*').expect(400);
    expect(twice.body.errors[0]).toMatchObject({ field: 'sections.1.key', message: 'La section « a » figure deux fois.' });
    await api(lead).put(draft, { sections: [] }, '*').expect(400);
    const nul = await api(lead).put(draft, { sections: [{ key: 'a', title: 'A', body: 'x\u0000y' }] }, '*').expect(400);
    expect(nul.body.errors[0].field).toBe('sections.0.body');
    await request(t.app).put(draft).set('Authorization', `Bearer ${lead}`).send({ sections: [{ key: 'a', title: 'A', body: '' }] }).expect(428);
    const notInReview = await api(lead).post(`${draft}/review`, { decision: 'approve' }).expect(409);
    expect(notInReview.body.detail).toBe('Seul un rapport soumis se relit ; celui-ci est en brouillon.');
    await api(lead).post(`${url()}/review`, { decision: 'maybe' }).expect(400);
    await pdf(lead, `${url()}/pdf?version=abc`).expect(400);
    await pdf(lead, `${url()}/pdf?version=9`).expect(404);
    await api(lead).put('/api/v1/audits/report-template', { coverTitle: '', serialDisplay: 'partial' }, '*').expect(400);
    await api(auditor).put('/api/v1/audits/report-template', { coverTitle: 'X', serialDisplay: 'full' }, '*').expect(403);
    expect(await counts()).toEqual(before);
  });

  it('answers as the OpenAPI document describes them', async () => {
    const doc = (await request(t.app).get('/api/v1/openapi.json').expect(200)).body;
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const check = (path: string, method: string, body: unknown) => {
      const matches = ajv.compile(doc.paths[path][method].responses['200'].content['application/json'].schema);
      expect({ path, valid: matches(body), errors: matches.errors ?? null }).toEqual({ path, valid: true, errors: null });
    };
    check('/api/v1/audits/missions/{id}/report', 'get', (await api(lead).get(url()).expect(200)).body);
    check('/api/v1/audits/missions/{id}/report/versions', 'get', (await api(administration).get(`${url()}/versions`).expect(200)).body);
    check('/api/v1/audits/report-template', 'get', (await api(auditor).get('/api/v1/audits/report-template').expect(200)).body);
  });

  it('seeds Cassandre\'s demo: a delivered report approved after changes, one in review, one sent back', async () => {
    const cassandre = (await t.admin('tenants').where({ slug: 'cassandre' }).first('id')).id;
    const reports = await t.admin('auditReports as r').join('auditMissions as m', 'm.id', 'r.missionId').where('r.tenantId', cassandre)
      .select('r.id', 'r.status', 'r.currentVersion', 'm.status as missionStatus').orderBy('r.status');
    expect(reports.map((r) => [r.status, r.currentVersion, r.missionStatus])).toEqual([['changes_requested', 1, 'drafting'], ['delivered', 2, 'delivered'], ['in_review', 1, 'review']]);
    const delivered = reports.find((r) => r.status === 'delivered')!;
    expect(await t.admin('auditReportComments').where({ reportId: delivered.id }).count({ n: '*' })).toEqual([{ n: 3 }]);
    const [version] = await t.admin('auditReportVersions').where({ reportId: delivered.id, number: 2 }).select('snapshot');
    expect(version.snapshot.sections).toHaveLength(6);
  });
});
