import type { UiModulePart } from '@/modules/ui-parts';

/** One area of the telecom screens (`ui/src/telecom/<area>/<area>.part.ts`), merged by telecom.module.ts; texts under `telecom.<key>.…`. */
export type TelecomUiPart = UiModulePart;
