import fs from 'node:fs';
import path from 'node:path';
import knexFactory from 'knex';
import type { Page } from 'playwright-core';
import { backupConfig } from '../../activities/backup/backup.settings';
import { knexConfig } from '../../db/knexfile';
import { migrateLatest } from '../../db/migrate';
import { demoEmail } from '../../db/seeds/demo-tenants';
import { recordStoredBackups, takeBackup } from '../../domain/backup/backup-service';
import { onDatabase } from '../../domain/backup/database-copy';
import { axeSerious, settle } from '../support/axe';
import { expectEventually, signIn, startBrowserStack, watchCsp, type BrowserStack } from '../support/browser';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * « Sauvegardes » in Chromium (issue 15, ADR 0020). The backup shown is one of a small database
 * of this file's own (migrated, empty: cheap), in a backup location of its own that the run's
 * worker reads; an administrator starts a restore drill from the button and reads it pass.
 * axe finds no critical or serious violation.
 */
describe('the backups page in the browser', () => {
  let stack: BrowserStack;
  let tenant: OwnTenant;
  let setName: string;
  const database = `relais_backups_page_${process.pid}`;
  const location = path.join(process.env.RELAIS_DATA_DIR!, `backups-page-${process.pid}`);
  const before = { dir: process.env.RELAIS_BACKUP_DIR, tenants: process.env.RELAIS_BACKUP_ALERT_TENANTS };

  beforeAll(async () => {
    // The run's worker reads its backup settings at each activity: this location, and alerts to nobody else's organisation.
    process.env.RELAIS_BACKUP_DIR = location;
    stack = await startBrowserStack();
    tenant = await createOwnTenant(stack.t.admin, 'backups-page', ['psa']);
    process.env.RELAIS_BACKUP_ALERT_TENANTS = tenant.slug;
    await stack.t.admin.raw(`create database ${database}`);
    const adminUrl = onDatabase(process.env.DATABASE_ADMIN_URL!, database);
    await migrateLatest(adminUrl);
    const small = knexFactory(knexConfig(adminUrl, 1));
    try {
      const config = backupConfig({ ...process.env, DATABASE_ADMIN_URL: adminUrl });
      setName = (await takeBackup(small, config.settings, new Date())).name;
      await recordStoredBackups(stack.t.admin, config.settings);
    } finally {
      await small.destroy();
    }
  }, 180_000);

  afterAll(async () => {
    await stack?.t.admin.raw(`drop database if exists ${database} with (force)`).catch(() => undefined);
    await stack?.close();
    fs.rmSync(location, { recursive: true, force: true });
    // Jest reuses this process for other files: they get the run's settings back.
    for (const [key, value] of [['RELAIS_BACKUP_DIR', before.dir], ['RELAIS_BACKUP_ALERT_TENANTS', before.tenants]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  async function expectAccessible(page: Page, where: string): Promise<void> {
    await settle(page);
    expect({ where, findings: await axeSerious(page) }).toEqual({ where, findings: [] });
  }

  it('lists the backup with its size and location, and « Lancer un test de restauration » ends with the drill passed', async () => {
    const page = await signIn(stack, demoEmail('admin', tenant.slug));
    const csp = watchCsp(page.context());
    await page.getByTestId('nav-backups').click();
    await page.waitForURL(/\/backups/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Sauvegardes');
    const row = page.getByTestId('backups-list').locator('tr', { hasText: setName });
    expect(await row.innerText()).toContain(`dir:${location}`);
    expect(await row.innerText()).toMatch(/\d+(,\d)?\s(o|Ko|Mo)/);
    await expectAccessible(page, 'backups, listed');

    await page.getByRole('button', { name: 'Lancer un test de restauration' }).click();
    await expectEventually(() => page.getByTestId('backups-drill-outcome').innerText(), (text) => expect(text).toBe('Réussi'), 120_000);
    expect(await page.getByTestId('backups-drill').innerText()).toContain(`Sauvegarde ${setName}`);
    expect(await page.getByTestId('backups-drill').innerText()).toContain('à la demande');
    await expectAccessible(page, 'backups, drill passed');
    expect(csp).toEqual([]);
  }, 180_000);
});
