import type { ApiModule } from '../api-module';

/** One area of the telecom API (`api/telecom/<area>.part.ts`): its routers and OpenAPI paths, merged by telecom.module.ts. */
export type TelecomApiPart = Pick<ApiModule, 'routers' | 'publicRouters' | 'openApiPaths' | 'onStart'>;
