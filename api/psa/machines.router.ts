import { Router } from 'express';
import { psaMachines } from '../../domain/psa/machines';
import { recordRouter } from '../core/record.router';
import type { ApiDeps } from '../http/deps';

/** `/api/v1/psa/machines`: a client's machines on the generic record endpoints (list by client or site, read, create, change, delete, history). */
export function machinesRouter(deps: ApiDeps): Router {
  const router = Router();
  router.use('/', recordRouter(deps, psaMachines));
  return router;
}
