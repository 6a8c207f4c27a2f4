import type { Router } from 'express';
import type { ApiDeps } from './http/deps';
import type { Json } from './openapi-parts';

/**
 * The API part of a module (docs/adr/0007-vertical-modules.md): its routers,
 * mounted under `/api/v1` behind authentication, and the OpenAPI paths of
 * what they serve beyond the generic record endpoints (those come from the
 * record kinds of its domain manifest). A vertical's is `api/<v>/<v>.module.ts`;
 * `api/installed-modules.ts` lists them and the callers of createApp pass the list.
 */
export interface ApiModule {
  key: string;
  routers(deps: ApiDeps): Array<{ path: string; router: Router }>;
  /**
   * Routers mounted under `/api/v1` BEFORE authentication, whose own credential is in the request (a
   * secret token in the path, a vendor's signature): each checks it and answers 404/410 otherwise.
   */
  publicRouters?(deps: ApiDeps): Array<{ path: string; router: Router }>;
  openApiPaths?(): Json;
  /**
   * Work to do once when the API starts, after it listens (api/module-start.ts):
   * it must not hold the API up, must survive Temporal or the database being
   * unreachable (log and give up until the next start) and must be idempotent
   * across restarts and across replicas starting together.
   */
  onStart?(deps: ApiDeps): Promise<void>;
}
