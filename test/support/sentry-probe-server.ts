/**
 * A process that reports errors to Sentry exactly as the API does
 * (`initSentry('api')` with SENTRY_DSN from the environment), for
 * test/integration/sentry.test.ts. It runs apart from Jest because the Sentry
 * SDK instruments Node's http module for the whole process, which would leak
 * into every later test file of a Jest worker.
 *
 * It serves, on 127.0.0.1 and a free port printed as `PROBE_PORT=<port>`:
 * - POST /probe/invitations: a route that fails unexpectedly, quoting the email
 *   of its body, followed by the API's problemHandler;
 * - the real API (createApp on DATABASE_URL), whose Temporal client fails
 *   quoting PROBE_EMAIL;
 * - POST /__flush: answers `{ flushed }` once Sentry has sent what it holds.
 * SIGTERM closes Sentry and the database pool, then exits.
 */
import * as Sentry from '@sentry/node';
import express from 'express';
import knexFactory from 'knex';
import type { AddressInfo } from 'node:net';
import '../../domain/installed-modules';
import { createApp } from '../../api/app';
import { INSTALLED_API_MODULES } from '../../api/installed-modules';
import { problemHandler } from '../../api/http/problem';
import { initSentry } from '../../config/sentry';
import { knexConfig } from '../../db/knexfile';

class InvitationError extends Error {
  override name = 'InvitationError';
}

if (!initSentry('api')) throw new Error('SENTRY_DSN is not set');
const knex = knexFactory(knexConfig(process.env.DATABASE_URL!, 2));
const api = createApp({
  knex,
  auth: { jwtSecret: process.env.JWT_SECRET!, accessTtlSeconds: 900, refreshTtlSeconds: 3600 },
  temporal: () => Promise.reject(new Error(`Temporal refused the start requested for ${process.env.PROBE_EMAIL}`)),
  taskQueue: 'sentry-probe',
  dataDir: process.env.RELAIS_DATA_DIR!,
  loginRateLimitPer15Min: 10_000,
  modules: INSTALLED_API_MODULES,
});

const probe = express();
probe.use(express.json());
probe.post('/invitations', (req) => {
  throw new InvitationError(`Could not send the invitation to ${String(req.body.email)}`);
});
probe.use(problemHandler);

const app = express();
app.post('/__flush', (_req, res, next) => {
  Sentry.flush(5000).then((flushed) => res.json({ flushed }), next);
});
app.use('/probe', probe);
app.use(api);

const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`PROBE_PORT=${(server.address() as AddressInfo).port}\n`);
});
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  Sentry.close(5000).finally(() => knex.destroy().finally(() => process.exit(0)));
});
