import { logger } from '../config/logger';
import type { ApiDeps } from './http/deps';
import { serveStartRequests } from './process/start-requests';

/**
 * Runs the core's start-up work (the process starts asked for while the engine
 * was away: api/process/start-requests.ts), then the installed modules' `onStart`
 * hooks, one after the other. Called by api/server.ts once the API listens,
 * without waiting: a step that fails is logged and the next one runs; the API
 * serves all along.
 */
export async function runModuleStartHooks(deps: ApiDeps): Promise<void> {
  try {
    await serveStartRequests(deps);
  } catch (error) {
    logger.error({ err: error }, 'the process starts asked for while the engine was away could not run; they run at the next start');
  }
  for (const module of deps.modules) {
    if (!module.onStart) continue;
    try {
      await module.onStart(deps);
    } catch (error) {
      logger.error({ err: error, module: module.key }, `the start-up work of module ${module.key} failed; it runs again at the next start`);
    }
  }
}
