import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DRAFT_MARK } from '../../domain/audits/assistant-rules';
import { testContext, type TestContext } from '../support/api';
import { auditFirms, auditMission, type AuditFirms } from '../support/audits-fixtures';
import { asUser } from '../support/http';

/**
 * The local assistant (issue 16, docs/adr/0037-local-assistant.md) through the API, in two organisations of
 * this file's own: suggestions for what an auditor captured cite only the organisation's own catalogue and
 * library (another's check points, written to match better, are never cited); an auditor not on the mission,
 * a candidate and another organisation get 404; decisions are kept once; drafts are marked; the settings
 * refuse a public host with a French 422 changing nothing, and with a loopback Ollama the model's answer is
 * kept only where it cites a retrieved source, the prompt holding only the sources and the context.
 */
const CAPTURED = 'Salle serveur : Windows Server 2012 R2 (contrôleur de domaine), partage SMBv1 actif sur le NAS de sauvegarde.';

describe('/api/v1/assistant', () => {
  let t: TestContext;
  let f: AuditFirms;
  let mine: string;
  let notMine: string;
  let ownIds: Set<string>;
  let foreignIds: string[];
  let libraryId: string;

  const api = (token: string) => asUser(t.app, token);
  const suggest = (token: string, missionId: string, text = CAPTURED) => api(token).post('/api/v1/assistant/suggest', { missionId, context: { text } });

  beforeAll(async () => {
    t = testContext();
    f = await auditFirms(t, 'assistant');
    mine = await auditMission(t.admin, f.firm, 1, [f.firm.userIds.auditor!]);
    notMine = await auditMission(t.admin, f.firm, 2, []);
    const points = await t.admin('auditCheckPoints').insert([
      { tenantId: f.firm.tenantId, code: 'SRV-01', scope: 'servers', title: 'Systèmes d’exploitation maintenus par leur éditeur', guidance: 'Relever les versions de Windows Server ; un système en fin de support ne reçoit plus de correctif.' },
      { tenantId: f.firm.tenantId, code: 'RES-04', scope: 'network', title: 'Protocole SMBv1 désactivé', guidance: 'Vérifier la désactivation de SMBv1 sur les serveurs de partage.' },
      { tenantId: f.firm.tenantId, code: 'SAV-01', scope: 'servers', title: 'Sauvegardes hors ligne et restauration testée', guidance: 'Demander le dernier test de restauration.' },
      { tenantId: f.firm.tenantId, code: 'SEN-01', scope: 'awareness', title: 'Sensibilisation annuelle du personnel' },
    ]).returning('id');
    const [library] = await t.admin('auditLibraryFindings').insert({
      tenantId: f.firm.tenantId, title: 'Serveurs en fin de support', description: 'Des serveurs Windows Server 2012 ne reçoivent plus de correctifs de sécurité.',
      risk: 'Compromission par une vulnérabilité publique.', recommendation: 'Migrer vers une version maintenue ou isoler.', references: ['ANSSI mesure 34'],
    }).returning('id');
    libraryId = library.id;
    ownIds = new Set([...points.map((p: { id: string }) => p.id), libraryId]);
    // Another organisation's catalogue, written to match the capture even better: never cited.
    foreignIds = (await t.admin('auditCheckPoints').insert([
      { tenantId: f.other.tenantId, code: 'WIN-01', scope: 'servers', title: 'Windows Server 2012 R2 SMBv1 contrôleur de domaine fin de support', guidance: 'Windows Server 2012 SMBv1 NAS sauvegarde partage' },
    ]).returning('id')).map((p: { id: string }) => p.id);
    await auditMission(t.admin, f.other, 1, []);
  });
  afterAll(() => t.close());

  it('suggests from the organisation’s own catalogue and library only, each suggestion citing its source, stored sealed', async () => {
    const res = await suggest(f.auditor, mine).expect(200);
    expect(res.body.provider).toBe('embedded');
    const suggestions = res.body.suggestions as Array<{ id: string; text: string; kind: string; status: string; source: { kind: string; id: string; title: string } }>;
    expect(suggestions.length).toBeGreaterThanOrEqual(3);
    for (const s of suggestions) {
      expect(['check-point', 'library-finding']).toContain(s.source.kind);
      expect(ownIds.has(s.source.id)).toBe(true);
      expect(foreignIds).not.toContain(s.source.id);
      expect(s.status).toBe('proposed');
    }
    expect(suggestions.find((s) => s.kind === 'analysis' && s.text.startsWith('Vous avez relevé « Windows Server 2012 R2 »'))).toBeDefined();
    expect(suggestions.map((s) => s.source.title)).toEqual(expect.arrayContaining(['SRV-01 — Systèmes d’exploitation maintenus par leur éditeur', 'RES-04 — Protocole SMBv1 désactivé', 'Serveurs en fin de support']));
    // Prompt and answer stored only in this organisation's database, sealed at rest.
    const rows = await t.admin('assistantSuggestions').where({ missionId: mine });
    expect(rows).toHaveLength(suggestions.length);
    for (const r of rows) {
      expect(r.tenantId).toBe(f.firm.tenantId);
      expect(`${r.promptSealed} ${r.answerSealed}`).not.toMatch(/Windows|SMBv1|Vous avez/);
    }
    // The mission lead sees them (provenance); the checklist's own check points are not suggested again.
    await t.admin('auditMissionChecks').insert({ tenantId: f.firm.tenantId, missionId: mine, checkPointId: [...ownIds][1], code: 'RES-04', scope: 'network', catalogueVersion: 1, title: 'Protocole SMBv1 désactivé' });
    const again = (await suggest(f.lead, mine).expect(200)).body.suggestions as Array<{ source: { title: string } }>;
    expect(again.map((s) => s.source.title)).not.toContain('RES-04 — Protocole SMBv1 désactivé');
    expect((await api(f.lead).get(`/api/v1/assistant/suggestions?missionId=${mine}`).expect(200)).body.items).toHaveLength(suggestions.length + again.length);
  });

  it('answers 404 to whoever does not see the mission and refuses bad input in French, storing nothing', async () => {
    const before = await t.admin('assistantSuggestions').count({ n: '*' }).first();
    const hidden = await suggest(f.auditor, notMine).expect(404);
    expect(hidden.body.detail).toBe('Cette mission n’existe pas ou ne vous est pas confiée');
    await suggest(f.candidate, mine).expect(404);
    await suggest(f.otherLead, mine).expect(404);
    await suggest(f.lead, crypto.randomUUID()).expect(404);
    const bad = await api(f.auditor).post('/api/v1/assistant/suggest', { missionId: 'x', context: { text: 42 }, extra: 1 }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['missionId', 'context.text']));
    expect(bad.body.detail).toMatch(/^[A-ZÀ-Ü]/);
    await api(f.auditor).get('/api/v1/assistant/suggestions?missionId=nope').expect(400);
    await api(f.auditor).get(`/api/v1/assistant/suggestions?missionId=${notMine}`).expect(404);
    expect(await t.admin('assistantSuggestions').count({ n: '*' }).first()).toEqual(before);
  });

  it('keeps each decision once: accepted, edited with the kept text, rejected', async () => {
    const [a, b, c] = (await suggest(f.auditor, mine, 'Windows Server 2012 et SMBv1, sauvegardes sur NAS').expect(200)).body.suggestions as Array<{ id: string; text: string }>;
    const decision = (token: string, id: string, body: object) => api(token).post(`/api/v1/assistant/suggestions/${id}/decision`, body);
    const accepted = (await decision(f.auditor, a!.id, { decision: 'accept' }).expect(200)).body;
    expect(accepted).toMatchObject({ status: 'accepted', text: a!.text, draft: false, decidedBy: f.firm.userIds.auditor });
    await decision(f.auditor, b!.id, { decision: 'edit' }).expect(400);
    await decision(f.auditor, b!.id, { decision: 'edit', text: '   ' }).expect(400);
    const edited = (await decision(f.auditor, b!.id, { decision: 'edit', text: 'Vérifier SMBv1 sur le NAS de sauvegarde uniquement.' }).expect(200)).body;
    expect(edited).toMatchObject({ status: 'edited', text: 'Vérifier SMBv1 sur le NAS de sauvegarde uniquement.', proposed: b!.text });
    await decision(f.otherLead, c!.id, { decision: 'reject' }).expect(404);
    expect((await decision(f.lead, c!.id, { decision: 'reject' }).expect(200)).body).toMatchObject({ status: 'rejected', decidedBy: f.firm.userIds['mission-lead'] });
    const again = await decision(f.auditor, a!.id, { decision: 'reject' }).expect(409);
    expect(again.body.detail).toMatch(/^Cette suggestion a déjà été acceptée/);
    await decision(f.auditor, 'nope', { decision: 'accept' }).expect(404);
    const items = (await api(f.auditor).get(`/api/v1/assistant/suggestions?missionId=${mine}`).expect(200)).body.items as Array<{ id: string; status: string; text: string }>;
    expect(items.filter((i) => [a!.id, b!.id, c!.id].includes(i.id)).map((i) => i.status).sort()).toEqual(['accepted', 'edited', 'rejected']);
  });

  it('drafts a finding and the executive summary, marked as drafts', async () => {
    const finding = (await api(f.auditor).post('/api/v1/assistant/draft', { missionId: mine, kind: 'finding', libraryFindingId: libraryId, context: { text: 'SRV-AD01 sous Windows Server 2012' } }).expect(201)).body.suggestion;
    expect(finding).toMatchObject({ kind: 'finding-draft', draft: true, source: { kind: 'library-finding', id: libraryId } });
    expect(finding.text.startsWith(DRAFT_MARK)).toBe(true);
    expect(finding.text).toContain('Recommandation : Migrer vers une version maintenue ou isoler.');
    await t.admin('auditFindings').insert([
      { id: crypto.randomUUID(), tenantId: f.firm.tenantId, missionId: mine, createDigest: 'x1', title: 'Contrôleur de domaine en fin de support', severity: 'critical', severityMethod: 'grid', likelihood: 4, impact: 4, libraryFindingId: libraryId },
      { id: crypto.randomUUID(), tenantId: f.firm.tenantId, missionId: mine, createDigest: 'x2', title: 'Affichage des mots de passe', severity: 'medium', severityMethod: 'grid', likelihood: 2, impact: 2 },
    ]);
    const summary = (await api(f.lead).post('/api/v1/assistant/draft', { missionId: mine, kind: 'summary' }).expect(201)).body.suggestion;
    expect(summary).toMatchObject({ kind: 'summary-draft', draft: true, source: { kind: 'library-finding', id: libraryId } });
    expect(summary.text).toContain('2 constats relevés : 1 de gravité critique, 1 de gravité moyenne.');
    expect(summary.text).toContain('- Contrôleur de domaine en fin de support (gravité critique)');
    await api(f.auditor).post('/api/v1/assistant/draft', { missionId: notMine, kind: 'summary' }).expect(404);
    await api(f.auditor).post('/api/v1/assistant/draft', { missionId: mine, kind: 'finding', libraryFindingId: foreignIds[0] }).expect(422);
  });

  it('goes with the mission’s data: erased texts read empty, and the rows leave with the mission', async () => {
    const third = await auditMission(t.admin, f.firm, 3, [f.firm.userIds.auditor!]);
    const made = ((await suggest(f.auditor, third).expect(200)).body.suggestions as Array<{ id: string }>).map((m) => m.id);
    expect(made.length).toBeGreaterThan(0);
    // As the anonymisation's erase operator leaves a `not null` text column: empty.
    await t.admin('assistantSuggestions').where({ missionId: third }).update({ promptSealed: '', answerSealed: '' });
    const erased = (await api(f.lead).get(`/api/v1/assistant/suggestions?missionId=${third}`).expect(200)).body.items as Array<{ id: string; text: string; proposed: string }>;
    expect(erased.map((e) => [e.id, e.text, e.proposed]).sort()).toEqual(made.map((id) => [id, '', '']).sort());
    await t.admin('auditMissions').where({ id: third }).delete();
    expect(await t.admin('assistantSuggestions').where({ missionId: third })).toEqual([]);
  });

  it('refuses a public host with a French 422 changing nothing; the administration alone may allow one, audited', async () => {
    await api(f.auditor).get('/api/v1/assistant/settings').expect(403);
    expect((await api(f.lead).get('/api/v1/assistant/settings').expect(200)).body).toMatchObject({ provider: 'embedded', host: null, version: 0 });
    for (const host of ['8.8.8.8', 'http://8.8.8.8:11434', '[2001:4860:4860::8888]:11434', '169.254.169.254']) {
      const refused = await api(f.lead).put('/api/v1/assistant/settings', { provider: 'ollama', host, model: 'mistral' }).expect(422);
      expect(refused.body.detail).toMatch(/^Cet hôte mène à Internet/);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'host' })]);
    }
    await api(f.lead).put('/api/v1/assistant/settings', { provider: 'ollama', host: 'ftp://x', model: 'mistral' }).expect(422);
    await api(f.lead).put('/api/v1/assistant/settings', { provider: 'ollama' }).expect(422);
    // The convention: `{ provider, host }` alone, a public host refused the same way.
    expect((await api(f.lead).put('/api/v1/assistant/settings', { provider: 'ollama', host: '8.8.8.8' }).expect(422)).body.detail).toMatch(/^Cet hôte mène à Internet/);
    await api(f.lead).put('/api/v1/assistant/settings', { provider: 'gpt', host: 3 }).expect(400);
    expect((await api(f.lead).put('/api/v1/assistant/settings', { provider: 'ollama', host: '8.8.8.8', model: 'mistral', allowPublicHost: true }).expect(403)).body.detail)
      .toBe('Seul le service administratif peut autoriser un hôte public pour l’assistant');
    expect(await t.admin('assistantSettings').where({ tenantId: f.firm.tenantId })).toEqual([]);
    expect(await t.admin('auditLog').where({ tenantId: f.firm.tenantId }).where('action', 'like', 'assistant.%')).toEqual([]);

    const allowed = (await api(f.administration).put('/api/v1/assistant/settings', { provider: 'ollama', host: '8.8.8.8', model: 'mistral', allowPublicHost: true }).expect(200)).body;
    expect(allowed).toMatchObject({ provider: 'ollama', host: '8.8.8.8', publicHostAllowed: { by: f.firm.userIds.administration } });
    const back = (await api(f.lead).put('/api/v1/assistant/settings', { provider: 'embedded' }).expect(200)).body;
    expect(back).toMatchObject({ provider: 'embedded', host: null, publicHostAllowed: null, version: 2 });
    expect(await t.admin('auditLog').where({ tenantId: f.firm.tenantId }).where('action', 'like', 'assistant.%').orderBy('id').pluck('action'))
      .toEqual(['assistant.settings.public-host-allowed', 'assistant.settings.update']);
  });

  it('with a loopback Ollama: sends only the retrieved sources and the context, keeps only what cites a real source', async () => {
    const received: Array<Record<string, unknown>> = [];
    let answer = '';
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
      req.on('end', () => {
        received.push({ url: req.url, ...JSON.parse(body) });
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ model: 'mistral', created_at: new Date().toISOString(), message: { role: 'assistant', content: answer }, done: true }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      await api(f.lead).put('/api/v1/assistant/settings', { provider: 'ollama', host: `127.0.0.1:${port}`, model: 'mistral' }).expect(200);
      const srv01 = (await t.admin('auditCheckPoints').where({ tenantId: f.firm.tenantId, code: 'SRV-01' }).first('id')).id;
      answer = JSON.stringify({ suggestions: [
        { text: 'Le contrôleur de domaine sous Windows Server 2012 R2 n’a plus de correctifs : vérifier son isolement.', sources: [srv01] },
        { text: 'Suggestion inventée', sources: [crypto.randomUUID()] },
        { text: 'Citant une autre organisation', sources: [foreignIds[0]] },
        { text: 'Sans source' },
      ] });
      const res = (await suggest(f.auditor, mine).expect(200)).body;
      expect(res).toMatchObject({ provider: 'ollama', notice: null });
      expect(res.suggestions).toEqual([expect.objectContaining({ kind: 'check', text: expect.stringMatching(/^Le contrôleur de domaine/), source: expect.objectContaining({ kind: 'check-point', id: srv01 }) })]);
      expect(received).toHaveLength(1);
      const sent = received[0] as { url: string; model: string; stream: boolean; messages: Array<{ role: string; content: string }> };
      expect(sent).toMatchObject({ url: '/api/chat', model: 'mistral', stream: false });
      const user = sent.messages[1]!.content;
      expect(user.endsWith(`RELEVÉS DE LA MISSION\n${CAPTURED}`)).toBe(true);
      const cited = [...user.matchAll(/^\[([0-9a-f-]{36})\]/gm)].map((m) => m[1]!);
      expect(cited.length).toBeGreaterThan(0);
      for (const id of cited) expect(ownIds.has(id)).toBe(true);
      expect(user).not.toContain('Audit de la mairie');

      // The model away: the embedded suggestions stand in, said so.
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      const fallback = (await suggest(f.auditor, mine).expect(200)).body;
      expect(fallback.provider).toBe('embedded');
      expect(fallback.notice).toMatch(/^Le modèle local n’a pas répondu/);
      expect(fallback.suggestions.length).toBeGreaterThan(0);
    } finally {
      if (server.listening) server.close();
    }
  });
});
