/**
 * `bench/billing`: issue and render 1,000 invoices.
 *
 *   npm run bench:billing
 *   (smaller: BENCH_BILLING_N=200 npm run bench:billing)
 *
 * 1. Starts its own PostgreSQL (fresh directory under .relais/bench/), migrates, and creates one
 *    telecom organisation with a complete legal profile, one business client and BENCH_BILLING_N draft
 *    invoices of five lines (three VAT rates, a discount, a decimal quantity), as the accounting role.
 * 2. End to end, one invoice after the other, each in its own transaction as the application's role
 *    (row-level security on): issueInvoice (gapless number drawn in the transaction, totals and
 *    parties frozen), documentViewOf (the frozen view), renderDocumentPdf (PDF/A-3 with the Factur-X
 *    EN 16931 XML embedded). The numbers are then checked consecutive.
 * 3. Baseline in the same run: rendering alone, renderDocumentPdf over the same N frozen views.
 * Prints invoices per second for each, their ratio, the split of an invoice's time between issuing
 * and rendering, this process's CPU time per invoice (PostgreSQL's is not counted), and the load
 * average beside every figure (the machine may be shared); writes a JSON
 * copy under .relais/bench/. No Temporal: issuing is a database transaction, rendering pure CPU.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { knexConfig } from '../../db/knexfile';
import { migrateLatest } from '../../db/migrate';
import { ensureTenant, ensureUser } from '../../db/seed';
import { withTenant } from '../../db/tenant-scope';
import { billingProfileInput } from '../../domain/billing/billing.schema';
import type { BillingDocumentView } from '../../domain/billing/document-view';
import { documentViewOf } from '../../domain/billing/document-view-of';
import { issueInvoice } from '../../domain/billing/invoice-actions';
import { saveProfile } from '../../domain/billing/profile';
import { renderDocumentPdf } from '../../domain/billing/render/document-pdf';
import { billingInvoices } from '../../domain/billing/resources';
import { createRecord, type RequestContext } from '../../domain/core/record-service';
import { buildAbility } from '../../domain/identity/ability';
import { loadPrincipal } from '../../domain/identity/principal';
import { rolesForVerticals } from '../../domain/identity/role-catalogue';
import { freePort } from '../../scripts/services/ports';
import { ensureAppLogin, startEmbeddedPostgres } from '../../scripts/services/postgres';
import { BUYER_ACCOUNT, INVOICE_LINES, invoiceView, LEGAL_PROFILE } from '../../test/support/billing-views';

const ROOT = path.resolve(__dirname, '../..');
const log = (line: string) => process.stdout.write(`${line}\n`);
/** The machine's load average (1, 5, 15 minutes), printed beside every figure. */
const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw ? Number(raw.replace(/_/g, '')) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be an integer ≥ 1 (got "${raw}").`);
  return value;
}


interface Figures { seconds: number; perSecond: number; cpuMsPerInvoice: number; load: string }
/** This process's CPU time so far (user + system), in ms: on a shared machine, what a measure really cost. */
const cpuMs = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };
const figures = (n: number, seconds: number, cpu: number): Figures => ({ seconds, perSecond: n / seconds, cpuMsPerInvoice: cpu / n, load: loadAverage() });

export async function runBillingBench(): Promise<Record<string, unknown>> {
  const n = intEnv('BENCH_BILLING_N', 1000);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = path.join(ROOT, '.relais', 'bench', `billing-${stamp}`);
  fs.mkdirSync(dir, { recursive: true });
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: await freePort(), password: crypto.randomBytes(12).toString('hex'), database: 'relais_bench' });
  const admin = knexFactory(knexConfig(pg.adminUrl, 2));
  let knex: Knex | undefined;
  try {
    await migrateLatest(pg.adminUrl);
    knex = knexFactory(knexConfig(await ensureAppLogin(pg.adminUrl, 'relais_bench_app', crypto.randomBytes(12).toString('hex')), 4));
    const slug = 'bench-billing';
    const tenantId = await ensureTenant(admin, { slug, name: 'Bench Billing', verticals: ['telecom'] });
    const role = rolesForVerticals(['telecom']).find((r) => r.key === 'accounting')!;
    const userId = await ensureUser(admin, tenantId, { email: `accounting@${slug}.bench`, displayName: 'Bench accounting', type: role.userType, passwordHash: 'unused', roleKeys: [role.key] });
    const as = <T>(fn: (ctx: RequestContext) => Promise<T>) => withTenant({ tenantId, userId }, async (trx) => {
      const principal = (await loadPrincipal(trx, tenantId, userId))!;
      return fn({ trx, principal, ability: buildAbility(principal) });
    }, knex);

    await as((ctx) => saveProfile(ctx, billingProfileInput.parse(LEGAL_PROFILE), 0));
    const [account] = await admin('accounts').insert({ tenantId, number: 1, ...BUYER_ACCOUNT }).returning('id');
    const accountId = String(account.id);
    const drafts: string[] = [];
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      drafts.push(String((await as((ctx) => createRecord(ctx, billingInvoices, { accountId, lines: INVOICE_LINES }))).id));
    }
    await admin.raw('analyze');
    log(`PostgreSQL up; ${n} draft invoices of ${INVOICE_LINES.length} lines written in ${((performance.now() - t0) / 1000).toFixed(1)} s; load ${loadAverage()}.`);

    // Warm-up (code compiled, fonts' code paths taken), so that neither measure pays for it.
    for (let i = 0; i < 5; i++) await renderDocumentPdf(invoiceView());

    // End to end: issue (number, totals, frozen parties), the frozen view, the Factur-X PDF.
    const views: BillingDocumentView[] = [];
    const numbers: string[] = [];
    let issuing = 0;
    let rendering = 0;
    let bytes = 0;
    const e0 = performance.now();
    const c0 = cpuMs();
    for (const id of drafts) {
      const i0 = performance.now();
      const view = await as(async (ctx) => {
        await issueInvoice(ctx, id);
        return documentViewOf(ctx, 'invoice', id);
      });
      const r0 = performance.now();
      const pdf = await renderDocumentPdf(view);
      rendering += performance.now() - r0;
      issuing += r0 - i0;
      bytes += pdf.length;
      views.push(view);
      numbers.push(view.number!);
    }
    const endToEnd = figures(n, (performance.now() - e0) / 1000, cpuMs() - c0);
    log(`a. issue + view + PDF (Factur-X): ${n} invoices in ${endToEnd.seconds.toFixed(1)} s → ${endToEnd.perSecond.toFixed(2)} invoices/s, ${endToEnd.cpuMsPerInvoice.toFixed(0)} ms of this process's CPU per invoice (load ${endToEnd.load})`);
    log(`   per invoice: issue and view ${(issuing / n).toFixed(1)} ms, rendering ${(rendering / n).toFixed(1)} ms; PDF ${(bytes / n / 1024).toFixed(1)} KiB on average`);
    const sequence = numbers.map((number) => Number(number.split('-').pop()));
    const consecutive = sequence.every((value, index) => index === 0 || value === sequence[index - 1]! + 1);
    const expectedTotal = views.every((view) => view.totals.totalIncludingTaxCents === 465_821);
    log(`   numbers ${numbers[0]} … ${numbers[n - 1]}: ${consecutive ? 'consecutive, no gap' : 'NOT CONSECUTIVE'}; every total 4 658,21 €: ${expectedTotal ? 'yes' : 'NO'}`);

    // Baseline: rendering alone, the same frozen views.
    const b0 = performance.now();
    const d0 = cpuMs();
    for (const view of views) await renderDocumentPdf(view);
    const renderOnly = figures(n, (performance.now() - b0) / 1000, cpuMs() - d0);
    log(`b. rendering alone (same views): ${n} PDFs in ${renderOnly.seconds.toFixed(1)} s → ${renderOnly.perSecond.toFixed(2)} invoices/s, ${renderOnly.cpuMsPerInvoice.toFixed(0)} ms of CPU per invoice (load ${renderOnly.load})`);
    const ratio = endToEnd.perSecond / renderOnly.perSecond;
    log(`   end to end runs at ${(ratio * 100).toFixed(0)} % of rendering alone (ratio ${ratio.toFixed(2)}); ${os.cpus().length} cores, load ${loadAverage()}`);

    const result = { n, endToEnd, renderOnly, ratio, perInvoiceMs: { issueAndView: issuing / n, rendering: rendering / n }, consecutive, expectedTotal, machine: { cores: os.cpus().length, node: process.version } };
    fs.writeFileSync(path.join(dir, 'result.json'), JSON.stringify(result, null, 2));
    if (!consecutive || !expectedTotal) throw new Error('The issued invoices are not what they should be (see above).');
    return result;
  } finally {
    await knex?.destroy();
    await admin.destroy();
    await pg.stop();
  }
}

if (require.main === module) {
  runBillingBench().then(
    () => process.exit(0),
    (error: Error) => { process.stderr.write(`${error.stack ?? error.message}\n`); process.exit(1); },
  );
}
