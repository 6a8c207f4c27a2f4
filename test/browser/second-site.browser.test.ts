import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { Page } from 'playwright-core';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { knexConfig } from '../../db/knexfile';
import { ReplicaReads } from '../../db/replica-reads';
import { freePort } from '../../scripts/services/ports';
import { createStandby, startStandby, type StandbyHandle } from '../../scripts/services/replica';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, watchCsp, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * « Site de secours » in Chromium (issue 15, ADR 0021): the run's database gets a hot standby of
 * its own (scripts/services/replica.ts) which the app measures; an administrator opens the page
 * from the menu and reads the replica serving with its lag and its connected slot, then sees it
 * « Injoignable » once the standby is stopped, and the documents' replication (ADR 0031) behind, with
 * its pending files, its lag and the error. axe finds no critical or serious violation.
 */
describe('the second site page in the browser', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  let standby: StandbyHandle | undefined;
  let replicaKnex: Knex;
  let reads: ReplicaReads;
  const quiet = () => undefined;
  const documentsLocation = `dir:/mnt/second-site-${process.pid}/documents`;

  beforeAll(async () => {
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'second-site');
    const dataDir = path.join(process.env.RELAIS_DATA_DIR!, `second-site-${process.pid}-standby`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    await createStandby({ primaryAdminUrl: process.env.DATABASE_ADMIN_URL!, dataDir, replicationPassword: crypto.randomBytes(12).toString('hex'), slot: `second_site_${process.pid}` });
    const port = await freePort();
    standby = await startStandby({ dataDir, port });
    const url = new URL(process.env.DATABASE_URL!);
    url.port = String(port);
    replicaKnex = knexFactory({ ...knexConfig(url.toString(), 2), log: { warn: quiet, error: quiet, debug: quiet, deprecate: quiet } });
    reads = new ReplicaReads(stack.t.knex, replicaKnex, { maxLagSeconds: 5, sampleMs: 200 }).start();
    // The app reads its dependencies at each request: from now on it has a second site.
    stack.t.deps.replica = reads;
  }, 180_000);

  afterAll(async () => {
    await stack?.t.admin('documentsReplication').where({ location: documentsLocation }).delete();
    await reads?.close();
    await replicaKnex?.destroy();
    await standby?.stop();
    await stack?.t.admin.raw('select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = ?', [`second_site_${process.pid}`]).catch(() => undefined);
    await stack?.close();
  });

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }

  it('shows an administrator the replica serving with its lag and slot, then unreachable once stopped', async () => {
    const page = await signIn(stack, demoEmail('direction', tenant.slug));
    const csp = watchCsp(page.context());
    await page.getByTestId('nav-second-site').click();
    await page.waitForURL(/\/second-site/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Site de secours');
    await expectEventually(() => page.getByTestId('second-site-status').innerText(), (text) => expect(text).toBe('En service'));
    expect(await page.getByTestId('second-site-lag-seconds').innerText()).toMatch(/^\d+(,\d+)?\s?s$/);
    expect(await page.getByTestId('second-site-slots').innerText()).toContain('Connectée');
    await expectAccessible(page, 'second site, serving');

    // The documents' replication beside it (ADR 0031): a run that found the second site's share unmounted.
    await stack.t.admin('documentsReplication').insert({
      location: documentsLocation, lastRunAt: new Date(Date.now() - 3_600_000), lastSuccessAt: new Date(Date.now() - 3_660_000),
      files: 12, bytes: 4096, pendingFiles: 1, pendingBytes: 300, oldestPendingAt: new Date(Date.now() - 3_630_000), error: `${documentsLocation} is out of reach (not mounted?)`,
    });
    await expectEventually(() => page.getByTestId('second-site-documents').innerText(), (text) => {
      expect(text).toContain('1 fichier(s), 300 o');
      expect(text).toContain('12 fichier(s), 4 Ko');
      expect(text).toContain('out of reach');
    });
    expect(await page.getByTestId('second-site-documents-lag').innerText()).toMatch(/^\d[\d\s\u202f]*(,\d+)?\s?s$/);
    await expectAccessible(page, 'second site, documents behind');

    await standby!.stop();
    standby = undefined;
    await expectEventually(() => page.getByTestId('second-site-status').innerText(), (text) => expect(text).toBe('Injoignable'));
    await expectEventually(() => page.getByTestId('second-site-slots').innerText(), (text) => expect(text).toContain('Coupée'));
    await expectAccessible(page, 'second site, unreachable');
    expect(csp).toEqual([]);
  });

  it('has no such entry for a person who does not manage users', async () => {
    const page = await signIn(stack, demoEmail('support-n1', tenant.slug));
    await page.getByTestId('nav-drawer').waitFor();
    expect(await page.getByTestId('nav-second-site').count()).toBe(0);
  });
});
