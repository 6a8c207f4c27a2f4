import type { ApiModule } from '../api-module';
import { backupOpenApiPaths } from './backup.openapi';
import { backupRouter } from './backup.router';

/** The backup context's API: `/api/v1/backups` (ADR 0020). */
export const backupApiModule: ApiModule = {
  key: 'backup',
  routers: (deps) => [{ path: '/backups', router: backupRouter(deps) }],
  openApiPaths: backupOpenApiPaths,
};
