import type { ApiModulePart } from '../module-parts';

/** One area of the telecom API (`api/telecom/<area>.part.ts`): its routers and OpenAPI paths, merged by telecom.module.ts. */
export type TelecomApiPart = ApiModulePart;
