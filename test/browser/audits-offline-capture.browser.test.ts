import request from 'supertest';
import type { BrowserContext, Page } from 'playwright-core';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { loginAs } from '../support/api';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signInOn, startBrowserStack, waitShowing, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The capture on site (issue 16, ADR 0036) on a tablet in Chromium, against the real API: the auditor
 * opens the mission (the service worker keeps the app), the network goes, he records a server met,
 * an observation and a finding; the page reloads without network from the service worker and still
 * shows them waiting; the network comes back, « Synchronisé », and the server holds each exactly once.
 * Then the mission lead changes that server while the tablet is offline and edited it too: the
 * conflict prompt shows both, and the answer (one field theirs, one mine) reaches the server. axe finds
 * no critical or serious violation on the capture page nor its conflict prompt.
 */
const TABLET_PORTRAIT = { width: 1024, height: 1366 };
const TABLET_LANDSCAPE = { width: 1366, height: 1024 };
/** A 1 × 1 PNG: the photo « taken » by the tablet's camera. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('audits: offline capture on a tablet', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  let missionId: string;
  let context: BrowserContext;
  let page: Page;

  const base = () => `/api/v1/audits/missions/${missionId}`;
  const api = async (role: string) => {
    const { accessToken } = await loginAs(stack.t.app, role, tenant.slug);
    return {
      get: (url: string) => request(stack.t.app).get(url).set('Authorization', `Bearer ${accessToken}`),
      patch: (url: string, body: object, version: string) => request(stack.t.app).patch(url).set('Authorization', `Bearer ${accessToken}`).set('If-Match', version).send(body),
    };
  };
  const status = () => page.getByTestId('capture-sync-status');
  const waitStatus = async (state: string, text?: RegExp) => {
    await page.locator(`[data-testid="capture-sync-status"][data-status="${state}"]`).waitFor({ timeout: 60_000 });
    // The state may already be the one awaited, with another count: the text is awaited too.
    if (text) await expectEventually(() => status().innerText(), (shown) => expect(shown).toMatch(text));
  };
  async function expectAccessible(where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'offline', ['audits']);
    const admin = stack.t.admin;
    const [account] = await admin('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Mairie de Quimper' }).returning('id');
    const [mission] = await admin('auditMissions').insert({
      tenantId: tenant.tenantId, number: 1, accountId: account.id, title: 'Audit de sécurité 2026', status: 'on_site',
      scopes: ['network', 'servers'], leadId: tenant.userIds['mission-lead'], auditorIds: [tenant.userIds.auditor],
    }).returning('id');
    missionId = mission.id;
    const [site] = await admin('sites').insert({ tenantId: tenant.tenantId, accountId: account.id, name: 'Hôtel de ville', city: 'Quimper' }).returning('id');
    await admin('auditMissionSites').insert({ tenantId: tenant.tenantId, missionId, siteId: site.id });
    context = await stack.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: TABLET_PORTRAIT, hasTouch: true });
    page = await context.newPage();
  }, 120_000);

  afterAll(() => stack?.close());

  it('captures offline, reloads offline from the service worker, and sends everything exactly once when the network returns', async () => {
    await signInOn(page, stack.base, demoEmail('auditor', tenant.slug));
    await page.goto(`${stack.base}/audits/missions/${missionId}/capture`);
    await waitShowing(page, page.getByTestId('capture-mission'));
    expect(await page.getByTestId('capture-mission').innerText()).toContain('Audit de sécurité 2026');
    await waitStatus('synced', /Synchronisé/);
    // The service worker took the page (the built app is kept).
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 60_000 });
    await expectAccessible('capture page');

    await context.setOffline(true);
    await waitStatus('offline', /Hors ligne/);
    // The hardware met (type « Serveur » by default).
    await page.getByTestId('inventory-brand').fill('Dell');
    await page.getByTestId('inventory-model').fill('PowerEdge R720 — Windows Server 2012 R2');
    await page.getByTestId('inventory-serial').fill('CZJ4821');
    await page.getByTestId('inventory-location').fill('Local technique');
    await page.getByTestId('inventory-networkAddress').fill('10.0.12.4');
    await page.getByTestId('inventory-owner').fill('Jean Dupont');
    await page.getByTestId('inventory-save').click();
    await waitStatus('offline', /Hors ligne — 1 modification en attente/);
    // An observation.
    await page.getByTestId('capture-section-observations').click();
    await page.getByTestId('observations-body').fill('La salle serveur n’est pas fermée à clé.');
    await page.getByTestId('observations-peopleMet').fill('M. Riou, responsable informatique');
    await page.getByTestId('observations-save').click();
    await waitStatus('offline', /2 modifications en attente/);
    // A finding rated on the likelihood × impact grid.
    await page.getByTestId('capture-section-findings').click();
    await page.getByTestId('findings-title').fill('SMBv1 activé sur le serveur de fichiers');
    await page.getByTestId('findings-description').fill('Le protocole SMBv1 répond sur 10.0.12.4.');
    await page.getByTestId('findings-likelihood').click();
    await page.getByRole('listbox', { name: 'Vraisemblance' }).getByRole('option').nth(2).click();
    await page.getByTestId('findings-impact').click();
    await page.getByRole('listbox', { name: 'Impact' }).getByRole('option').nth(3).click();
    expect(await page.getByTestId('findings-severity').getAttribute('data-severity')).toBe('critical');
    await page.getByTestId('findings-save').click();
    await waitStatus('offline', /Hors ligne — 3 modifications en attente/);
    // A photo from the camera.
    await page.getByTestId('capture-section-uploads').click();
    await page.getByTestId('uploads-caption').fill('Baie de brassage ouverte');
    await page.getByTestId('uploads-camera-input').setInputFiles({ name: 'baie.png', mimeType: 'image/png', buffer: PHOTO });
    await waitStatus('offline', /Hors ligne — 4 modifications en attente/);
    // Shown from the device's sealed copy.
    expect(await page.getByTestId('capture-upload-thumb').getAttribute('alt')).toBe('Baie de brassage ouverte');

    // A reload without network: the service worker serves the app, the device's copy the records.
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await waitShowing(page, page.getByTestId('capture-mission'));
    await waitStatus('offline', /Hors ligne — 4 modifications en attente/);
    await page.getByTestId('capture-section-uploads').click();
    await page.getByTestId('capture-upload-thumb').waitFor();
    await page.getByTestId('capture-section-inventory').click();
    const inventory = page.locator('[data-testid="capture-record"][data-kind="inventory"]');
    await inventory.waitFor();
    expect(await inventory.getAttribute('data-state')).toBe('pending');
    expect(await inventory.innerText()).toContain('CZJ4821');
    // The app opened at its root without network (the installed app, a new tab) comes back to the capture.
    await page.goto(`${stack.base}/`);
    await page.waitForURL((url) => url.pathname.endsWith('/capture'));
    await waitShowing(page, page.getByTestId('capture-mission'));
    await waitStatus('offline', /Hors ligne — 4 modifications en attente/);

    await context.setOffline(false);
    await waitStatus('synced', /Synchronisé/);
    expect(await inventory.getAttribute('data-state')).toBe('synced');

    const lead = await api('mission-lead');
    for (const kind of ['inventory', 'observations', 'findings', 'uploads']) {
      const list = await lead.get(`${base()}/${kind}`).expect(200);
      expect({ kind, count: list.body.items.length }).toEqual({ kind, count: 1 });
    }
    const [item] = (await lead.get(`${base()}/inventory`)).body.items;
    const detail = await lead.get(`${base()}/inventory/${item.id}`).expect(200);
    expect(detail.body).toMatchObject({ type: 'server', brand: 'Dell', serial: 'CZJ4821', networkAddress: '10.0.12.4', owner: 'Jean Dupont', location: 'Local technique', version: 1 });
    const [finding] = (await lead.get(`${base()}/findings`)).body.items;
    expect(finding).toMatchObject({ title: 'SMBv1 activé sur le serveur de fichiers', severity: 'critical', likelihood: 3, impact: 4 });
    const [photo] = (await lead.get(`${base()}/uploads`)).body.items;
    expect(photo).toMatchObject({ contentType: 'image/png', sizeBytes: PHOTO.length });
    const bytes = await lead.get(`${base()}/uploads/${photo.id}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(Buffer.compare(bytes.body as Buffer, PHOTO)).toBe(0);

    // Landscape too: every button, tab and field of the screen is at least 44 px high for a finger.
    await page.setViewportSize(TABLET_LANDSCAPE);
    const small = await page.getByTestId('capture-page').locator('button, [role="tab"], .v-field').evaluateAll((list) => list
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0 && box.height < 44)
      .map(({ el, box }) => `${el.getAttribute('data-testid') ?? el.className} ${Math.round(box.height)} px`));
    expect(small).toEqual([]);
    await page.setViewportSize(TABLET_PORTRAIT);
  });

  it('asks when someone else changed the same item meanwhile, and sends the answer field by field', async () => {
    const lead = await api('mission-lead');
    const [item] = (await lead.get(`${base()}/inventory`)).body.items;
    await context.setOffline(true);
    await waitStatus('offline');
    // The mission lead moves the server on the server side (version 2)…
    await lead.patch(`${base()}/inventory/${item.id}`, { location: 'Salle serveur B' }, '"1"').expect(200);
    // …while the auditor, offline, corrects its location and its user.
    await page.getByTestId('capture-section-inventory').click();
    await page.locator(`[data-testid="capture-record"][data-id="${item.id}"]`).getByTestId('capture-record-edit').click();
    await page.getByTestId('inventory-location').fill('Baie 3');
    await page.getByTestId('inventory-owner').fill('Yann Le Goff');
    await page.getByTestId('inventory-save').click();
    await waitStatus('offline', /1 modification en attente/);

    await context.setOffline(false);
    await waitStatus('conflict', /1 conflit à régler/);
    await page.locator(`[data-testid="capture-record"][data-id="${item.id}"]`).getByTestId('capture-record-resolve').click();
    const dialog = page.getByTestId('capture-conflict');
    await dialog.waitFor();
    const rows = dialog.getByTestId('capture-conflict-row');
    expect(await rows.evaluateAll((list) => list.map((r) => r.getAttribute('data-field')))).toEqual(['location', 'owner']);
    expect(await dialog.innerText()).toContain('Salle serveur B');
    await expectAccessible('conflict prompt');
    // Their location, my user.
    await dialog.getByTestId('capture-conflict-theirs-location').click();
    await dialog.getByTestId('capture-conflict-merge').click();
    await dialog.waitFor({ state: 'detached' });
    await waitStatus('synced', /Synchronisé/);

    await expectEventually(async () => (await lead.get(`${base()}/inventory/${item.id}`)).body, (row) => expect(row).toMatchObject({ location: 'Salle serveur B', owner: 'Yann Le Goff', serial: 'CZJ4821', version: 3 }));
    expect((await lead.get(`${base()}/inventory`)).body.items).toHaveLength(1);
  });

  it('signing out on the shared tablet warns of unsent changes, then destroys the auditor\'s local copy and its key', async () => {
    const databases = () => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('relais-capture:')));
    expect(await databases()).toHaveLength(1);
    await context.setOffline(true);
    await page.getByTestId('capture-section-observations').click();
    await page.getByTestId('observations-body').fill('Câblage non étiqueté dans la baie 3.');
    await page.getByTestId('observations-save').click();
    await waitStatus('offline', /1 modification en attente/);
    // Signing out now would lose it: the tablet asks, and « Annuler » keeps everything.
    const asked: string[] = [];
    page.once('dialog', (dialog) => { asked.push(dialog.message()); void dialog.dismiss(); });
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await expectEventually(async () => asked, (messages) => expect(messages).toEqual([expect.stringMatching(/^1 modification saisie n’est pas encore synchronisée/)]));
    expect(page.url()).toContain('/capture');
    expect(await databases()).toHaveLength(1);

    await context.setOffline(false);
    await waitStatus('synced', /Synchronisé/);
    page.on('dialog', (dialog) => { asked.push(dialog.message()); void dialog.dismiss(); });
    await page.keyboard.press('Escape');
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.waitForURL((url) => url.pathname.startsWith('/login'));
    await expectEventually(databases, (names) => expect(names).toEqual([]));
    expect(await page.evaluate(() => [localStorage.getItem('relais.capture.owner'), localStorage.getItem('relais.offline.last')])).toEqual([null, null]);
    expect(asked).toHaveLength(1);
    const lead = await api('mission-lead');
    expect((await lead.get(`${base()}/observations`)).body.items).toHaveLength(2);
  });
});
