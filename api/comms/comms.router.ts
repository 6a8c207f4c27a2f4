import { Router } from 'express';
import type { ApiDeps } from '../http/deps';
import { campaignsRouter } from './campaigns.router';
import { messagesRouter } from './messages.router';
import { settingsRouter } from './settings.router';
import { templatesRouter } from './templates.router';

/** Everything under /api/v1/comms. */
export function commsRouter(deps: ApiDeps): Router {
  const router = Router();
  router.use(messagesRouter(deps));
  router.use(templatesRouter(deps));
  router.use(campaignsRouter(deps));
  router.use(settingsRouter(deps));
  return router;
}
