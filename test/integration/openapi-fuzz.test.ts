import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { ensureSchemathesis } from '../../scripts/services/schemathesis';
import { toolsDir } from '../../scripts/services/temporal-binaries';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant } from '../support/fixtures';
import { ROOT } from '../support/paths';

/**
 * Schemathesis reads /api/v1/openapi.json and sends, for every operation, the
 * document's examples, its boundary and negative cases (coverage phase) and a
 * bounded number of generated requests (fuzzing phase), with a fixed seed, as
 * several roles of two organisations of their own (so nothing it writes meets
 * another test). The run must find no 5xx, no answer that breaks its documented
 * status, content type or schema, no undeclared method answered otherwise than
 * 405, and no request the document declares valid refused as malformed.
 */
const SEED = 20261203;
/**
 * Who fuzzes, and how much: the telecom administrator gets the coverage phase
 * (every boundary and negative case of every parameter, about 6,600 requests),
 * the events administrator, a manager and the accounting (billing's writer) the document's examples and a
 * few generated requests per operation, enough to walk their refusals (403) and what they may read. The
 * read-mostly support roles are not fuzzed (about 60 s each on two cores, for answers that are refusals):
 * the permission matrix (test/integration/permission-matrix.test.ts) sends them every record kind's
 * reads and writes, and their 403s are the same problem documents as the manager's.
 */
const RUNS = [
  { tenant: 'telecom', role: 'direction', phases: 'examples,coverage,fuzzing', maxExamples: 5 },
  { tenant: 'events', role: 'management', phases: 'examples,fuzzing', maxExamples: 3 },
  { tenant: 'telecom', role: 'manager', phases: 'examples,fuzzing', maxExamples: 2 },
  // The role that invoices: billing's writes (drafts, issue, payments, credit notes, quotes, the legal profile).
  { tenant: 'telecom', role: 'accounting', phases: 'examples,fuzzing', maxExamples: 2 },
] as const;
const CHECKS = ['not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance', 'unsupported_method'];
/**
 * Not checked: `positive_data_acceptance` (a request valid by the document's
 * JSON Schema must not answer 400). The zod schemas hold rules JSON Schema
 * cannot say (a real phone number, an end after the start, templateKey or
 * body but not both, a cursor this API wrote), so such requests are refused
 * with a 400 naming the field, as they should be. What it found that the
 * document could say is declared (If-Match's form, versions, query enums and
 * bounds) or accepted (empty query values), and proved below.
 *
 * Left out, and why:
 * - logout revokes the access token the run uses: every later request would answer 401;
 * - refresh and login are public and take no bearer token: the auth tests cover them, and
 *   fuzzing login only feeds the failed-attempts counter.
 */
const EXCLUDED_PATHS = ['/api/v1/auth/logout', '/api/v1/auth/refresh', '/api/v1/auth/login'];

interface Finding { role: string; operation: string; check: string; status?: number }

function decodeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function run(command: string, args: string[], cwd: string, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let output = '';
  child.stdout.on('data', (c: Buffer) => { output += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { output += c.toString(); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} did not finish within ${timeoutMs} ms:\n${output.slice(-4000)}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => { clearTimeout(timer); resolve({ code, output }); });
  });
}

describe('OpenAPI fuzz run (schemathesis)', () => {
  let t: TestContext;
  let server: Server;
  let baseUrl: string;
  let st: string;
  const reportRoot = path.join(process.env.RELAIS_DATA_DIR!, 'openapi-fuzz');
  /** Requests schemathesis generated per run (its summary), for the record. */
  const cases = new Map<string, number>();

  beforeAll(async () => {
    // The project's tools, not the test run's data dir (RELAIS_DATA_DIR points at the run's folder).
    st = ensureSchemathesis(toolsDir(path.join(ROOT, '.relais')));
    t = testContext();
    await new Promise<void>((resolve) => { server = t.app.listen(0, '127.0.0.1', () => resolve()); });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await t.close();
  });

  /** Creates a record through the API as `role` of the organisation and answers its id. */
  async function create(slug: string, role: string, url: string, body: object): Promise<string> {
    const { accessToken } = await loginAs(t.app, role, slug);
    const res = await request(t.app).post(url).set('Authorization', `Bearer ${accessToken}`).send(body);
    if (res.status !== 201 && res.status !== 200) throw new Error(`fixture ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  /**
   * A few records in the run's organisation, and where the run reads them: the
   * GET operations on `{id}` get these ids (random ones only ever find 404), so
   * their 200 answers are checked against the document too.
   */
  async function seedRecords(vertical: string, slug: string): Promise<Array<{ path: string; id: string }>> {
    if (vertical === 'events') {
      const client = await create(slug, 'sales', '/api/v1/events/clients', { fullName: 'Camille Martin', companyName: 'Martin & Fils' });
      const contract = await create(slug, 'management', '/api/v1/events/contracts', { clientId: client, totalAmountCents: 250_000 });
      await create(slug, 'management', `/api/v1/events/contracts/${contract}/sign`, {});
      const event = await create(slug, 'sales', '/api/v1/events/events', {
        contractId: contract, name: 'Mariage Martin', startsAt: '2030-06-01T14:00:00Z', endsAt: '2030-06-02T02:00:00Z',
      });
      return [
        ...['', '/history'].map((tail) => ({ path: `/api/v1/events/clients/{id}${tail}`, id: client })),
        ...['', '/history', '/payments'].map((tail) => ({ path: `/api/v1/events/contracts/{id}${tail}`, id: contract })),
        ...['', '/history'].map((tail) => ({ path: `/api/v1/events/events/{id}${tail}`, id: event })),
      ];
    }
    const account = await create(slug, 'manager', '/api/v1/accounts', { name: 'Boulangerie Martin' });
    const contact = await create(slug, 'manager', '/api/v1/contacts', { accountId: account, firstName: 'Camille', lastName: 'Martin' });
    const site = await create(slug, 'manager', '/api/v1/sites', { accountId: account, name: 'Atelier' });
    const billingSite = await create(slug, 'manager', '/api/v1/billing-sites', { accountId: account, name: 'Siège' });
    const template = await create(slug, 'manager', '/api/v1/comms/templates', {
      key: 'fuzz-rappel', language: 'fr', channel: 'sms', category: 'transactional', kind: 'contact.message', name: 'Rappel', body: 'Bonjour {{contact.firstName}}',
    });
    return [
      ...['', '/history', '/documents'].map((tail) => ({ path: `/api/v1/accounts/{id}${tail}`, id: account })),
      ...['', '/history', '/assignments', '/consents'].map((tail) => ({ path: `/api/v1/contacts/{id}${tail}`, id: contact })),
      ...['', '/history'].map((tail) => ({ path: `/api/v1/sites/{id}${tail}`, id: site })),
      ...['', '/history'].map((tail) => ({ path: `/api/v1/billing-sites/{id}${tail}`, id: billingSite })),
      { path: '/api/v1/comms/templates/{id}', id: template },
    ];
  }

  /** schemathesis.toml: the seeded ids for the GET operations that read them. */
  function configWith(reads: Array<{ path: string; id: string }>): string {
    return reads.map(({ path: at, id }) => `[[operations]]\ninclude-path = "${at}"\ninclude-method = "GET"\nparameters = { "path.id" = "${id}" }\n`).join('\n');
  }

  /** The failures of a run's JUnit report: one line per operation and check, with the first status seen. */
  function findingsOf(junitXml: string, role: string): Finding[] {
    const findings: Finding[] = [];
    for (const testcase of junitXml.split('<testcase ').slice(1)) {
      const operation = decodeXml(/^name="([^"]*)"/.exec(testcase)?.[1] ?? '?');
      // An error is a request that got no answer (a hang past the timeout, a dropped connection), or
      // schemathesis failing in itself (`Runtime Error`: CPython 3.11's « AST constructor recursion depth
      // mismatch » while it compiles a pattern), which says nothing of the API: printed, not counted.
      for (const error of testcase.split('<error ').slice(1)) {
        const text = decodeXml(error.slice(error.indexOf('>') + 1)).split('\n').map((l) => l.trim()).filter(Boolean);
        const line = `${operation} as ${role}: ${text.slice(0, 3).join(' / ').slice(0, 300)}`;
        if (text[0] === 'Runtime Error') console.warn(`[openapi-fuzz] schemathesis failed in itself, not a finding: ${line}`);
        else findings.push({ role, operation, check: `error: ${text.slice(0, 3).join(' / ').slice(0, 300)}` });
      }
      for (const failure of testcase.split('<failure ').slice(1)) {
        const text = decodeXml(failure);
        const status = /\n\[(\d{3})\]/.exec(text)?.[1];
        // `- ST108 Response violates schema`, then its first line of detail (`'creditLimitCents' is a required property`).
        for (const [, code, check, detail] of text.matchAll(/^- (ST\d+|[A-Z][\w ]+?) ([^\n]+)\n\n\s*([^\n]*)/gm)) {
          findings.push({ role, operation, check: `${code} ${check}${detail ? `: ${detail.trim().slice(0, 200)}` : ''}`, status: status ? Number(status) : undefined });
        }
      }
    }
    return findings;
  }

  async function fuzzAs(role: string, token: string, phases: string, maxExamples: number, reads: Array<{ path: string; id: string }>): Promise<Finding[]> {
    const dir = path.join(reportRoot, role);
    fs.mkdirSync(dir, { recursive: true });
    const junit = path.join(dir, 'junit.xml');
    const config = path.join(dir, 'schemathesis.toml');
    fs.writeFileSync(config, configWith(reads));
    const args = [
      '--config-file', config, 'run', `${baseUrl}/api/v1/openapi.json`, '--url', baseUrl,
      '--header', `Authorization: Bearer ${token}`,
      '--seed', String(SEED), '--max-examples', String(maxExamples), '--no-shrink',
      '--phases', phases, '--workers', '2', '--request-timeout', '60',
      '--checks', CHECKS.join(','),
      ...EXCLUDED_PATHS.flatMap((p) => ['--exclude-path', p]),
      '--suppress-health-check', 'all',
      '--report', 'junit', '--report-junit-path', junit,
    ];
    // Its working directory is the run's folder: schemathesis keeps its cache there, not in the repository.
    // A bound for a hung run, not a measure: the coverage run takes about 2 minutes on a quiet two-core machine
    // and up to 10 on a loaded one (the whole test keeps its own 30-minute bound).
    const { code, output } = await run(st, args, dir, 1_200_000);
    fs.writeFileSync(path.join(dir, 'output.txt'), output);
    cases.set(role, Number(/(\d+) generated/.exec(output)?.[1] ?? 0));
    if (!fs.existsSync(junit)) throw new Error(`schemathesis wrote no report (exit ${code}):\n${output.slice(-4000)}`);
    const findings = findingsOf(fs.readFileSync(junit, 'utf8'), role);
    if (code !== 0 && findings.length === 0) {
      // schemathesis failing in itself (see findingsOf) may be reported only in its summary, outside the
      // report's test cases: when the summary's errors are all of that kind, it says nothing of the API.
      const summaryErrors = (/\n\s*Errors:\n((?:[ \t]+\S.*\n)+)/.exec(output)?.[1] ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
      if (summaryErrors.length && summaryErrors.every((l) => /Runtime Error: \d+$/.test(l))) {
        console.warn(`[openapi-fuzz] schemathesis failed in itself as ${role}, not a finding:\n${output.slice(-2000)}`);
      } else {
        throw new Error(`schemathesis failed (exit ${code}) without a finding:\n${output.slice(-4000)}`);
      }
    }
    return findings;
  }

  it('finds no 5xx and no answer that breaks the document, as administrators, managers and the accounting of two organisations', async () => {
    const findings: Finding[] = [];
    for (const run of RUNS) {
      // An organisation per run: an administrator's run changes and removes its colleagues (their passwords,
      // roles, accounts), which must not sign the next role out.
      const own = await createOwnTenant(t.admin, `fuzz-${run.tenant}`, [run.tenant]);
      const reads = await seedRecords(run.tenant, own.slug);
      const { accessToken } = await loginAs(t.app, run.role, own.slug);
      const started = Date.now();
      findings.push(...await fuzzAs(`${run.tenant}-${run.role}`, accessToken, run.phases, run.maxExamples, reads));
      // For the record (docs/architecture.md §10), not a threshold.
      console.log(`[openapi-fuzz] ${run.tenant}-${run.role}: ${cases.get(`${run.tenant}-${run.role}`)} requests generated, ${Math.round((Date.now() - started) / 1000)} s, load average ${os.loadavg()[0]!.toFixed(1)}`);
    }
    const lines = [...new Set(findings.map((f) => `${f.operation} as ${f.role}: ${f.check}${f.status ? ` (${f.status})` : ''}`))].sort();
    expect(lines).toEqual([]);
  }, 1_800_000);

  it('answers 405 with Allow for a method the document does not declare on a path it declares, before any router reads the path', async () => {
    const { accessToken } = await loginAs(t.app, 'direction', (await createOwnTenant(t.admin, 'fuzz-405', ['telecom'])).slug);
    const res = await request(t.app).patch('/api/v1/comms/templates/preview').set('Authorization', `Bearer ${accessToken}`).send({});
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.title).toBe('Méthode non autorisée');
    const unknown = await request(t.app).get('/api/v1/nowhere').set('Authorization', `Bearer ${accessToken}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toContain('/api/docs');
  });

  it('takes an empty optional query value as absent', async () => {
    const { accessToken } = await loginAs(t.app, 'direction', (await createOwnTenant(t.admin, 'fuzz-query', ['telecom'])).slug);
    for (const url of ['/api/v1/tasks?assignee=&candidate=&sort=&limit=', '/api/v1/accounts?cursor=&q=&status=&ownerId=', '/api/v1/users?active=&q=']) {
      const res = await request(t.app).get(url).set('Authorization', `Bearer ${accessToken}`);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
    }
  });
});
