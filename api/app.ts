import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import swaggerUi from 'swagger-ui-express';
import { recordKindsOf } from '../domain/modules/registry';
import { stripeWebhookRouter } from './billing/stripe-webhook.router';
import { planningIcalRouter } from './planning/planning.router';
import { commsRouter } from './comms/comms.router';
import { contactCommsRouter } from './comms/contact-comms.router';
import { webhooksRouter } from './comms/webhooks.router';
import { accountOnboardingRouter } from './core/account-onboarding.router';
import { companyRegistryRouter } from './core/company-registry.router';
import { contactAssignmentsRouter } from './core/contact-assignments.router';
import { documentsRouter } from './core/documents.router';
import { recordRouter } from './core/record.router';
import { savedViewsRouter } from './core/saved-views.router';
import { usersRouter } from './identity/users.router';
import { accessLog } from './http/access-log';
import { authenticate } from './http/authenticated';
import type { ApiDeps } from './http/deps';
import { problemHandler } from './http/problem';
import { securityHeaders } from './http/security-headers';
import { limitJsonDepth } from './http/request-limits';
import { authRouter } from './identity/auth.router';
import { openApiDocument } from './openapi';
import { methodNotAllowed, noSuchEndpoint } from './http/fallback';
import { parseQuery } from './http/query';
import { processCatalogueRouter } from './process/catalogue.router';
import { decisionDefinitionsRouter } from './process/decisions.router';
import { processDefinitionsRouter } from './process/definitions.router';
import { processInstancesRouter } from './process/instances.router';
import { processMessagesRouter } from './process/messages.router';
import { processSignalsRouter } from './process/signals.router';
import { tasksRouter } from './process/tasks.router';
import { searchRouter } from './search/search.router';
import { healthRouter } from './system/health.router';
import { smokeRouter } from './system/smoke.router';
import { auditLogRouter } from './system/audit-log.router';

export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // An empty query value counts as absent (`?status=` is no filter).
  app.set('query parser', parseQuery);
  app.use(securityHeaders());
  app.set('trust proxy', deps.trustProxy ?? 'loopback');
  app.use(accessLog());
  // Stripe signs the raw bytes of its notifications: its webhook reads them before any parser (api/billing/stripe-webhook.router.ts).
  app.use('/api/v1/webhooks/stripe', stripeWebhookRouter(deps));
  // A person's agenda feed: its secret token is the credential (calendar applications send no bearer token).
  app.use('/api/v1/planning/ical', planningIcalRouter(deps));
  // 2 MB so that an oversized field is named by validation rather than cut off by the parser. The bytes as
  // received stay on the request (`rawBody`) for a public router checking a vendor's signature over them.
  app.use(express.json({ limit: '2mb', verify: (req, _res, buf) => { (req as { rawBody?: Buffer }).rawBody = buf; } }));
  app.use(limitJsonDepth());

  const doc = openApiDocument(deps.modules);
  app.get('/api/v1/openapi.json', (_req, res) => res.json(doc));
  app.use('/api/docs', swaggerUi.serve, swaggerUi.setup(doc, { customSiteTitle: 'Relais API' }));

  // A path the document declares, under a method it does not: 405 with Allow, before any router.
  app.use('/api/v1', methodNotAllowed(doc));
  const v1 = express.Router();
  v1.use('/health', healthRouter(deps));
  v1.use('/auth', authRouter(deps));
  // Vendors sign their webhooks instead of sending a bearer token: before authentication.
  v1.use('/webhooks', webhooksRouter(deps));
  // A module's routers whose credential is in the request itself (an expiring download link's token).
  for (const module of deps.modules) for (const { path: at, router } of module.publicRouters?.(deps) ?? []) v1.use(at, router);
  v1.use(authenticate(deps));
  v1.use('/contacts/:id/assignments', contactAssignmentsRouter(deps));
  v1.use('/accounts/:id/onboarding', accountOnboardingRouter(deps));
  v1.use('/contacts/:id', contactCommsRouter(deps));
  v1.use('/comms', commsRouter(deps));
  v1.use(documentsRouter(deps));
  // The core contexts' records; a vertical mounts its own (with its hooks) among its routers.
  for (const { path: at, resource } of recordKindsOf([])) v1.use(`/${at}`, recordRouter(deps, resource));
  v1.use('/saved-views', savedViewsRouter(deps));
  v1.use('/company-registry', companyRegistryRouter(deps));
  v1.use('/users', usersRouter(deps));
  v1.use('/audit-log', auditLogRouter(deps));
  for (const module of deps.modules) for (const { path: at, router } of module.routers(deps)) v1.use(at, router);
  v1.use('/search', searchRouter(deps));
  v1.use('/smoke-runs', smokeRouter(deps));
  v1.use('/process-instances', processInstancesRouter(deps));
  v1.use('/tasks', tasksRouter(deps));
  v1.use('/process-messages', processMessagesRouter(deps));
  v1.use('/process-signals', processSignalsRouter(deps));
  v1.use('/process-definitions', processDefinitionsRouter(deps));
  v1.use('/decision-definitions', decisionDefinitionsRouter(deps));
  v1.use('/process-catalogue', processCatalogueRouter(deps));
  app.use('/api/v1', v1);
  app.use('/api', noSuchEndpoint);

  if (deps.uiDir && fs.existsSync(path.join(deps.uiDir, 'index.html'))) {
    app.use(express.static(deps.uiDir, { index: false, maxAge: '1h' }));
    // The single-page app answers every other path itself (vue-router history mode).
    // `root`: only the file's own path is checked for dot segments, so an install under a hidden folder (~/.local/…) still serves it.
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile('index.html', { root: deps.uiDir! }));
  }
  app.use(problemHandler);
  return app;
}
