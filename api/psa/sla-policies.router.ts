import { Router } from 'express';
import { psaSlaPolicies } from '../../domain/psa/sla-policies';
import { recordRouter } from '../core/record.router';
import type { ApiDeps } from '../http/deps';

/** `/api/v1/psa/sla-policies`: the SLA policies on the generic record endpoints (list, read, create, change, delete, history); the admin's. */
export function slaPoliciesRouter(deps: ApiDeps): Router {
  const router = Router();
  router.use('/', recordRouter(deps, psaSlaPolicies));
  return router;
}
