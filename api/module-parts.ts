import type { ApiModule } from './api-module';

/** One area of a vertical's API (`api/<v>/<area>.part.ts`): its routers and OpenAPI paths, merged by `mergeApiParts`. */
export type ApiModulePart = Pick<ApiModule, 'routers' | 'publicRouters' | 'openApiPaths' | 'onStart'>;

/**
 * A vertical's API module from its areas, in mounting order: a more specific path (`/telecom/lines/…/x`) belongs
 * to an area listed before the general one. Start-up work runs in the same order.
 */
export function mergeApiParts(key: string, parts: readonly ApiModulePart[]): ApiModule {
  return {
    key,
    routers: (deps) => parts.flatMap((p) => p.routers(deps)),
    publicRouters: (deps) => parts.flatMap((p) => p.publicRouters?.(deps) ?? []),
    openApiPaths: () => Object.assign({}, ...parts.map((p) => p.openApiPaths?.() ?? {})),
    onStart: async (deps) => { for (const p of parts) await p.onStart?.(deps); },
  };
}
