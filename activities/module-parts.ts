import type { BulkSender } from '../domain/core/bulk-action';
import type { ActivitiesModule, ModuleActivityDeps } from './activities-module';

/** One area of a vertical's activity implementations (`activities/<v>/<area>.part.ts`), merged by `mergeActivityParts`. */
export interface ActivitiesModulePart {
  create: ActivitiesModule['create'];
  bulkSenders?(deps: ModuleActivityDeps): Record<string, BulkSender>;
}

/** A vertical's activities module from its areas: every area's implementations and bulk senders by name. */
export function mergeActivityParts(key: string, parts: readonly ActivitiesModulePart[]): ActivitiesModule {
  return {
    key,
    create: (deps) => Object.assign({}, ...parts.map((p) => p.create(deps))),
    bulkSenders: (deps) => Object.assign({}, ...parts.map((p) => p.bulkSenders?.(deps) ?? {})),
  };
}
